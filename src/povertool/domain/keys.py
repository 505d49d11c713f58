"""Matching keys for names and words: the same key for 'Phường An Lạc', 'PHƯỜNG AN LẠC' and 'phuong an lac'.

Pure text work, used by the readers (headers, flags, statuses) and by the domain (units of totals and plans).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def match_key(value: object) -> str:
    """Lower-case, accent-free, punctuation-free key: 'Số nhân khẩu (người)' -> 'so nhan khau nguoi'."""
    text = unicodedata.normalize("NFD", str(value)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", text).strip()
