//! The merge scenarios of `scenarios.rs`, written out or run through merge
//! tools side by side.
//!
//! ```text
//! cargo run --release --example merge_scenarios -- --out DIR [--seed S]
//! cargo run --release --example merge_scenarios -- --compare [--seed S] \
//!     [--wbs target/release/wbs] [--mergiraf PATH]
//! ```
//!
//! `--out` writes each scenario's files as `DIR/NAME/FILE.{base,ours,
//! theirs,expected}.yaml` (`expected` for a commuting scenario; a conflict's
//! words go to `FILE.conflict.txt`). `--compare` merges every scenario with
//! `wbs merge`, `git merge-file` and, when given, mergiraf, and prints for
//! each tool: the commuting scenarios merged right (a clean merge holding
//! exactly the plan both edits make), the real conflicts flagged (the tool
//! reports a conflict), and the merges that are silently wrong (reported
//! clean, but a commuting merge that is not the right plan, or any clean
//! merge of a real conflict).

mod scenarios;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use scenarios::{Expect, Scenario, same_plan, valid};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut seed, mut out, mut compare) = (1u64, None, false);
    let mut wbs = PathBuf::from("target/release/wbs");
    let mut mergiraf = None;
    let mut verbose = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            "--out" => out = args.next().map(PathBuf::from),
            "--compare" => compare = true,
            "--verbose" => verbose = true,
            "--wbs" => wbs = args.next().map(PathBuf::from).unwrap_or(wbs),
            "--mergiraf" => mergiraf = args.next().map(PathBuf::from),
            _ => {
                eprintln!(
                    "usage: merge_scenarios [--seed S] (--out DIR | --compare [--wbs PATH] [--mergiraf PATH])"
                );
                return ExitCode::from(2);
            }
        }
    }
    let all = scenarios::scenarios(seed);
    if let Some(dir) = out {
        if let Err(e) = write(&dir, &all) {
            eprintln!("error: cannot write {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        println!("{} scenarios written to {}", all.len(), dir.display());
    }
    if compare {
        // The tools run in temporary folders: absolute paths.
        let wbs = std::fs::canonicalize(&wbs).unwrap_or(wbs);
        let mergiraf = mergiraf.map(|m| std::fs::canonicalize(&m).unwrap_or(m));
        let mut tools: Vec<Tool> = vec![Tool::Wbs(wbs), Tool::Git];
        if let Some(path) = mergiraf {
            tools.push(Tool::Mergiraf(path));
        }
        let commuting = all.iter().filter(|s| !s.conflict).count();
        let conflicts = all.len() - commuting;
        println!(
            "| tool | commuting edits merged right (of {commuting}) | real conflicts flagged (of {conflicts}) | silently wrong |"
        );
        println!("|---|---|---|---|");
        for tool in &tools {
            let (mut right, mut flagged, mut silent) = (0, 0, 0);
            let mut wrong = Vec::new();
            let mut missed = Vec::new();
            for s in &all {
                match score(tool, s) {
                    Score::Right => right += 1,
                    Score::Flagged => flagged += 1,
                    Score::Silent => {
                        silent += 1;
                        wrong.push(s.name.clone());
                    }
                    Score::Missed => missed.push(s.name.clone()),
                }
            }
            println!("| {} | {right} | {flagged} | {silent} |", tool.name());
            if !wrong.is_empty() {
                eprintln!("{}: silently wrong: {}", tool.name(), wrong.join(", "));
            }
            if !missed.is_empty() && verbose {
                eprintln!(
                    "{}: commuting, not merged: {}",
                    tool.name(),
                    missed.join(", ")
                );
            }
        }
    }
    ExitCode::SUCCESS
}

fn write(dir: &Path, all: &[Scenario]) -> std::io::Result<()> {
    for (i, s) in all.iter().enumerate() {
        let folder = dir.join(format!("{i:03}-{}", s.name));
        std::fs::create_dir_all(&folder)?;
        for case in &s.cases {
            let stem = case.path.trim_end_matches(".yaml");
            std::fs::write(folder.join(format!("{stem}.base.yaml")), &case.base)?;
            std::fs::write(folder.join(format!("{stem}.ours.yaml")), &case.ours)?;
            std::fs::write(folder.join(format!("{stem}.theirs.yaml")), &case.theirs)?;
            match &case.expect {
                Expect::Clean(text) => {
                    std::fs::write(folder.join(format!("{stem}.expected.yaml")), text)?
                }
                Expect::Conflict(words) => std::fs::write(
                    folder.join(format!("{stem}.conflict.txt")),
                    words.join("\n"),
                )?,
            }
        }
    }
    Ok(())
}

enum Tool {
    Wbs(PathBuf),
    Git,
    Mergiraf(PathBuf),
}

impl Tool {
    fn name(&self) -> &'static str {
        match self {
            Tool::Wbs(_) => "wbs merge",
            Tool::Git => "git merge-file",
            Tool::Mergiraf(_) => "mergiraf",
        }
    }

    /// Merges one file: whether the tool reported it clean, and the text.
    fn merge(&self, base: &str, ours: &str, theirs: &str) -> Option<(bool, String)> {
        let dir = tempfile::tempdir().ok()?;
        let path = |n: &str| dir.path().join(n);
        std::fs::write(path("base.yaml"), base).ok()?;
        std::fs::write(path("ours.yaml"), ours).ok()?;
        std::fs::write(path("theirs.yaml"), theirs).ok()?;
        let output = match self {
            Tool::Wbs(wbs) => Command::new(wbs)
                .args(["merge", "base.yaml", "ours.yaml", "theirs.yaml"])
                .env("WBS_TODAY", "2026-11-29")
                .current_dir(dir.path())
                .output()
                .ok()?,
            Tool::Git => Command::new("git")
                .args(["merge-file", "ours.yaml", "base.yaml", "theirs.yaml"])
                .current_dir(dir.path())
                .output()
                .ok()?,
            Tool::Mergiraf(bin) => Command::new(bin)
                .args([
                    "merge",
                    "base.yaml",
                    "ours.yaml",
                    "theirs.yaml",
                    "-o",
                    "ours.yaml",
                ])
                .current_dir(dir.path())
                .output()
                .ok()?,
        };
        let text = std::fs::read_to_string(path("ours.yaml")).ok()?;
        let clean = output.status.code() == Some(0) && !text.contains("<<<<<<<");
        Some((clean, text))
    }
}

enum Score {
    /// A commuting scenario merged right.
    Right,
    /// A real conflict reported.
    Flagged,
    /// Reported clean and wrong.
    Silent,
    /// A commuting scenario reported as a conflict.
    Missed,
}

fn score(tool: &Tool, s: &Scenario) -> Score {
    let mut all_clean = true;
    let mut all_right = true;
    let mut merged = Vec::new();
    for case in &s.cases {
        let Some((clean, text)) = tool.merge(&case.base, &case.ours, &case.theirs) else {
            eprintln!("{}: could not run on {}", tool.name(), s.name);
            all_clean = false;
            continue;
        };
        all_clean &= clean;
        if let Expect::Clean(expected) = &case.expect {
            all_right &= clean && same_plan(&text, expected);
        }
        merged.push((case.path.clone(), text));
    }
    let files: Vec<(&str, &str)> = merged
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    all_right &= all_clean && valid(&files);
    match (s.conflict, all_clean, all_right) {
        (false, _, true) => Score::Right,
        (false, true, false) => Score::Silent,
        (false, false, _) => Score::Missed,
        (true, true, _) => Score::Silent,
        (true, false, _) => Score::Flagged,
    }
}
