//! Reading plans from git: `wbs::git::Repo` against temporary repositories
//! built with an isolated git configuration.

use std::path::{Path, PathBuf};

use wbs::git::{Repo, split_rev_path};

/// A temporary repository; every git command here ignores the user's and
/// the system's configuration.
struct TestRepo {
    dir: tempfile::TempDir,
}

impl TestRepo {
    fn new() -> TestRepo {
        let repo = TestRepo {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        repo.git(&["init", "-q"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// Commits everything and returns the new commit's id.
    fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-q",
            "-m",
            message,
        ]);
        self.git(&["rev-parse", "HEAD"])
    }

    fn repo(&self) -> Repo {
        Repo::discover(self.path()).expect("discover")
    }
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    crate::common::git(dir, args).trim().to_owned()
}

fn error_text<T: std::fmt::Debug>(result: anyhow::Result<T>) -> String {
    format!("{:#}", result.expect_err("an error"))
}

/// Two commits: the first with `plans/a.yaml` (and a note that is no
/// plan), the second adding `plans/b.yml` and `plans/计划.yaml`.
fn two_commits() -> (TestRepo, String, String) {
    let repo = TestRepo::new();
    repo.write("plans/a.yaml", "wbs: 1\ntitle: A\ntasks: []\n");
    repo.write("plans/notes.md", "not a plan\n");
    repo.write("plans/sub/deep.yaml", "not directly in plans\n");
    let first = repo.commit("first");
    repo.write("plans/b.yml", "wbs: 1\ntitle: B\ntasks: []\n");
    repo.write("plans/计划.yaml", "wbs: 1\ntitle: 计划\ntasks: []\n");
    let second = repo.commit("second");
    (repo, first, second)
}

fn pairs(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(shown, path)| (shown.to_string(), path.to_string()))
        .collect()
}

#[test]
fn discover_outside_a_repository_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = error_text(Repo::discover(dir.path()));
    assert!(error.contains("is not inside a git work tree"), "{error}");
    assert!(error.contains("hint:"), "{error}");
}

#[test]
fn discover_finds_the_top_level_from_a_subfolder() {
    let (repo, _, _) = two_commits();
    let found = Repo::discover(&repo.path().join("plans/sub")).expect("discover");
    let top = std::fs::canonicalize(repo.path()).expect("canonical");
    assert_eq!(
        std::fs::canonicalize(found.toplevel()).expect("canonical"),
        top
    );
}

#[test]
fn resolve_names_commits_by_any_revision() {
    let (repo, first, second) = two_commits();
    repo.git(&["tag", "v1", &first]);
    repo.git(&["tag", "-a", "-m", "annotated", "v2", &second]);
    repo.git(&["branch", "old", &first]);
    let git = repo.repo();
    assert_eq!(git.resolve("HEAD").expect("HEAD"), second);
    assert_eq!(git.resolve("HEAD~1").expect("HEAD~1"), first);
    assert_eq!(git.resolve("v1").expect("tag"), first);
    // An annotated tag names its commit, not the tag object.
    assert_eq!(git.resolve("v2").expect("annotated tag"), second);
    assert_eq!(git.resolve("old").expect("branch"), first);
    assert_eq!(git.resolve(&first[..10]).expect("short id"), first);
}

#[test]
fn resolve_refuses_an_unknown_revision() {
    let (repo, _, _) = two_commits();
    let error = error_text(repo.repo().resolve("nope"));
    assert!(error.starts_with("unknown revision `nope`"), "{error}");
    assert!(error.contains("git log --oneline"), "{error}");
    let error = error_text(repo.repo().resolve(""));
    assert!(error.starts_with("unknown revision ``"), "{error}");
}

#[test]
fn resolve_never_takes_a_revision_for_an_option() {
    let (repo, _, _) = two_commits();
    let target = repo.path().join("written-by-git");
    let rev = format!("--output={}", target.display());
    let error = error_text(repo.repo().resolve(&rev));
    assert!(error.starts_with("unknown revision `--output="), "{error}");
    assert!(!target.exists(), "git took `{rev}` for an option");
    for rev in ["--all", "-h", "--git-dir", "--end-of-options"] {
        let error = error_text(repo.repo().resolve(rev));
        assert!(error.starts_with("unknown revision"), "{rev}: {error}");
    }
}

#[test]
fn resolve_refuses_an_object_that_is_not_a_commit() {
    let (repo, _, _) = two_commits();
    let error = error_text(repo.repo().resolve("HEAD:plans"));
    assert!(error.contains("not a commit"), "{error}");
}

