#!/usr/bin/env python3
"""Checks a workbook from `wbs export --format xlsx` with openpyxl, a reader
that shares no code with wbs: every row against `wbs export --format json`.

    wbs export --format xlsx --output plan.xlsx
    wbs export --format json > plan.json
    python3 tests/openpyxl_check.py plan.xlsx plan.json

Needs openpyxl (`pip install openpyxl`). Not part of `cargo test`, which
reads the workbook back with calamine and the sheet XML; this is the second
opinion, run by hand. Prints what it checked; exits 1 on the first
difference.
"""

import datetime
import json
import sys

import openpyxl

HEADER = ["code", "id", "title", "owner", "status", "progress", "start", "due", "effort", "tags"]


def cell_list(items):
    """A list in one cell as wbs writes it (src/sheet.rs, `list`)."""
    def item(text):
        if not text or "," in text or '"' in text or text[0] in "+-" or text.strip() != text:
            return '"' + text.replace('"', '""') + '"'
        return text
    return ",".join(item(t) for t in items)


def fail(message):
    sys.exit(f"FAIL: {message}")


def main():
    workbook_path, json_path = sys.argv[1:3]
    nodes = json.load(open(json_path, encoding="utf-8"))
    sheet = openpyxl.load_workbook(workbook_path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    if header != HEADER:
        fail(f"header {header}")
    if sheet.freeze_panes != "A2":
        fail(f"frozen panes {sheet.freeze_panes}")
    if sheet.auto_filter.ref != f"A1:J{len(nodes) + 1}":
        fail(f"filter {sheet.auto_filter.ref}")
    if sheet.sheet_properties.outlinePr.summaryBelow is not False:
        fail("the fold buttons are not above the details")
    for row, node in enumerate(nodes, start=2):
        cells = {name: sheet.cell(row, column + 1) for column, name in enumerate(HEADER)}
        where = f"row {row} ({node['code']})"
        if cells["code"].data_type != "s" or cells["code"].value != node["code"]:
            fail(f"{where}: code {cells['code'].value!r} ({cells['code'].data_type})")
        for field in ("id", "title", "owner", "status"):
            if cells[field].value != node[field]:
                fail(f"{where}: {field} {cells[field].value!r} != {node[field]!r}")
        if cells["progress"].value != node["progress"]:
            fail(f"{where}: progress {cells['progress'].value!r} != {node['progress']!r}")
        for field in ("start", "due"):
            cell = cells[field]
            if node[field] is None:
                if cell.value is not None:
                    fail(f"{where}: {field} {cell.value!r}, none expected")
                continue
            if not isinstance(cell.value, datetime.datetime) or cell.number_format != "yyyy-mm-dd":
                fail(f"{where}: {field} {cell.value!r} in {cell.number_format!r} is not a date")
            if cell.value.date().isoformat() != node[field]:
                fail(f"{where}: {field} {cell.value.date()} != {node[field]}")
        if (cells["tags"].value or "") != cell_list(node["tags"]):
            fail(f"{where}: tags {cells['tags'].value!r}")
        level = sheet.row_dimensions[row].outline_level
        if level != min(node["level"] - 1, 7):
            fail(f"{where}: outline level {level}, level {node['level']}")
        if cells["title"].alignment.indent != min(node["level"] - 1, 15):
            fail(f"{where}: indent {cells['title'].alignment.indent}")
    print(f"ok: {len(nodes)} rows: codes as text, fields, dates as dates (yyyy-mm-dd), "
          "outline levels and indents by level; header frozen at A2, filter over every row, "
          "fold buttons above")


if __name__ == "__main__":
    main()
