#!/usr/bin/env python3
"""What speaking Chinese costs `wbs check`: CPU time (user + sys) of
`wbs --lang en check` and `wbs --lang zh check` on a generated plan of
100,000 tasks with errors and warnings, median of 5 runs each, interleaved.

    python3 bench/lang.py [--tasks 100000] [--runs 5]

Builds the release binary and the generator (`examples/gen.rs`, seed 1),
then breaks the plan on purpose so that every run renders diagnostics:
every 500th `status: todo` becomes `status: doen` (invalid-status, with a
did-you-mean) and every 500th `id:` a copy of the first id (duplicate-id,
with a label). Work files go to bench/out/ (ignored by git).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
WBS = ROOT / "target" / "release" / "wbs"
GEN = ROOT / "target" / "release" / "examples" / "gen"
# An id key and its value, in block and flow mappings alike.
ID = r"(?<![\w-])id: ([\w.-]+)"
ENV = {"PATH": os.environ.get("PATH", ""), "WBS_TODAY": "2026-11-29", "NO_COLOR": "1"}


def cpu_seconds(command):
    """User + sys CPU time of one run of `command`, its output discarded."""
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{command} failed")
    return usage.ru_utime + usage.ru_stime


def broken_plan(tasks):
    plan = OUT / f"plan-{tasks}.yaml"
    subprocess.run([GEN, "--tasks", str(tasks), "--seed", "1", "--out", plan], check=True)
    text = plan.read_text()
    count = {"status": 0, "id": 0}
    first_id = re.search(ID, text).group(1)

    def status(match):
        count["status"] += 1
        return "status: doen" if count["status"] % 500 == 0 else match.group(0)

    def ident(match):
        count["id"] += 1
        return f"id: {first_id}" if count["id"] % 500 == 0 else match.group(0)


    text = re.sub(r"status: todo\b", status, text)
    text = re.sub(ID, ident, text)
    broken = OUT / f"plan-{tasks}-broken.yaml"
    broken.write_text(text)
    return broken


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--bin", "wbs", "--example", "gen"],
                   cwd=ROOT, check=True)
    plan = broken_plan(args.tasks)
    found = subprocess.run([WBS, "-f", plan, "check", "--format", "json"], env=ENV,
                           capture_output=True, text=True)
    diagnostics = found.stdout.count('"code"')
    times = {"en": [], "zh": []}
    cpu_seconds([WBS, "-f", plan, "check"])  # warm the page cache
    for _ in range(args.runs):
        for lang in times:
            times[lang].append(cpu_seconds([WBS, "--lang", lang, "-f", plan, "check"]))
    print(f"{args.tasks:,} tasks, {diagnostics} diagnostics; CPU time (user + sys), "
          f"median of {args.runs}:")
    for lang, samples in times.items():
        shown = ", ".join(f"{s * 1000:.0f}" for s in samples)
        print(f"  --lang {lang}: {statistics.median(samples) * 1000:.0f} ms  ({shown})")
    ratio = statistics.median(times["zh"]) / statistics.median(times["en"])
    print(f"  zh / en: {ratio:.3f}")


if __name__ == "__main__":
    main()
