//! A path is never a query term, nor a stray argument: a word that names a
//! plan file or folder where a command takes a query (or no such argument)
//! is a usage error that shows the command rewritten to load it with `-f`.
//!
//! Without this, `wbs report --fail-on overdue roadmap/plan.yaml` loaded
//! `./plans/`, searched it for the path as a word, found nothing and passed
//! the gate.

use std::ffi::OsString;

use crate::i18n::errors::{Failure, PathKind};
use crate::safe::shell_word;
use crate::source::planset::{PathLike, path_like};

use crate::context::NEGATED_TERM_MARK;

/// The query words of the command that are paths, as an error (exit 2)
/// that names them and shows the command with each loaded by `-f`.
/// `original` is the command line as the user typed it.
pub fn check_query(command: &super::Command, original: &[OsString]) -> anyhow::Result<()> {
    let Some(words) = command.query() else {
        return Ok(());
    };
    let found: Vec<(&str, PathLike)> = words
        .iter()
        .map(String::as_str)
        // A negation (`-x.yaml`, marked or after `--`) and a field term
        // (`id:config.yaml`) are deliberate query terms.
        .filter(|word| !word.starts_with(['-', NEGATED_TERM_MARK]))
        .filter(|word| !crate::query::is_field_term(word))
        .filter_map(|word| Some((word, path_like(word)?)))
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = found.iter().map(|(word, _)| format!("`{word}`")).collect();
    let kind = match (found.len(), kind_of(&found)) {
        (1, Some(PathLike::File)) => PathKind::File,
        (1, _) => PathKind::Folder,
        (_, Some(kind)) => path_kind(kind),
        (_, None) => PathKind::Mixed,
    };
    let paths: Vec<&str> = found.iter().map(|(word, _)| *word).collect();
    Err(Failure::PathsInQuery {
        names,
        kind,
        command: with_f(original, &paths),
    }
    .into())
}

fn path_kind(kind: PathLike) -> PathKind {
    match kind {
        PathLike::File => PathKind::File,
        PathLike::Folder => PathKind::Folder,
    }
}

/// clap's "unexpected argument" for a word that names a plan file or
/// folder (`wbs check plans/x.yaml`), as our own message; `None` for any
/// other error, which clap reports itself.
pub fn unexpected_path(error: &clap::Error, original: &[OsString]) -> Option<Failure> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(word)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    if word.starts_with('-') {
        return None;
    }
    let kind = path_kind(path_like(word)?);
    Some(Failure::PathArgument {
        word: word.clone(),
        kind,
        subcommand: super::find_subcommand(original).map(|(_, name)| name),
        command: with_f(original, &[word.as_str()]),
    })
}

/// The one kind all found words share, if they share one.
fn kind_of(found: &[(&str, PathLike)]) -> Option<PathLike> {
    let first = found.first()?.1;
    found
        .iter()
        .all(|(_, kind)| *kind == first)
        .then_some(first)
}

/// The command line with each of `paths` taken out of its place and given
/// to `-f` right after the program name, quoted for a POSIX shell where
/// needed: `wbs -f roadmap/plan.yaml report --fail-on overdue`.
fn with_f(original: &[OsString], paths: &[&str]) -> String {
    let mut words: Vec<String> = original
        .iter()
        .skip(1)
        .map(|word| word.to_string_lossy().into_owned())
        .collect();
    let after = super::find_subcommand(original).map_or(0, |(index, _)| index);
    for path in paths {
        let places: Vec<usize> = (after..words.len())
            .filter(|&at| words[at] == *path)
            .collect();
        // The word as a query term or argument, not as an option's value:
        // the first one that does not follow an option, else the last.
        let place = places
            .iter()
            .copied()
            .find(|&at| at == 0 || !words[at - 1].starts_with('-') || words[at - 1] == "--")
            .or(places.last().copied());
        if let Some(place) = place {
            words.remove(place);
        }
    }
    if words.last().is_some_and(|word| word == "--") {
        words.pop();
    }
    let mut shown = vec!["wbs".to_owned()];
    for path in paths {
        shown.push("-f".to_owned());
        shown.push(shell_word(path).into_owned());
    }
    shown.extend(words.iter().map(|word| shell_word(word).into_owned()));
    shown.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn with_f_moves_each_path_to_the_front() {
        let line = args(&["/bin/wbs", "--today", "2026-01-01", "list", "a.yaml", "x"]);
        assert_eq!(
            with_f(&line, &["a.yaml"]),
            "wbs -f a.yaml --today 2026-01-01 list x"
        );
        // The query word, not an option's value of the same text.
        let line = args(&["wbs", "update", "--title", "a.yaml", "a.yaml"]);
        assert_eq!(
            with_f(&line, &["a.yaml"]),
            "wbs -f a.yaml update --title a.yaml"
        );
        let line = args(&["wbs", "list", "-q", "a.yaml"]);
        assert_eq!(with_f(&line, &["a.yaml"]), "wbs -f a.yaml list -q");
    }

    #[test]
    fn shell_quote_quotes_what_a_shell_would_read_otherwise() {
        assert_eq!(shell_word("plans/计划.yaml"), "plans/计划.yaml");
        assert_eq!(shell_word("my plan.yaml"), "'my plan.yaml'");
        assert_eq!(shell_word("it's.yaml"), r"'it'\''s.yaml'");
        assert_eq!(shell_word("$(rm -rf)"), "'$(rm -rf)'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("HEAD~1"), "HEAD~1");
        assert_eq!(shell_word("~/plans"), "'~/plans'");
    }
}
