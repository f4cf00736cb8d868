//! The line diff of two texts in unified format, each line made safe to
//! print: the fallback where a semantic diff cannot be made.

use std::io::{self, Write};

use similar::{ChangeTag, TextDiff};

use crate::safe::escape_control;

/// Writes `--- OLD_LABEL`, `+++ NEW_LABEL` and the hunks of the line diff
/// of `old` and `new` with `context` unchanged lines around each change;
/// nothing when the texts are equal.
pub fn unified(
    out: &mut dyn Write,
    (old_label, old): (&str, &str),
    (new_label, new): (&str, &str),
    context: usize,
) -> io::Result<()> {
    if old == new {
        return Ok(());
    }
    writeln!(
        out,
        "--- {}\n+++ {}",
        escape_control(old_label),
        escape_control(new_label)
    )?;
    let diff = TextDiff::from_lines(old, new);
    for hunk in diff.unified_diff().context_radius(context).iter_hunks() {
        writeln!(out, "{}", hunk.header())?;
        for change in hunk.iter_changes() {
            let sign = match change.tag() {
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
                ChangeTag::Equal => ' ',
            };
            let line = change.value().trim_end_matches(['\n', '\r']);
            writeln!(out, "{sign}{}", escape_control(line))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    fn unified(old: &str, new: &str) -> String {
        let mut out = Vec::new();
        super::unified(&mut out, ("a/p", old), ("b/p", new), 1).expect("write");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn hunks_with_context() {
        assert_eq!(
            unified("a\nb\nc\nd\n", "a\nB\nc\nd\n"),
            "--- a/p\n+++ b/p\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }

    #[test]
    fn a_new_file_and_equal_texts() {
        assert_eq!(unified("", "x\n"), "--- a/p\n+++ b/p\n@@ -0,0 +1 @@\n+x\n");
        assert_eq!(unified("same\n", "same\n"), "");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            unified("", "title: \"\u{1b}[2J\"\n"),
            "--- a/p\n+++ b/p\n@@ -0,0 +1 @@\n+title: \"\\e[2J\"\n"
        );
    }
}
