#!/usr/bin/env python3
"""Times `wbs merge` against one `wbs check` of the same plan, in CPU time
(user + sys) from one run, and compares merge tools on the merge scenarios.

    python3 bench/merge.py [--tasks 100000] [--edits 1000] [--runs 5]
                           [--mergiraf PATH] [--no-scenarios]

The plan comes from the generator (`examples/gen.rs`, seed 1). Ours and
theirs each retitle `--edits` tasks, interleaved (every other task of an
evenly spaced pick goes to each side), as a person or script editing the
text would: the value after `title:` is overwritten. The merge must be clean
and hold all 2 × `--edits` new titles. Work files go to bench/out/merge/
(ignored by git).

Then `examples/merge_scenarios.rs --compare` runs every scenario of the
suite (seed 1) through `wbs merge`, `git merge-file` and, with --mergiraf,
mergiraf, and prints how many commuting scenarios each merged right, how
many real conflicts each flagged, and how many merges were silently wrong.
"""

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "merge"
WBS = ROOT / "target" / "release" / "wbs"
GEN = ROOT / "target" / "release" / "examples" / "gen"
SCENARIOS = ROOT / "target" / "release" / "examples" / "merge_scenarios"
ENV = {"WBS_TODAY": "2026-11-29", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
TITLE = re.compile(r"^( +(?:- )?title: )(.*)$")


def cpu(args, **kwargs):
    """Runs a command; returns (its user + sys CPU seconds, the result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([str(a) for a in args], env=ENV, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, result


def sides(base: str, edits: int):
    """Ours and theirs: `edits` retitled tasks each, interleaved."""
    lines = base.split("\n")
    titles = [i for i, line in enumerate(lines) if TITLE.match(line)]
    step = max(1, len(titles) // (2 * edits))
    picked = titles[::step][: 2 * edits]
    ours, theirs = list(lines), list(lines)
    for n, i in enumerate(picked):
        side, word = (ours, "Ours") if n % 2 == 0 else (theirs, "Theirs")
        side[i] = TITLE.match(lines[i]).group(1) + f"{word} edit {n}"
    return "\n".join(ours), "\n".join(theirs), len(picked)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mergiraf", help="a mergiraf binary to compare with")
    parser.add_argument("--no-scenarios", action="store_true")
    args = parser.parse_args()

    subprocess.run(
        ["cargo", "build", "--release", "--bin", "wbs", "--example", "gen",
         "--example", "merge_scenarios"],
        cwd=ROOT, check=True,
    )
    OUT.mkdir(parents=True, exist_ok=True)
    base = OUT / "base.yaml"
    subprocess.run(
        [str(GEN), "--tasks", str(args.tasks), "--seed", "1", "--out", str(base)],
        check=True,
    )
    ours_text, theirs_text, edited = sides(base.read_text(), args.edits)
    (OUT / "ours.yaml").write_text(ours_text)
    (OUT / "theirs.yaml").write_text(theirs_text)

    checks, merges = [], []
    for _ in range(args.runs):
        used, result = cpu([WBS, "-f", base, "check"], stdout=subprocess.DEVNULL)
        if result.returncode != 0:
            sys.exit("wbs check failed on the generated plan")
        checks.append(used)
        result_file = OUT / "result.yaml"
        shutil.copy(OUT / "ours.yaml", result_file)
        used, result = cpu(
            [WBS, "merge", base, result_file, OUT / "theirs.yaml"],
            stderr=subprocess.PIPE, text=True,
        )
        if result.returncode != 0:
            sys.exit(f"wbs merge was not clean:\n{result.stderr}")
        merged = result_file.read_text()
        if merged.count(" edit ") < edited:
            sys.exit("the merged plan lacks some of the new titles")
        merges.append(used)

    check, merge = statistics.median(checks), statistics.median(merges)
    print(f"\n{args.tasks:,} tasks, {edited // 2:,} title edits on each side, interleaved;"
          f" median of {args.runs} runs, CPU time (user + sys):\n")
    print("| job | CPU time | vs check |")
    print("|---|---:|---:|")
    print(f"| check | {check * 1000:.0f} ms | 1.00× |")
    print(f"| merge | {merge * 1000:.0f} ms | {merge / check:.2f}× |")
    print(f"\ntarget: merge ≤ 4× check: {'met' if merge <= 4 * check else 'NOT met'}")

    if not args.no_scenarios:
        command = [str(SCENARIOS), "--compare", "--seed", "1", "--wbs", str(WBS)]
        if args.mergiraf:
            command += ["--mergiraf", args.mergiraf]
        print()
        subprocess.run(command, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