#[test]
fn resolve_in_a_shallow_clone_says_the_clone_is_shallow() {
    let (repo, first, second) = two_commits();
    let outer = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", repo.path().display());
    git_in(
        outer.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let shallow = Repo::discover(&outer.path().join("shallow")).expect("discover");
    assert_eq!(shallow.resolve("HEAD").expect("HEAD"), second);
    for rev in [first.as_str(), "HEAD~1"] {
        let error = error_text(shallow.resolve(rev));
        assert!(error.contains("shallow"), "{error}");
        assert!(error.contains("git fetch --unshallow"), "{error}");
        assert!(error.contains("fetch-depth: 0"), "{error}");
    }
    // A full clone says nothing about shallowness.
    let error = error_text(repo.repo().resolve("HEAD~5"));
    assert!(!error.contains("shallow"), "{error}");
}

#[test]
fn plan_files_lists_a_folder_as_of_each_commit() {
    let (repo, first, second) = two_commits();
    let git = repo.repo();
    let roots = [PathBuf::from("plans")];
    assert_eq!(
        git.plan_files(&first, "HEAD~1", &roots).expect("first"),
        pairs(&[("plans/a.yaml", "plans/a.yaml")])
    );
    assert_eq!(
        git.plan_files(&second, "HEAD", &roots).expect("second"),
        pairs(&[
            ("plans/a.yaml", "plans/a.yaml"),
            ("plans/b.yml", "plans/b.yml"),
            ("plans/计划.yaml", "plans/计划.yaml"),
        ])
    );
}

#[test]
fn plan_files_follows_the_folder_or_file_at_that_commit() {
    let (repo, first, _) = two_commits();
    // Today `plans` is gone; at the first commit it was a folder.
    std::fs::remove_dir_all(repo.path().join("plans")).expect("rm");
    std::fs::write(repo.path().join("plans"), "now a file").expect("write");
    let files = repo
        .repo()
        .plan_files(&first, "HEAD~1", &[PathBuf::from("plans/")])
        .expect("folder");
    assert_eq!(files, pairs(&[("plans/a.yaml", "plans/a.yaml")]));
}

#[test]
fn plan_files_maps_paths_from_the_current_directory() {
    let (repo, _, second) = two_commits();
    repo.write("docs/readme.md", "docs\n");
    let second_with_docs = repo.commit("docs");
    let from_docs = Repo::discover(&repo.path().join("docs")).expect("discover");
    let files = from_docs
        .plan_files(
            &second_with_docs,
            "HEAD",
            &[
                PathBuf::from("../plans/a.yaml"),
                PathBuf::from("./../plans/b.yml"),
            ],
        )
        .expect("relative");
    assert_eq!(
        files,
        pairs(&[
            ("../plans/a.yaml", "plans/a.yaml"),
            ("../plans/b.yml", "plans/b.yml"),
        ])
    );

    let git = repo.repo();
    let files = git
        .plan_files(&second, "HEAD", &[PathBuf::from("./plans/b.yml")])
        .expect("dot");
    assert_eq!(files, pairs(&[("plans/b.yml", "plans/b.yml")]));

    // An absolute root inside the work tree; shown as given.
    let absolute = repo.path().join("plans/a.yaml");
    let files = git
        .plan_files(&second, "HEAD", std::slice::from_ref(&absolute))
        .expect("absolute");
    assert_eq!(
        files,
        vec![(absolute.display().to_string(), "plans/a.yaml".to_owned())]
    );

    // The top level itself, named as `.`, holds no plans.
    let error = error_text(git.plan_files(&second, "HEAD", &[PathBuf::from(".")]));
    assert!(error.starts_with("no plan files"), "{error}");

    let error = error_text(from_docs.plan_files(&second, "HEAD", &[PathBuf::from("../../x")]));
    assert!(error.contains("outside the git work tree"), "{error}");
}

#[test]
fn plan_files_names_a_file_twice_once() {
    let (repo, _, second) = two_commits();
    let files = repo
        .repo()
        .plan_files(
            &second,
            "HEAD",
            &[PathBuf::from("plans/b.yml"), PathBuf::from("plans")],
        )
        .expect("files");
    assert_eq!(
        files,
        pairs(&[
            ("plans/b.yml", "plans/b.yml"),
            ("plans/a.yaml", "plans/a.yaml"),
            ("plans/计划.yaml", "plans/计划.yaml"),
        ])
    );
}

#[test]
fn plan_files_refuses_a_root_missing_at_that_revision() {
    let (repo, first, _) = two_commits();
    let git = repo.repo();
    let error = error_text(git.plan_files(&first, "HEAD~1", &[PathBuf::from("plans/b.yml")]));
    assert_eq!(error, "`plans/b.yml` does not exist at HEAD~1");
    let error = error_text(git.plan_files(&first, "v0", &[PathBuf::from("elsewhere")]));
    assert_eq!(error, "`elsewhere` does not exist at v0");
    // A file where a folder is expected does not make a folder.
    let error = error_text(git.plan_files(&first, "HEAD~1", &[PathBuf::from("plans/a.yaml/x")]));
    assert_eq!(error, "`plans/a.yaml/x` does not exist at HEAD~1");
}

#[test]
fn plan_files_refuses_anything_but_a_commit_id() {
    let (repo, _, _) = two_commits();
    let error = error_text(
        repo.repo()
            .plan_files("--output=x", "HEAD", &[PathBuf::from("plans")]),
    );
    assert!(error.contains("not a git object id"), "{error}");
}

#[test]
fn read_files_reads_many_files_in_one_process() {
    let (repo, _, second) = two_commits();
    let git = repo.repo();
    let files = git
        .plan_files(&second, "HEAD", &[PathBuf::from("plans")])
        .expect("files");
    let read = git.read_files(&second, "HEAD", &files, 1024).expect("read");
    assert_eq!(
        read,
        vec![
            (
                "plans/a.yaml".to_owned(),
                b"wbs: 1\ntitle: A\ntasks: []\n".to_vec()
            ),
            (
                "plans/b.yml".to_owned(),
                b"wbs: 1\ntitle: B\ntasks: []\n".to_vec()
            ),
            (
                "plans/计划.yaml".to_owned(),
                "wbs: 1\ntitle: 计划\ntasks: []\n".as_bytes().to_vec()
            ),
        ]
    );
    assert!(
        git.read_files(&second, "HEAD", &[], 1)
            .expect("none")
            .is_empty()
    );
}

#[test]
fn read_files_of_a_large_batch_does_not_block() {
    let (repo, _, second) = two_commits();
    // Far more requests and answers than a pipe holds.
    let files: Vec<(String, String)> = (0..3000)
        .map(|i| (format!("copy {i}"), "plans/计划.yaml".to_owned()))
        .collect();
    let read = repo
        .repo()
        .read_files(&second, "HEAD", &files, 1024)
        .expect("read");
    assert_eq!(read.len(), 3000);
    assert_eq!(read[2999].0, "copy 2999");
    assert_eq!(read[2999].1, "wbs: 1\ntitle: 计划\ntasks: []\n".as_bytes());
}

#[test]
fn read_files_refuses_a_file_over_the_limit() {
    let (repo, _, second) = two_commits();
    repo.write("plans/big.yaml", &"x".repeat(10_000));
    let third = repo.commit("big");
    let files = pairs(&[
        ("plans/a.yaml", "plans/a.yaml"),
        ("plans/big.yaml", "plans/big.yaml"),
        ("plans/b.yml", "plans/b.yml"),
    ]);
    let error = error_text(repo.repo().read_files(&third, "main", &files, 100));
    assert_eq!(
        error,
        "`plans/big.yaml` at main is 10000 bytes, over the limit of 100 bytes\n\
         hint: raise the limit with WBS_MAX_BYTES if the file is meant to be this large"
    );
    // At the limit is fine.
    let exact = repo
        .repo()
        .read_files(&second, "HEAD", &files[..1], 26)
        .expect("at the limit");
    assert_eq!(exact[0].1.len(), 26);
}

#[test]
fn read_files_names_a_missing_path_and_revision() {
    let (repo, first, _) = two_commits();
    let files = pairs(&[
        ("plans/a.yaml", "plans/a.yaml"),
        ("plans/计划.yaml", "plans/计划.yaml"),
    ]);
    let error = error_text(repo.repo().read_files(&first, "HEAD~1", &files, 1024));
    assert_eq!(error, "`plans/计划.yaml` does not exist at HEAD~1");
    let error =
        error_text(
            repo.repo()
                .read_files(&first, "HEAD~1", &pairs(&[("plans", "plans")]), 1024),
        );
    assert_eq!(error, "`plans` is a folder at HEAD~1, not a file");
}

#[test]
fn split_rev_path_splits_at_the_first_colon() {
    assert_eq!(
        split_rev_path("HEAD:plans/a.yaml"),
        Some(("HEAD", "plans/a.yaml"))
    );
    assert_eq!(
        split_rev_path("origin/main:plans/计划.yaml"),
        Some(("origin/main", "plans/计划.yaml"))
    );
    assert_eq!(split_rev_path("v1:a:b.yaml"), Some(("v1", "a:b.yaml")));
    // Only the caller, which looks at the disk first, can tell this is a path.
    assert_eq!(
        split_rev_path("C:\\plans\\a.yaml"),
        Some(("C", "\\plans\\a.yaml"))
    );
    assert_eq!(split_rev_path("plans/a.yaml"), None);
    assert_eq!(split_rev_path("HEAD"), None);
    assert_eq!(split_rev_path(":plans/a.yaml"), None);
    assert_eq!(split_rev_path("HEAD:"), None);
    assert_eq!(split_rev_path("-"), None);
}
