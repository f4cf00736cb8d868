#!/usr/bin/env python3
"""The jobs `wbs` does, done the way a hand-written PyYAML script does them:
the peer that bench/run.py times `wbs` against.

    python3 bench/pyyaml_jobs.py check PLAN
    python3 bench/pyyaml_jobs.py list PLAN          # is:leaf is:open -status:blocked
    python3 bench/pyyaml_jobs.py report PLAN
    python3 bench/pyyaml_jobs.py diff OLD NEW
    python3 bench/pyyaml_jobs.py update PLAN START   # leaves starting on/after START: in-progress, 50 %

Each loads with PyYAML's C loader (libyaml), indexes the tasks, rolls
progress up by effort, and then filters, compares or changes and dumps, as
the wbs command does. It checks less than wbs (no line numbers, no
did-you-mean) and the update loses comments and formatting: it is a fair
lower bound for a script, not a replacement.
"""

import datetime
import sys

import yaml

if not yaml.__with_libyaml__:
    sys.exit("PyYAML without libyaml: install it with the C extension")

LOADER = yaml.CSafeLoader
DUMPER = yaml.CSafeDumper
ALIASES = {"doing": "in-progress", "wip": "in-progress", "canceled": "cancelled"}
VALID = {"todo", "in-progress", "blocked", "done", "cancelled"}
TODAY = datetime.date(2026, 11, 29)
HOURS = {"h": 1.0, "d": 8.0, "w": 40.0}


def as_date(value):
    """A date field: YAML reads an unquoted date as a date, a quoted one as text."""
    if isinstance(value, datetime.date) or value is None:
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=LOADER)


def effort_hours(text):
    if not isinstance(text, str) or len(text) < 2 or text[-1] not in HOURS:
        return None
    try:
        return float(text[:-1]) * HOURS[text[-1]]
    except ValueError:
        return None


def progress_of(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.rstrip("%"))
        except ValueError:
            return None
    return None


def flatten(plan):
    """Every task as a dict with parent, level, children, in document order."""
    default = effort_hours((plan.get("defaults") or {}).get("effort", "1d")) or 8.0
    nodes = []
    stack = [(task, None, 1) for task in reversed(plan.get("tasks") or [])]
    while stack:
        raw, parent, level = stack.pop()
        if isinstance(raw, str):
            raw = {"title": raw}
        node = {"raw": raw, "parent": parent, "level": level, "children": [],
                "index": len(nodes), "default_effort": default}
        nodes.append(node)
        if parent is not None:
            nodes[parent]["children"].append(node["index"])
        for child in reversed(raw.get("tasks") or []):
            stack.append((child, node["index"], level + 1))
    return nodes


def validate(nodes):
    errors = []
    ids = {}
    for node in nodes:
        raw = node["raw"]
        if not raw.get("title"):
            errors.append(("missing-field", node["index"]))
        if "id" in raw:
            if raw["id"] in ids:
                errors.append(("duplicate-id", node["index"]))
            ids[raw["id"]] = node["index"]
        status = raw.get("status")
        if status is not None and ALIASES.get(status, status) not in VALID:
            errors.append(("invalid-status", node["index"]))
        if "progress" in raw:
            p = progress_of(raw["progress"])
            if p is None or not 0 <= p <= 100:
                errors.append(("invalid-progress", node["index"]))
        if "effort" in raw and effort_hours(raw["effort"]) is None:
            errors.append(("invalid-effort", node["index"]))
        for key in ("start", "due"):
            if key in raw and as_date(raw[key]) is None:
                errors.append(("invalid-date", node["index"]))
        if node["children"] and (raw.get("progress") is not None or raw.get("effort") is not None):
            errors.append(("leaf-field-on-parent", node["index"]))
    for node in nodes:
        for dep in node["raw"].get("after") or []:
            if dep not in ids:
                errors.append(("unknown-dependency", node["index"]))
    return ids, errors


