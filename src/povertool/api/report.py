"""The file side of write_report (api.py): output checks, writing both files, the cover's sources and time."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from ..domain.progress import Progress
from ..domain.survey import Classification
from ..errors import OutputError, UsageError
from .guards import rejected_rows
from ..render.writers import check_output, write_atomic
from ..render.report_model import Report

if TYPE_CHECKING:
    import pandas as pd

REPORT_HTML_SUFFIXES = (".html", ".htm")


def check_html_output(path: Path, inputs: list[Path]) -> None:
    """The HTML report: an .html name, not an input, in a folder that exists."""
    if path.suffix.lower() not in REPORT_HTML_SUFFIXES:
        raise OutputError.of("report.html_name", path=path)
    check_output(path.with_suffix(".json"), inputs)  # the same checks (folder, writable) on a sibling name
    if any(path.resolve() == p.resolve() for p in inputs):
        raise OutputError.of("report.html_is_input", path=path)


def write_report_files(report: Report, target: Path, html_target: Path | None) -> None:
    """Write the workbook (and the HTML) atomically; record them in ``report.outputs``."""
    from ..render.workbook import write_report_workbook

    write_atomic(target, lambda tmp: write_report_workbook(report, tmp))
    report.outputs = [target]
    if html_target is not None:
        from ..render.html_report import render_html

        text = render_html(report)
        write_atomic(html_target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        report.outputs.append(html_target)


VIETNAM_ZONE = "Asia/Ho_Chi_Minh"
_UTC_NAMES = ("UTC", "UCT", "Universal", "Zulu", "GMT", "Etc/UTC", "Etc/UCT", "Etc/GMT", "Etc/Universal", "Etc/Zulu")


def local_zone(*, environ: Mapping[str, str] | None = None, localtime: Path = Path("/etc/localtime")) -> dt.tzinfo:
    """The machine's time zone (TZ, or the system's setting); Asia/Ho_Chi_Minh when none is set (no TZ and a
    system left on UTC, as servers and containers are by default)."""
    local = dt.datetime.now().astimezone().tzinfo or dt.timezone.utc
    environ = os.environ if environ is None else environ
    if environ.get("TZ", "").strip() or os.name == "nt":
        return local
    link = localtime
    if link.exists():
        name = str(link.resolve())
        if not any(name.endswith("/" + utc) for utc in _UTC_NAMES):
            return local
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(VIETNAM_ZONE)
    except Exception:  # no time zone database on this machine: the fixed offset of Viet Nam
        return dt.timezone(dt.timedelta(hours=7), "ICT")


def generation_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; in local time (``local_zone``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).astimezone(local_zone())
        except (ValueError, OverflowError, OSError) as exc:
            raise UsageError.of("report.source_date_epoch", value=epoch) from exc
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).astimezone(local_zone())


def report_area(area_name: str | None, sources: list, totals: pd.DataFrame | None,
                households: pd.DataFrame | None) -> str:
    """The area the report is for: ``--area-name``, else the "UBND …" line of the lists' titles, else the one
    district/province of the totals file, else the one commune of the lists; '' when nothing names it."""
    from ..domain.unit_names import UNIT_LEVELS
    from ..read.title_area import title_authority

    if area_name:
        return area_name
    named = title_authority((s.path, s.sheet) for s in sources)
    if named:
        return named
    for frame, levels in ((totals, ("province", "district")), (households, ("district", "commune"))):
        if frame is None:
            continue
        for level in levels:
            if level in frame and level in UNIT_LEVELS:
                names = frame[level].dropna().astype(str).str.strip()
                distinct = names[names != ""].unique()
                if len(distinct) == 1:
                    return str(distinct[0])
    return ""


def report_sources(current: list, baseline: list, history: list[list], plan: object, totals: object,
                    year: int | None, baseline_year: int | None, lang: str) -> list:
    """Every file the report was made from, with its role and SHA-256 checksum."""
    from ..labels import labels
    from ..render.report_model import Source

    t = labels("report", lang)
    roles = [(t["role_current"].format(year=year or ""), current), (t["role_baseline"].format(year=baseline_year or ""), baseline)]
    roles += [(t["role_history"], h) for h in history]
    roles += [(t["role_plan"], [plan] if plan is not None else []), (t["role_totals"], [totals] if totals is not None else [])]
    return [Source(role.strip(), name, digest) for role, items in roles for name, digest in _checksums(items)]


def _checksums(items: list) -> list[tuple[str, str]]:
    """(file name, SHA-256) of each file; a folder gives each file in it, named folder/file."""
    out = []
    for item in items:
        item = Path(item)
        files = sorted(p for p in item.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))) \
            if item.is_dir() else [item]
        for f in files:
            digest = hashlib.sha256(f.read_bytes()).hexdigest()
            out.append((f"{item.name}/{f.name}" if item.is_dir() else f.name, digest))
    return out


def progress_notes(progress_result: Progress | None) -> list[str]:
    """The change of standard between rounds, when allowed: said on the cover."""
    return [progress_result.standard_note] if progress_result is not None and progress_result.standard_note else []


def report_rejected(result: Classification, progress_result: Progress | None) -> dict[str, list[dict]]:
    """Round name -> rejected rows, the current round first."""
    rounds = {"current": rejected_rows(result.summary["rejected"])}
    if progress_result is not None:
        rounds.update({k: v for k, v in progress_result.rejected.items() if k != "current"})
    return {k: v for k, v in rounds.items() if v}
