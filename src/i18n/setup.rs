//! What the two set-up commands say: `wbs init` (the files it wrote, what
//! to do next, why it will not write) and `wbs git-setup` (each change to
//! `.gitattributes` and git config, what git now does, why it cannot).
//! The starter plan `wbs init` writes is a file, not a message: it is the
//! same in every language.

use std::fmt;

use super::{Lang, Message};

crate::phrases! {
    /// Which git config `git-setup` writes.
    pub enum Config {
        Repository,
        Global,
    }
}

crate::messages! {
    /// The lines `wbs init` and `wbs git-setup` print.
    pub enum Setup {
        /// `wrote plans/plan.yaml (a starter plan)`
        WroteStarter { path: String },
        WroteSchema { path: String },
        /// `next: edit the plan, then run `wbs check``
        InitNext { check: String },
        NothingToChange { config: Config },
        AddedAttribute { line: String },
        SetConfig { config: Config, key: String, new: String, old: Option<String> },
        /// The global driver cannot know this repository's `-f`.
        GlobalNote,
        CommitAttributes,
        DiffNow,
        MergeNow,
    }
}

crate::messages! {
    /// Why a set-up command will not run (exit 2).
    pub enum SetupFailure {
        InitFolder { path: String, suggestion: String },
        InitExists { path: String, suggestion: String },
        /// Not in a git repository; `git_said` is git's own words.
        NotARepository { dir: String, git_said: String },
        GlobalConfigNotFile { file: String },
    }
}

spoken!(phrase setup: Config => config);

spoken!(message setup: Setup => setup);

spoken!(message setup: SetupFailure => failure);

/// In English, as logs read it.
impl fmt::Display for SetupFailure {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(Lang::En, out)
    }
}

impl std::error::Error for SetupFailure {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::assert::{assert_chinese, assert_phrases};

    fn samples() -> Vec<Setup> {
        let s = |t: &str| t.to_owned();
        vec![
            Setup::WroteStarter {
                path: s("plans/plan.yaml"),
            },
            Setup::WroteSchema {
                path: s("plans/.wbs-schema.json"),
            },
            Setup::InitNext {
                check: s("wbs check"),
            },
            Setup::NothingToChange {
                config: Config::Repository,
            },
            Setup::AddedAttribute {
                line: s("plans/*.yaml diff=wbs"),
            },
            Setup::SetConfig {
                config: Config::Global,
                key: s("diff.wbs.command"),
                new: s("wbs diff-driver"),
                old: Some(s("x")),
            },
            Setup::GlobalNote,
            Setup::CommitAttributes,
            Setup::DiffNow,
            Setup::MergeNow,
        ]
    }

    fn failures() -> Vec<SetupFailure> {
        let s = |t: &str| t.to_owned();
        vec![
            SetupFailure::InitFolder {
                path: s("plans"),
                suggestion: s("plans/plan.yaml"),
            },
            SetupFailure::InitExists {
                path: s("plans/plan.yaml"),
                suggestion: s("plans/plan-2.yaml"),
            },
            SetupFailure::NotARepository {
                dir: s("/tmp/x"),
                git_said: s("fatal"),
            },
            SetupFailure::GlobalConfigNotFile {
                file: s("/dev/null"),
            },
        ]
    }

    #[test]
    fn every_message_has_both_languages() {
        let mut names: Vec<&str> = samples().iter().map(Setup::variant).collect();
        names.sort_unstable();
        let mut all = Setup::VARIANTS.to_vec();
        all.sort_unstable();
        assert_eq!(names, all, "samples() must hold one of each variant");
        let mut names: Vec<&str> = failures().iter().map(SetupFailure::variant).collect();
        names.sort_unstable();
        let mut all = SetupFailure::VARIANTS.to_vec();
        all.sort_unstable();
        assert_eq!(names, all, "failures() must hold one of each variant");
        for sample in samples() {
            assert_chinese(
                &Lang::En.show(&sample).to_string(),
                &Lang::Zh.show(&sample).to_string(),
            );
        }
        for failure in failures() {
            assert_chinese(
                &Lang::En.show(&failure).to_string(),
                &Lang::Zh.show(&failure).to_string(),
            );
        }
        assert_phrases(Config::ALL);
    }
}
