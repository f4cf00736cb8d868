//! The official YAML test suite (`tests/yaml-suite/`, see its README)
//! through the loader: every case the suite marks invalid is a
//! `yaml-syntax` error, and no valid single-document case is one.
//!
//! The cases are not plans, so other findings (`missing-field`,
//! `unsupported-yaml`, …) are expected and ignored; only `yaml-syntax`
//! matters here.

use std::path::{Path, PathBuf};

use super::load;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::i18n::Lang;
use crate::i18n::syntax::Syntax;

/// Every `<case>.yaml` of one folder of the suite, sorted by name.
fn cases(group: &str) -> Vec<(String, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/yaml-suite")
        .join(group);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let bytes = std::fs::read(&path).expect("a readable case");
            (name, bytes)
        })
        .collect()
}

fn syntax_errors(name: &str, bytes: Vec<u8>) -> Vec<Diagnostic> {
    load(vec![(format!("{name}.yaml"), bytes)], false)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::YamlSyntax)
        .collect()
}

#[test]
fn every_invalid_case_is_a_syntax_error() {
    let cases = cases("invalid");
    assert_eq!(cases.len(), 94, "the suite's invalid cases");
    let mut accepted = Vec::new();
    for (name, bytes) in cases {
        let errors = syntax_errors(&name, bytes);
        let Some(error) = errors.first() else {
            accepted.push(name);
            continue;
        };
        // Said in plain words, with the parser's own as a note; the
        // catch-all message is for kinds no case of the suite produces.
        // QLJ7 holds a second document, which wbs itself reports.
        assert_ne!(error.message, Syntax::NotYaml.into(), "{name}");
        assert!(error.help.is_some(), "{name}");
        if name != "QLJ7" {
            let Some(Text::Syntax(Syntax::ParserSays { info })) = &error.note else {
                panic!("{name}: no parser's note: {:?}", error.note);
            };
            let message = Lang::En.show(&error.message).to_string();
            assert!(!info.ends_with(&message), "{name}");
        }
    }
    assert!(accepted.is_empty(), "invalid YAML accepted: {accepted:?}");
}

#[test]
fn no_valid_single_document_case_is_a_syntax_error() {
    let cases = cases("valid");
    assert_eq!(cases.len(), 289, "the suite's valid single-document cases");
    let rejected: Vec<String> = cases
        .into_iter()
        .filter_map(|(name, bytes)| {
            let errors = syntax_errors(&name, bytes);
            (!errors.is_empty()).then(|| format!("{name}: {}", Lang::En.show(&errors[0].message)))
        })
        .collect();
    assert!(rejected.is_empty(), "valid YAML rejected: {rejected:#?}");
}

/// A plan file holds one document (SPEC §1), so a valid stream of several
/// is refused at its second document, and for no other reason.
#[test]
fn valid_multi_document_cases_stop_at_the_second_document() {
    let cases = cases("multi-document");
    assert_eq!(cases.len(), 19, "the suite's valid multi-document cases");
    for (name, bytes) in cases {
        let errors = syntax_errors(&name, bytes);
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert_eq!(
            errors[0].message,
            Syntax::SecondDocument.into(),
            "{name}: {errors:?}"
        );
    }
}
