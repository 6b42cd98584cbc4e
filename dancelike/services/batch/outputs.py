"""What a batch leaves in its folder: ``results.csv``, one report JSON and one picture per row,
and ``index.html``, the class page.

Every file is written atomically (``dancelike.atomic``), and the CSV after every row, so a
batch stopped at any moment leaves a valid CSV of what was done and ``--resume`` can go on from
it. The class page opens from the disk with no server and nothing fetched: pictures are inside
it, sorting is a few lines of inline script, and every text from a file name or a report is
escaped.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dancelike import i18n
from dancelike.atomic import write_file
from dancelike.i18n import translate
from dancelike.pipeline.batch_job import PARTS
from dancelike.scoring import coaching

CSV_NAME = "results.csv"
INDEX_NAME = "index.html"
REPORTS = "reports"
PICTURES = "pictures"
REPLAYS = "replays"
#: The CSV's columns; "json" is the row's report, relative to the folder (how --resume finds it).
COLUMNS = ("performance", "dancer", "score", "grade", "shape", "timing", "this_dance", *PARTS, "weakest", "error", "json")


def stem(index: int, performance: str, dancer: int | None) -> str:
    """``003-anna[-d2]``: the input's position, its name made safe for any file system, the dancer."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(performance).stem).strip("._") or "performance"
    return f"{index:03d}-{safe[:60]}" + (f"-d{dancer}" if dancer is not None else "")


