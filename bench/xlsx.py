#!/usr/bin/env python3
"""CPU time (user + sys) of `wbs export --format xlsx` against one `wbs check`
of the same 100k-task plan, in one run, with the target of issue 17: the
export costs at most 4x the check.

    python3 bench/xlsx.py [--tasks 100000] [--runs 3]

Needs cargo and GNU time (/usr/bin/time). The plan comes from the generator
(`examples/gen.rs`, seed 1), so every machine times the same bytes; it and
the workbook go to bench/out/ (ignored by git). Each command runs --runs
times; the median of each is quoted.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
WBS = ROOT / "target" / "release" / "wbs"
ENV = {**os.environ, "WBS_TODAY": "2026-11-29", "NO_COLOR": "1"}
TARGET = 4.0


def cpu_seconds(command):
    """User + sys seconds and peak KB of one run, by GNU time."""
    done = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *map(str, command)],
                          env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=True)
    user, system, peak = done.stderr.strip().splitlines()[-1].split()
    return float(user) + float(system), int(peak)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    plan = OUT / f"xlsx-{args.tasks}.yaml"
    workbook = OUT / f"xlsx-{args.tasks}.xlsx"
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "run", "--release", "--quiet", "--example", "gen", "--",
                    "--tasks", str(args.tasks), "--seed", "1", "--out", str(plan)],
                   cwd=ROOT, check=True)

    check = [WBS, "-f", plan, "check"]
    export = [WBS, "-f", plan, "export", "--format", "xlsx", "--output", workbook]
    times = {"check": [], "export": []}
    peaks = {"check": 0, "export": 0}
    for _ in range(args.runs):
        for name, command in (("check", check), ("export", export)):
            seconds, peak = cpu_seconds(command)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    median = {name: statistics.median(values) for name, values in times.items()}
    ratio = median["export"] / median["check"]

    print(f"{args.tasks} tasks ({plan.stat().st_size / 1e6:.1f} MB of YAML, "
          f"workbook {workbook.stat().st_size / 1e6:.1f} MB), median of {args.runs} runs:")
    print("| command | CPU (user+sys) | peak memory |")
    print("|---|---|---|")
    for name, command in (("check", "wbs check"), ("export", "wbs export --format xlsx")):
        print(f"| `{command}` | {median[name]:.2f} s | {peaks[name] / 1024:.0f} MiB |")
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"export / check = {ratio:.2f}x (target at most {TARGET:.0f}x: {verdict})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