def roll_up(nodes):
    """Effort-weighted progress, status and dates, children before parents."""
    for node in reversed(nodes):
        raw = node["raw"]
        if not node["children"]:
            status = ALIASES.get(raw.get("status"), raw.get("status")) or "todo"
            progress = progress_of(raw.get("progress"))
            if progress is None:
                progress = 100.0 if status == "done" else 0.0
            node.update(status=status, progress=progress,
                        weight=effort_hours(raw.get("effort")) or node["default_effort"],
                        start=as_date(raw.get("start")), due=as_date(raw.get("due")))
            continue
        kids = [nodes[i] for i in node["children"]]
        live = [k for k in kids if k["status"] != "cancelled"]
        weight = sum(k["weight"] for k in live)
        done = sum(k["weight"] * k["progress"] for k in live)
        statuses = {k["status"] for k in live}
        if not live:
            status = "cancelled"
        elif statuses == {"done"}:
            status = "done"
        elif "blocked" in statuses:
            status = "blocked"
        elif statuses == {"todo"}:
            status = "todo"
        else:
            status = "in-progress"
        starts = [k["start"] for k in kids if k["start"]]
        dues = [k["due"] for k in kids if k["due"]]
        node.update(status=status, progress=done / weight if weight else 0.0, weight=weight,
                    start=as_date(raw.get("start")) or (min(starts) if starts else None),
                    due=as_date(raw.get("due")) or (max(dues) if dues else None))


def prepared(path):
    plan = load(path)
    nodes = flatten(plan)
    ids, errors = validate(nodes)
    roll_up(nodes)
    return plan, nodes, ids, errors


def check(path):
    _, nodes, _, errors = prepared(path)
    print(f"checked {len(nodes)} tasks: {len(errors)} errors")
    return 1 if errors else 0


def list_(path):
    _, nodes, _, _ = prepared(path)
    out = []
    for node in nodes:
        if node["children"] or node["status"] in ("done", "cancelled", "blocked"):
            continue
        raw = node["raw"]
        out.append(f"{raw.get('id') or ''}\t{raw.get('title')}\t{node['status']}\t"
                   f"{node['progress']:.1f}\t{node['due'] or ''}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def report(path):
    _, nodes, _, _ = prepared(path)
    counts = {}
    overdue, soon, blocked = [], [], []
    horizon = TODAY + datetime.timedelta(days=14)
    for node in nodes:
        if node["children"]:
            continue
        counts[node["status"]] = counts.get(node["status"], 0) + 1
        open_ = node["status"] not in ("done", "cancelled")
        if open_ and node["due"] and node["due"] < TODAY:
            overdue.append(node)
        elif open_ and node["due"] and node["due"] <= horizon:
            soon.append(node)
        if node["status"] == "blocked":
            blocked.append(node)
    print("counts:", counts)
    for node in nodes:
        if node["level"] <= 2:
            print(f"{node['raw'].get('title')}\t{node['progress']:.1f}")
    for name, items in (("overdue", overdue), ("due soon", soon), ("blocked", blocked)):
        print(f"{name}: {len(items)}")
        for node in items:
            print(f"  {node['raw'].get('id') or ''}\t{node['raw'].get('title')}\t{node['due']}")
    return 0


FIELDS = ("title", "owner", "status", "progress", "start", "due", "effort", "tags", "after", "notes")


def diff(old_path, new_path):
    _, old, old_ids, _ = prepared(old_path)
    _, new, new_ids, _ = prepared(new_path)
    changes = 0
    for key, i in new_ids.items():
        if key not in old_ids:
            print(f"added {key}")
            changes += 1
            continue
        a, b = old[old_ids[key]], new[i]
        parent_a = old[a["parent"]]["raw"].get("id") if a["parent"] is not None else None
        parent_b = new[b["parent"]]["raw"].get("id") if b["parent"] is not None else None
        if parent_a != parent_b:
            print(f"moved {key}")
            changes += 1
        for field in FIELDS:
            if a["raw"].get(field) != b["raw"].get(field):
                print(f"changed {key} {field}: {a['raw'].get(field)} -> {b['raw'].get(field)}")
                changes += 1
    for key in old_ids:
        if key not in new_ids:
            print(f"removed {key}")
            changes += 1
    print(f"{changes} changes")
    return 0


def update(path, start):
    plan, nodes, _, errors = prepared(path)
    if errors:
        return 1
    start = datetime.date.fromisoformat(start)
    changed = 0
    for node in nodes:
        raw = node["raw"]
        if not node["children"] and node["start"] and node["start"] >= start:
            raw["status"] = "in-progress"
            raw["progress"] = 50
            changed += 1
    # Plain-string tasks have no start: every changed task is a dict that
    # is still in the loaded document, which is dumped whole.
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(plan, f, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    print(f"updated {changed} tasks")
    return 0


def main(argv):
    jobs = {"check": (check, 1), "list": (list_, 1), "report": (report, 1),
            "diff": (diff, 2), "update": (update, 2)}
    if len(argv) < 2 or argv[1] not in jobs or len(argv) != 2 + jobs[argv[1]][1]:
        sys.exit(__doc__)
    job, _ = jobs[argv[1]]
    return job(*argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
