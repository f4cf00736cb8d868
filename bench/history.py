#!/usr/bin/env python3
"""Measures the CPU time (user + sys, wbs and the git it runs) of `wbs
history` against running `wbs check` once per point, on two repositories
built here, and prints one table with the targets of issue 16.

    python3 bench/history.py [--runs 3] [--keep]

Needs: cargo, git and Python 3. The repositories are built under
bench/out/history/ (ignored by git) from plans made by the generator
(`examples/gen.rs`), so every machine measures the same history:

  set     a plan set of 8 files of 500 tasks (4,000 tasks), ids made unique
          per file, then 199 commits that each touch one or two files
  single  one file of 2,000 tasks, then 149 commits

Each later commit sets one to three leaves in progress, moves a progress
on, finishes a leaf or re-estimates one, as a team's week of updates would;
commit dates are a day or so apart. Every version validates.

CPU time, not wall time: the machine is shared. `check` runs on each
point's files, written out beforehand from `git archive` (not counted).
History is run `--runs` times and its median taken; the check loop once.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "history"
WBS = ROOT / "target" / "release" / "wbs"
GEN = ROOT / "target" / "release" / "examples" / "gen"
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}
WBS_ENV = {**os.environ, "WBS_TODAY": "2026-11-29", "NO_COLOR": "1"}
TARGETS = {"set": 0.15, "single": 0.35}

def git(repo, *args, env=None, **kwargs):
    return subprocess.run(["git", *args], cwd=repo, env=env or GIT_ENV, check=True,
                          stdout=subprocess.PIPE, **kwargs).stdout


def generate(tasks, seed, prefix=None):
    text = subprocess.run([GEN, "--tasks", str(tasks), "--seed", str(seed)], check=True,
                          stdout=subprocess.PIPE, text=True).stdout
    if prefix:
        # Ids are unique within a generated plan; a prefix per file makes
        # them unique across the set, in `id` values and `after` lists.
        ids = set(re.findall(r"(?:^|[\s{,])id: ([^\s,}]+)", text, re.M))
        token = re.compile(r"(?<![\w-])([\w-]+)(?![\w-])")
        rename = lambda m: f"{prefix}{m.group(1)}" if m.group(1) in ids else m.group(1)
        out = []
        for line in text.splitlines(keepends=True):
            if re.search(r"\b(id|after):", line) or re.fullmatch(r"\s*- [\w-]+\s*", line):
                line = token.sub(rename, line)
            out.append(line)
        text = "".join(out)
    return text


def indent(line):
    return len(line) - len(line.lstrip(" "))


def same_mapping(lines, i, j):
    """Whether lines `i` and `j`, keys at one indentation, are keys of one
    mapping: nothing between them is less indented."""
    lo, hi = sorted((i, j))
    return all(indent(lines[k]) >= indent(lines[i]) for k in range(lo + 1, hi + 1))


def edit(text, rng):
    """One update a team might commit: a leaf started, moved on, finished
    or re-estimated. Returns the new text."""
    lines = text.splitlines(keepends=True)
    kind = rng.choice(["start", "progress", "finish", "finish", "estimate"])
    def pick(pattern):
        found = [i for i, l in enumerate(lines) if re.match(pattern, l.strip())]
        return rng.choice(found) if found else None
    if kind == "start":
        i = pick(r"status: todo$")
        if i is not None:
            lines[i] = lines[i].replace("status: todo", "status: in-progress")
            return "".join(lines)
    if kind == "progress":
        i = pick(r"progress: \d+$")
        if i is not None:
            value = int(lines[i].split(":")[1])
            lines[i] = re.sub(r"\d+$", str(min(100, value + 10)), lines[i].rstrip("\n")) + "\n"
            return "".join(lines)
    if kind == "finish":
        i = pick(r"status: (in-progress|doing|wip|todo)$")
        if i is not None:
            lines[i] = re.sub(r"status: \S+", "status: done", lines[i])
            for j in range(max(0, i - 12), min(len(lines), i + 12)):
                if (indent(lines[j]) == indent(lines[i]) and lines[j].strip().startswith("progress:")
                        and same_mapping(lines, i, j)):
                    lines[j] = " " * indent(lines[j]) + "progress: 100\n"
            return "".join(lines)
    i = pick(r"effort: [\d.]+[hdw]$")
    if i is not None:
        lines[i] = re.sub(r"effort: [\d.]+([hdw])$", lambda m: f"effort: {rng.randint(1, 9)}{m.group(1)}",
                          lines[i].rstrip("\n")) + "\n"
    return "".join(lines)


def build(name, files, commits, seed):
    """A repository of `files` (name → text) and `commits` later commits."""
    repo = OUT / name
    if repo.exists():
        shutil.rmtree(repo)
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    rng = random.Random(seed)
    when = 1_772_000_000  # 2026-02-25
    names = sorted(files)
    for step in range(commits + 1):
        if step:
            for file in rng.sample(names, min(len(names), rng.choice([1, 1, 2]))):
                for _ in range(rng.randint(1, 3)):
                    files[file] = edit(files[file], rng)
        for file in names:
            (repo / "plans" / file).write_text(files[file])
        when += rng.randint(12 * 3600, 40 * 3600)
        env = {**GIT_ENV, "GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000"}
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", f"update {step}", env=env)
    return repo


def cpu(command, cwd):
    """The CPU seconds (user + sys) of a command and every process it waits for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=WBS_ENV,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{command} failed: {done.stderr.decode()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def measure(repo, runs):
    times = []
    for _ in range(runs):
        seconds, stdout = cpu([WBS, "history", "--format", "json"], repo)
        times.append(seconds)
    history = json.loads(stdout)
    points = history["points"]
    gaps = sum(1 for p in points if p["gap"])
    if gaps:
        sys.exit(f"{repo.name}: {gaps} points do not validate; the benchmark wants valid versions")
    # Each point's files, written out beforehand.
    work = OUT / f"{repo.name}-points"
    if work.exists():
        shutil.rmtree(work)
    folders = []
    for n, point in enumerate(points):
        folder = work / str(n)
        folder.mkdir(parents=True)
        archive = git(repo, "archive", point["commit"], "plans")
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(folder, filter="data")
        folders.append(folder / "plans")
    check = 0.0
    for folder in folders:
        seconds, _ = cpu([WBS, "-f", folder, "check"], repo)
        check += seconds
    shutil.rmtree(work)
    times.sort()
    return len(points), times[len(times) // 2], check


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="reuse the repositories of an earlier run")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--bin", "wbs", "--example", "gen"], cwd=ROOT,
                   check=True)
    OUT.mkdir(parents=True, exist_ok=True)
    repos = {}
    for name in ("set", "single"):
        if args.keep and (OUT / name / ".git").exists():
            repos[name] = OUT / name
            continue
        print(f"building {name}…", file=sys.stderr)
        if name == "set":
            files = {f"part-{k}.yaml": generate(500, k, prefix=f"p{k}-") for k in range(1, 9)}
            repos[name] = build(name, files, 199, 16)
        else:
            repos[name] = build(name, {"plan.yaml": generate(2000, 1)}, 149, 61)
    lines = [
        "| repository | points | history CPU (median of "
        f"{args.runs}) | check × points CPU | ratio | target | met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, repo in repos.items():
        print(f"measuring {name}…", file=sys.stderr)
        points, history, check = measure(repo, args.runs)
        ratio = history / check
        lines.append(
            f"| {name} | {points} | {history:.3f} s | {check:.3f} s | {ratio:.3f}× "
            f"| ≤ {TARGETS[name]}× | {'yes' if ratio <= TARGETS[name] else '**no**'} |"
        )
    text = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
