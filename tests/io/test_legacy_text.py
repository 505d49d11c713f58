"""Legacy TCVN3 (.VnTime) and VNI sheets come out in Unicode, headers included; Unicode text is left alone."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from quirks import QUIRKS, generator

from povertool import api
from povertool.read.legacy import TCVN3, VNI, detect_encoding, to_unicode


def test_tcvn3_sheet_comes_out_in_unicode():
    survey = api.read_survey(QUIRKS / "legacy-tcvn3.xlsx")
    assert list(survey.original["Họ và tên chủ hộ"]) == ["Nguyễn Thị Hường", "Đỗ Văn Đức"]
    assert survey.sources[0].columns["income_per_capita"] == "Thu nhập bình quân đầu người/tháng"
    assert survey.sources[0].columns["telecom"] == "Sử dụng dịch vụ viễn thông"
    assert set(survey.households["commune"]) == {"Xã Tân Phú"}  # title "UBND XÃ TÂN PHÚ" typed in .VnTimeH
    result = api.classify(survey)
    assert list(result.households["status"]) == ["poor", "not_poor"]


def test_vni_sheet_comes_out_in_unicode():
    survey = api.read_survey(QUIRKS / "legacy-vni.xlsx")
    assert list(survey.households["head_name"]) == ["Nguyễn Văn Được", "Trần Thị Thơ"]
    assert list(survey.households["commune"]) == ["Phường Bến Thành", "Xã Tân Hội"]
    assert list(survey.households["area"]) == ["urban", "rural"]
    assert survey.sources[0].columns["members"] == "Số nhân khẩu"


def test_unicode_and_ascii_columns_are_not_legacy():
    assert detect_encoding(["Nguyễn Văn Hoà", "Trần Thị Thuý"]) is None
    assert detect_encoding(["Hoà Bình", "Lê Thị Hà"]) is None  # a Unicode ơ/ư/ạ… anywhere settles it
    assert detect_encoding(["x", "1.500.000", "NB-01"]) is None


GEN = generator()
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
words = st.text(alphabet=VIETNAMESE + "bcghklmnpqrstvx", min_size=1, max_size=8)


@given(st.lists(words, min_size=1, max_size=5))
@settings(max_examples=200, deadline=None)
def test_tcvn3_and_vni_round_trip_lower_case(parts):
    text = " ".join(parts)
    gen = GEN
    assert to_unicode(gen.tcvn3(text), TCVN3) == text
    assert to_unicode(gen.vni(text), VNI) == text
    assert to_unicode(gen.vni(text.upper()), VNI) == unicodedata.normalize("NFC", text.upper())
