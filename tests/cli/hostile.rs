//! Hostile and broken input (SPEC §1.2): each gets a clear diagnostic with
//! a position, never a panic, a hang or a stack trace.

use std::time::{Duration, Instant};

use crate::common::{path_str, run, temp_file, wbs};

/// Runs `wbs check --format json` on `bytes` and returns the codes with
/// their positions, the exit status and how long it took.
fn check(bytes: &[u8]) -> (Vec<(String, u64, u64)>, i32, Duration) {
    let (_dir, path) = temp_file("plan.yaml", bytes);
    let started = Instant::now();
    let output = run(wbs(&["check", "--format", "json", "-f", path_str(&path)])
        .env("WBS_MAX_BYTES", "100000000"));
    let elapsed = started.elapsed();
    assert!(!output.stderr.contains("panicked"), "{output}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}):\n{output}"));
    let found = rows
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("?").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    (found, output.code, elapsed)
}

/// A generous bound: these inputs are refused in milliseconds, so a second
/// only trips on a hang or a quadratic path, not on a slow machine.
fn assert_quick(elapsed: Duration) {
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
}

#[test]
fn alias_bomb_is_refused_without_expansion() {
    let mut text = String::from(
        "wbs: 1\ntitle: bomb\ntasks: []\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        text.push_str(&format!("x-{name}: &{name} [{refs}]\n"));
    }
    let (found, code, elapsed) = check(text.as_bytes());
    assert_eq!(code, 1);
    assert!(
        found.iter().all(|(c, _, _)| c == "unsupported-yaml"),
        "{found:?}"
    );
    assert_eq!(found[0], ("unsupported-yaml".to_owned(), 4, 6));
    assert_quick(elapsed);
}

#[test]
fn deep_nesting_is_refused() {
    for text in [
        format!("wbs: 1\ntitle: deep\ntasks: {}", "[".repeat(20_000)),
        format!("wbs: 1\ntitle: deep\ntasks:\n{}", "- ".repeat(20_000)),
        // Indented block nesting grows the file quadratically, so 1,000
        // levels (4 MB) stand in for it; the parser stops at 255 anyway.
        {
            let mut s = String::from("wbs: 1\ntitle: deep\ntasks:\n");
            for level in 0..1_000 {
                let pad = "  ".repeat(level);
                s.push_str(&format!("{pad}- title: t{level}\n{pad}  tasks:\n"));
            }
            s
        },
    ] {
        let (found, code, elapsed) = check(text.as_bytes());
        assert_eq!(code, 1);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "yaml-syntax");
        assert_quick(elapsed);
    }
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let (found, code, _) = check(b"wbs: 1\ntitle: caf\xc3\xa9 \xff here\ntasks: []\n");
    assert_eq!(code, 1);
    assert_eq!(found, [("yaml-syntax".to_owned(), 2, 13)]);
}

#[test]
fn nul_bytes_are_refused() {
    let (found, code, _) = check(b"wbs: 1\ntitle: a\0b\ntasks: []\n");
    assert_eq!(code, 1);
    assert_eq!(found, [("yaml-syntax".to_owned(), 2, 9)]);
}

#[test]
fn random_binary_is_refused() {
    // A fixed pseudo-random stream, so the test is the same every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let (found, code, elapsed) = check(&bytes);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "yaml-syntax");
    assert_quick(elapsed);
}

#[test]
fn empty_and_comment_only_files_miss_every_field() {
    for text in ["", "\n\n", "# only a comment\n# and another\n", "---\n"] {
        let (found, code, _) = check(text.as_bytes());
        assert_eq!(code, 1, "{text:?}");
        assert_eq!(found, [("missing-field".to_owned(), 1, 1)], "{text:?}");
    }
}

#[test]
fn tabs_in_indentation_are_a_syntax_error() {
    let (found, code, _) = check(b"wbs: 1\ntitle: t\ntasks:\n\t- a\n");
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "yaml-syntax");
    assert_eq!(found[0].1, 4);
}

#[test]
fn oversize_files_are_refused_before_reading() {
    let (_dir, path) = temp_file("big.yaml", &vec![b'#'; 2048]);
    let output = run(wbs(&["check", "-f", path_str(&path)]).env("WBS_MAX_BYTES", "1024"));
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output
            .stderr
            .contains("2048 bytes, over the limit of 1024 bytes"),
        "{output}"
    );
    assert!(output.stderr.contains("WBS_MAX_BYTES"), "{output}");
    assert!(output.stdout.is_empty());

    let output = run(wbs(&["check", "-f", path_str(&path)]).env("WBS_MAX_BYTES", "lots"));
    assert_eq!(output.code, 2, "{output}");
    assert!(
        output
            .stderr
            .contains("WBS_MAX_BYTES must be a number of bytes from 1 to"),
        "{output}"
    );
}

#[test]
fn bom_and_crlf_keep_positions_right() {
    let (found, code, _) = check(b"\xEF\xBB\xBFwbs: 1\r\ntitle: t\r\ntasks:\r\n  - {title: \xe8\xae\xbe\xe8\xae\xa1, due: 2026-02-30}\r\n");
    assert_eq!(code, 1);
    assert_eq!(found, [("invalid-date".to_owned(), 4, 22)]);
}

#[test]
fn a_broken_file_does_not_upset_the_files_after_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.yaml"), b"wbs: 1\ntitle: [\n").expect("write");
    std::fs::write(dir.path().join("b.yaml"), b"\xff\xfe").expect("write");
    std::fs::write(
        dir.path().join("c.yaml"),
        b"wbs: 1\ntitle: ok\npeople: {ana: {}}\ntasks: [{title: x, owner: bob, after: [maybe-in-a]}]\n",
    )
    .expect("write");
    let output = crate::common::wbs_run(&["check", "--format", "json", "-f", path_str(dir.path())]);
    assert_eq!(output.code, 1, "{output}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&output.stdout).expect("JSON");
    let codes: Vec<_> = rows
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").ends_with("a.yaml"),
                d["code"].clone(),
            )
        })
        .collect();
    // Both broken files are reported, the good one is still checked, and an
    // `after` that may point into the broken file is not called unknown.
    let expected = [
        (true, "yaml-syntax"),
        (false, "yaml-syntax"),
        (false, "unknown-owner"),
    ];
    assert_eq!(
        codes,
        expected.map(|(a, c)| (a, serde_json::json!(c))),
        "{output}"
    );
}

#[test]
fn a_bad_wbs_today_names_the_variable() {
    let output = run(wbs(&["check"]).env("WBS_TODAY", "soon"));
    assert_eq!(output.code, 2);
    assert_eq!(
        output.stderr,
        "error: WBS_TODAY: `soon` is not a date; write YYYY-MM-DD\n"
    );
}
