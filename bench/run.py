#!/usr/bin/env python3
"""Times wbs as whole processes, side by side with its floor and a PyYAML
peer, in one run, and prints one table of medians, peak memory and ratios
with the performance targets of issue 8.

    python3 bench/run.py [--sizes 1000,10000,100000] [--python-runs 3] [--no-python]

Needs: cargo, hyperfine, GNU time (/usr/bin/time) and Python 3 with PyYAML
built with libyaml (`pip install pyyaml`). Plans come from the generator
(`examples/gen.rs`, seed 1), so every machine times the same bytes. Work
files and hyperfine's JSON go to bench/out/ (ignored by git); the table is
also written to bench/out/results.md.

For each size it times:
  floor   examples/floor.rs: granit-parser over the file, nothing else
  check   wbs check
  list    wbs list is:leaf is:open -status:blocked   (a three-term query)
  report  wbs report
  diff    wbs diff OLD NEW, NEW being OLD after the update below
  update  wbs update is:leaf start>=2027-05-22 --status in-progress --progress 50
          (about a tenth of the tasks: 9,926 of 100k), on a fresh copy
and the same jobs by bench/pyyaml_jobs.py (load with the C loader, index,
roll up, then filter, compare or change and dump).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
WBS = ROOT / "target" / "release" / "wbs"
FLOOR = ROOT / "target" / "release" / "examples" / "floor"
GEN = ROOT / "target" / "release" / "examples" / "gen"
PY = [sys.executable, str(ROOT / "bench" / "pyyaml_jobs.py")]
QUERY = ["is:leaf", "is:open", "-status:blocked"]
UPDATE = ["is:leaf", "start>=2027-05-22", "--status", "in-progress", "--progress", "50"]
ENV = {**os.environ, "WBS_TODAY": "2026-11-29", "NO_COLOR": "1"}


def sh(args, **kwargs):
    return subprocess.run([str(a) for a in args], check=True, env=ENV, **kwargs)


def quote(args):
    return " ".join("'" + str(a).replace("'", "'\\''") + "'" for a in args)


def hyperfine(name, command, runs, prepare=None):
    """The median in seconds of `command` (a list), by hyperfine."""
    out = OUT / f"{name}.json"
    args = ["hyperfine", "-N", "--style", "none", "--export-json", str(out)]
    args += ["--runs", str(runs)] if runs else ["--warmup", "2", "--min-runs", "10"]
    if prepare:
        args += ["--prepare", prepare]
    args.append(quote(command))
    done = subprocess.run(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"hyperfine failed on {quote(command)}:\n{done.stderr}")
    return json.loads(out.read_text())["results"][0]["median"]


def peak_kb(command, prepare=None):
    """The peak resident memory of one run, by GNU time."""
    if prepare:
        sh(["sh", "-c", prepare])
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *map(str, command)],
                          env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--python-runs", type=int, default=3)
    parser.add_argument("--no-python", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    for tool in ("hyperfine", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"bench/run.py needs {tool}")
    OUT.mkdir(parents=True, exist_ok=True)
    sh(["cargo", "build", "--release", "--bin", "wbs", "--example", "floor", "--example", "gen"],
       cwd=ROOT)

    rows = []  # (size, job, wbs s, python s, wbs KB, python KB, file bytes)
    medians = {}
    for size in sizes:
        plan = OUT / f"plan-{size}.yaml"
        sh([GEN, "--tasks", size, "--seed", 1, "--out", plan])
        new = OUT / f"plan-{size}-new.yaml"
        shutil.copy(plan, new)
        sh([WBS, "-q", "-f", new, "update", *UPDATE], stdout=subprocess.DEVNULL)
        work = OUT / f"work-{size}.yaml"
        prepare = f"cp {quote([plan])} {quote([work])}"
        py_work = OUT / f"py-work-{size}.yaml"
        py_prepare = f"cp {quote([plan])} {quote([py_work])}"
        jobs = {
            "floor": ([FLOOR, plan], None, None, None),
            "check": ([WBS, "-f", plan, "check"], None, [*PY, "check", plan], None),
            "list": ([WBS, "-f", plan, "list", *QUERY], None, [*PY, "list", plan], None),
            "report": ([WBS, "-f", plan, "report"], None, [*PY, "report", plan], None),
            "diff": ([WBS, "diff", plan, new], None, [*PY, "diff", plan, new], None),
            "update": ([WBS, "-f", work, "update", *UPDATE], prepare,
                       [*PY, "update", py_work, "2027-05-22"], py_prepare),
        }
        for job, (command, prep, py_command, py_prep) in jobs.items():
            print(f"{size:>7} {job:<7}", end="", flush=True, file=sys.stderr)
            seconds = hyperfine(f"{job}-{size}", command, None, prep)
            kb = peak_kb(command, prep)
            py_seconds = py_kb = None
            if py_command and not args.no_python:
                py_seconds = hyperfine(f"py-{job}-{size}", py_command, args.python_runs, py_prep)
                py_kb = peak_kb(py_command, py_prep)
            print(f" {seconds * 1000:9.1f} ms", file=sys.stderr)
            medians[(size, job)] = seconds
            rows.append((size, job, seconds, py_seconds, kb, py_kb, plan.stat().st_size))
    seed = hyperfine("seed-report", [WBS, "-f", ROOT / "plans" / "programme.yaml", "report"], None)

    lines = table(rows, medians)
    lines += ["", f"`wbs report` on the seed plan (plans/, 141 tasks): {seed * 1000:.1f} ms", ""]
    lines += targets(rows, medians, sizes, seed)
    text = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(text)
    print(text)


def ms(seconds):
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def table(rows, medians):
    lines = [
        "| tasks | job | wbs (median) | vs check | vs floor | PyYAML (median) | wbs faster by | wbs peak memory | memory / file | PyYAML peak memory |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, job, seconds, py_seconds, kb, py_kb, file_bytes in rows:
        check = medians[(size, "check")]
        floor = medians[(size, "floor")]
        faster = f"{py_seconds / seconds:.0f}×" if py_seconds else "–"
        lines.append(
            f"| {size:,} | {job} | {ms(seconds)} | {seconds / check:.2f}× | {seconds / floor:.2f}× "
            f"| {ms(py_seconds)} | {faster} | {kb / 1024:.1f} MB | {kb * 1024 / file_bytes:.2f}× "
            f"| {'–' if py_kb is None else f'{py_kb / 1024:.0f} MB'} |"
        )
    return lines


def targets(rows, medians, sizes, seed):
    big = max(sizes)
    lines = [f"Targets at {big:,} tasks (medians of this run):", "",
             "| target | measured | met |", "|---|---:|---|"]

    def add(name, value, limit, fmt="{:.2f}×", below=True):
        met = value <= limit if below else value >= limit
        lines.append(f"| {name} | {fmt.format(value)} | {'yes' if met else '**no**'} |")

    m = lambda job, size=big: medians[(size, job)]
    add("check ≤ 1.5× floor", m("check") / m("floor"), 1.5)
    add("report ≤ 1.2× check", m("report") / m("check"), 1.2)
    add("list ≤ 1.2× check", m("list") / m("check"), 1.2)
    add("diff ≤ 2.2× check", m("diff") / m("check"), 2.2)
    add("update of ~10% of the tasks ≤ 2.5× check", m("update") / m("check"), 2.5)
    check_row = next(r for r in rows if r[0] == big and r[1] == "check")
    add("peak memory of check ≤ 3× the file", check_row[4] * 1024 / check_row[6], 3.0)
    speedups = [(r[1], r[3] / r[2]) for r in rows if r[0] == big and r[3]]
    if speedups:
        job, worst = min(speedups, key=lambda s: s[1])
        add(f"≥ 20× faster than PyYAML on every job (slowest: {job})", worst, 20, "{:.0f}×", below=False)
    small = max((s for s in sizes if s < big), default=None)
    if small and big == small * 10:
        job, worst = max(((j, m(j) / m(j, small)) for j in ("check", "list", "report", "diff", "update")),
                         key=lambda s: s[1])
        add(f"time({big // 1000}k) / time({small // 1000}k) ≤ 11 (worst: {job})", worst, 11, "{:.1f}")
    add("report on the seed plan < 5 ms", seed * 1000, 5, "{:.1f} ms")
    return lines


if __name__ == "__main__":
    main()