def ranked(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Best score first; rows that could not be scored last, in name order."""
    return sorted(rows, key=lambda row: (row.get("score") is None, -(row.get("score") or 0.0), row["performance"], row.get("dancer") or 0))


def write_row_files(out: Path, row: dict[str, Any], name: str) -> None:
    """The row's report JSON (``score --json``'s document) and picture under ``name``; the row
    keeps where its JSON is (``"json"``) and its picture's bytes are dropped from it."""
    picture = row.pop("picture", None)
    if row.get("report") is not None:
        relative = f"{REPORTS}/{name}.json"
        write_file(out / relative, (json.dumps(row["report"], indent=1) + "\n").encode("utf-8"), "report JSON")
        row["json"] = relative
    if picture:
        write_file(out / PICTURES / f"{name}.jpg", picture, "picture")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(rows: Iterable[dict[str, Any]]) -> str:
    """The rows as ``results.csv``'s text (ranked)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in ranked(rows):
        parts = row.get("parts") or {}
        writer.writerow([_cell(parts.get(column)) if column in PARTS else _cell(row.get(column)) for column in COLUMNS])
    return buffer.getvalue()


def write_csv(out: Path, rows: Iterable[dict[str, Any]]) -> Path:
    """``results.csv`` written whole (never half a file, whenever the batch stops)."""
    write_file(out / CSV_NAME, csv_text(rows).encode("utf-8"), "results CSV")
    return out / CSV_NAME


def _number(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def read_rows(out: Path) -> list[dict[str, Any]]:
    """The rows of an earlier run's ``results.csv`` in ``out`` (none when there is none), as
    ``run_batch`` makes them, without their report (it stays in its JSON)."""
    path = out / CSV_NAME
    if not path.is_file():
        return []
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        for cells in csv.DictReader(handle):
            if not cells.get("performance"):
                continue
            dancer = (cells.get("dancer") or "").strip()
            this_dance = (cells.get("this_dance") or "").strip()
            rows.append(
                {
                    "performance": cells["performance"],
                    "dancer": int(dancer) if dancer.isdigit() else None,
                    "score": _number(cells.get("score") or ""),
                    "grade": cells.get("grade") or "",
                    "shape": _number(cells.get("shape") or ""),
                    "timing": _number(cells.get("timing") or ""),
                    "this_dance": None if not this_dance else this_dance == "true",
                    "parts": {part: _number(cells.get(part) or "") for part in PARTS},
                    "weakest": cells.get("weakest") or "",
                    "error": cells.get("error") or "",
                    "json": cells.get("json") or None,
                    "report": None,
                }
            )
    return rows


# --- the class page ------------------------------------------------------------------

_STYLE = """body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}p.meta{color:#666;margin:0 0 16px}
table{border-collapse:collapse;background:#fff;box-shadow:0 1px 3px #0002}
th,td{padding:6px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:middle}
th{background:#333;color:#fff;cursor:pointer;user-select:none;position:sticky;top:0}
th:hover{background:#555}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.score{font-size:20px;font-weight:600}td.err{color:#b00020}img{height:80px;border-radius:4px;display:block}
tr.failed td{background:#fff5f5}.grade{display:inline-block;min-width:22px;text-align:center;border-radius:4px;background:#eee;padding:1px 4px}"""

# Click a heading to sort by it; again to reverse. Numbers sort as numbers, empty cells last.
_SCRIPT = """document.querySelectorAll('th').forEach(function(th,col){th.addEventListener('click',function(){
var body=th.closest('table').tBodies[0],rows=Array.from(body.rows),up=th.dataset.up!=='1';
th.dataset.up=up?'1':'0';rows.sort(function(a,b){var x=a.cells[col].dataset.v,y=b.cells[col].dataset.v;
if(x===y)return 0;if(x==='')return 1;if(y==='')return -1;var p=parseFloat(x),q=parseFloat(y);
var c=(!isNaN(p)&&!isNaN(q))?p-q:x.localeCompare(y);return up?c:-c;});rows.forEach(function(r){body.appendChild(r);});});});"""


def _td(text: str, sort: Any = None, cls: str = "", raw: bool = False) -> str:
    value = "" if sort is None else str(sort)
    shown = text if raw else html.escape(text)
    klass = f' class="{cls}"' if cls else ""
    return f'<td{klass} data-v="{html.escape(value)}">{shown}</td>'


def _figure(value: Any) -> str:
    return "" if value is None else f"{float(value):.0f}"


def _picture(out: Path, row: dict[str, Any]) -> str:
    """The dancer's picture inside the page (a data: URL), so the page needs nothing beside it."""
    json_path = row.get("json")
    if not json_path:
        return ""
    picture = out / PICTURES / (Path(json_path).stem + ".jpg")
    if not picture.is_file():
        return ""
    data = base64.b64encode(picture.read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(row["performance"])}" src="data:image/jpeg;base64,{data}">'


def _table_row(out: Path, rank: int | None, row: dict[str, Any]) -> str:
    failed = bool(row.get("error"))
    parts = row.get("parts") or {}
    json_path = row.get("json")
    link = f'<a href="{html.escape(json_path)}">JSON</a>' if json_path else ""
    grade = f'<span class="grade">{html.escape(row.get("grade") or "")}</span>' if row.get("grade") else ""
    cells = [
        _td("" if rank is None else str(rank), rank, "n"),
        _td(_picture(out, row), None, raw=True),
        _td(row["performance"], row["performance"]),
        _td("" if row.get("dancer") is None else str(row["dancer"]), row.get("dancer"), "n"),
        _td(_figure(row.get("score")), row.get("score"), "n score"),
        _td(grade, row.get("grade"), raw=True),
        _td(_figure(row.get("shape")), row.get("shape"), "n"),
        _td(_figure(row.get("timing")), row.get("timing"), "n"),
        *(_td("—" if parts.get(part) is None and not failed else _figure(parts.get(part)), parts.get(part), "n") for part in PARTS),
        _td(row.get("error") or row.get("weakest") or "", row.get("error") or row.get("weakest") or "", "err" if failed else ""),
        _td(link, None, raw=True),
    ]
    return ('<tr class="failed">' if failed else "<tr>") + "".join(cells) + "</tr>"


def index_html(out: Path, rows: Iterable[dict[str, Any]], reference: str) -> str:
    """The class page: one row per performance (or dancer), best first, sortable by any column."""
    ordered = ranked(rows)
    scored = [row for row in ordered if row.get("score") is not None]
    headings = [
        "#",
        "",
        translate("ClassPage", "Performance"),
        translate("ClassPage", "Dancer"),
        translate("ClassPage", "Score"),
        translate("ClassPage", "Grade"),
        translate("ClassPage", "Shape"),
        translate("ClassPage", "Timing"),
        *(coaching.part_label(part, capital=True) for part in PARTS),
        translate("ClassPage", "Move to practise / error"),
        translate("ClassPage", "Report"),
    ]
    body = "\n".join(_table_row(out, rank if rank <= len(scored) else None, row) for rank, row in enumerate(ordered, start=1))
    if len(ordered) > len(scored):
        meta = translate("ClassPage", "{scored} scored, {failed} could not be scored. Click a heading to sort.")
    else:
        meta = translate("ClassPage", "{scored} scored. Click a heading to sort.")
    meta = meta.format(scored=len(scored), failed=len(ordered) - len(scored))
    title = translate("ClassPage", "Class results: {reference}").format(reference=reference)
    lang = "en" if i18n.language() == i18n.SOURCE_LANGUAGE else i18n.language().replace("_", "-")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>\n"
        f'<h1>{html.escape(title)}</h1><p class="meta">{html.escape(meta)}</p>\n'
        "<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headings) + "</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody></table>\n<script>{_SCRIPT}</script>\n</body></html>\n"
    )


def write_index(out: Path, rows: Iterable[dict[str, Any]], reference: str) -> Path:
    """``index.html`` written whole."""
    write_file(out / INDEX_NAME, index_html(out, rows, reference).encode("utf-8"), "class page")
    return out / INDEX_NAME
