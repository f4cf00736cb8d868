//! `wbs git-setup` and the diff driver it configures, in scratch
//! repositories: git's own `git diff`, `git log -p` and `git show` over
//! every kind of change, each of which must exit 0 with readable output.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Output, path_str, run, wbs};

const A: &str = "\
wbs: 1
title: Web
tasks:
  - id: design
    title: Design
    tasks:
      - id: wireframes
        title: Wireframes
        due: 2026-12-01
      - id: mockups
        title: Mockups
  - id: build
    title: Build
";

/// Waits on a node of a.yaml: read alone, it would not validate.
const B: &str = "\
wbs: 1
title: Launch
tasks:
  - id: release
    title: Release
    after: [build]
";

/// A scratch repository with `wbs` on its `PATH` (a link to the binary
/// under test), where git runs with no user or system configuration,
/// fixed names and dates, and wbs with a fixed today.
struct Scratch {
    dir: tempfile::TempDir,
    bin: tempfile::TempDir,
}

impl Scratch {
    /// `plans/a.yaml` and `plans/b.yaml`, committed.
    fn new() -> Scratch {
        let scratch = Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
            bin: tempfile::tempdir().expect("temp dir"),
        };
        link_wbs(scratch.bin.path());
        scratch.git(&["init", "-q", "-b", "main"]);
        scratch.write("plans/a.yaml", A);
        scratch.write("plans/b.yaml", B);
        scratch.commit("two plans");
        scratch
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn edit(&self, path: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path().join(path)).expect("read");
        assert!(text.contains(from), "{from:?} not in {path}");
        self.write(path, &text.replacen(from, to, 1));
    }

    /// git in the repository: its exit code and output.
    fn git_output(&self, args: &[&str]) -> Output {
        let path = std::env::join_paths(std::iter::once(self.bin.path().to_path_buf()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .expect("PATH");
        run(Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00+00:00")
            .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00+00:00")
            .env("WBS_TODAY", "2026-11-29")
            .env("NO_COLOR", "1"))
    }

    /// git in the repository; fails the test if git fails.
    fn git(&self, args: &[&str]) -> String {
        let output = self.git_output(args);
        assert_eq!(output.code, 0, "git {args:?}: {output}");
        output.stdout
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `wbs ARGS` in the repository (or a folder of it), with the same
    /// git isolation and `PATH`.
    fn wbs_in(&self, folder: &str, args: &[&str]) -> Output {
        let path = std::env::join_paths(std::iter::once(self.bin.path().to_path_buf()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .expect("PATH");
        run(wbs(args)
            .current_dir(self.path().join(folder))
            .env("PATH", path)
            .env("HOME", self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1"))
    }

    fn wbs(&self, args: &[&str]) -> Output {
        self.wbs_in("", args)
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.path().join(path)).expect("read")
    }
}

/// Puts a link named `wbs` to the binary under test in `folder`.
fn link_wbs(folder: &Path) {
    let target = PathBuf::from(env!("CARGO_BIN_EXE_wbs"));
    let link = folder.join(format!("wbs{}", std::env::consts::EXE_SUFFIX));
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, &link).expect("link");
    #[cfg(not(unix))]
    std::fs::copy(&target, &link).expect("copy");
}

/// The trap: with the driver the README used to give, `git diff` died
/// (exit 128) on an added file; `wbs git-setup` replaces it, and then
/// every kind of change prints something readable and git exits 0.
#[test]
fn git_diff_never_fails_over_any_change() {
    let repo = Scratch::new();
    repo.write(".gitattributes", "plans/*.yaml diff=wbs\n");
    repo.git(&[
        "config",
        "diff.wbs.command",
        r#"f() { echo "wbs diff: $1"; wbs diff "$2" "$5"; }; f"#,
    ]);
    repo.write("plans/c.yaml", "wbs: 1\ntitle: New\ntasks: [Idea]\n");
    repo.git(&["add", "-N", "plans/c.yaml"]);
    let died = repo.git_output(&["diff"]);
    assert_eq!(died.code, 128, "{died}");
    assert!(died.stderr.contains("external diff died"), "{died}");
    std::fs::remove_file(repo.path().join("plans/c.yaml")).expect("rm");
    repo.git(&["rm", "-q", "--cached", "plans/c.yaml"]);

    insta::assert_snapshot!(repo.wbs(&["git-setup"]), @r#"
    .gitattributes: added `plans/**/*.yaml diff=wbs merge=wbs`
    .gitattributes: added `plans/**/*.yml diff=wbs merge=wbs`
    the repository's git config: set diff.wbs.command = wbs diff-driver (was f() { echo "wbs diff: $1"; wbs diff "$2" "$5"; }; f)
    the repository's git config: set merge.wbs.name = wbs plan merge
    the repository's git config: set merge.wbs.driver = wbs merge %O %A %B --path %P --marker-size %L
    commit .gitattributes so that every clone gets it
    `git diff` now shows plan files as wbs diffs; `git log -p` and `git show` need --ext-diff
    `git merge` (and rebase, cherry-pick) now merges plan files by task with `wbs merge`
    [exit status: 0]
    "#);
    repo.commit("set up wbs diff");

    // A field change, and a change to a file whose `after` names a node
    // of the other file: read in the plan set, with the set's codes.
    repo.edit(
        "plans/a.yaml",
        "title: Wireframes\n",
        "title: Wireframes\n        status: done\n",
    );
    repo.edit("plans/b.yaml", "title: Release\n", "title: Release 1.0\n");
    insta::assert_snapshot!(repo.git_output(&["diff"]), @"
    wbs diff plans/a.yaml
    1.1 Design
      ~ 1.1.1 Wireframes: status todo → done
      ~ 1.1.1 Wireframes: progress 0% → 100% (done)

    0 added, 0 removed, 0 moved, 0 renamed, 2 changed; progress 0.0% → 25.0% (1.1 Design 0.0% → 50.0%)
    wbs diff plans/b.yaml
    2.1 Release 1.0
      ~ 2.1 Release 1.0: title Release → Release 1.0

    0 added, 0 removed, 0 moved, 1 renamed, 0 changed; progress 25.0% → 25.0%
    [exit status: 0]
    ");
    repo.commit("wireframes done");

    // A working copy with an error: exactly when the diff must show, to
    // find the typo.
    repo.edit("plans/a.yaml", "due: 2026-12-01", "due: 2026-12-41");
    insta::assert_snapshot!(repo.git_output(&["diff"]), @"
    wbs diff plans/a.yaml
    the new version has 1 error:
      plans/a.yaml:10:14: error[invalid-date]: `2026-12-41` is not a valid date for `due`
    so this is the text diff:
    --- a/plans/a.yaml
    +++ b/plans/a.yaml
    @@ -7,7 +7,7 @@
           - id: wireframes
             title: Wireframes
             status: done
    -        due: 2026-12-01
    +        due: 2026-12-41
           - id: mockups
             title: Mockups
       - id: build
    [exit status: 0]
    ");
    repo.git(&["checkout", "-q", "plans/a.yaml"]);

    // A plan file added and one deleted.
    repo.write("plans/c.yaml", "wbs: 1\ntitle: New\ntasks: [Idea]\n");
    repo.git(&["add", "plans/c.yaml"]);
    repo.git(&["rm", "-q", "plans/b.yaml"]);
    insta::assert_snapshot!(repo.git_output(&["diff", "--cached"]), @"
    wbs diff plans/b.yaml
    deleted plan file
    --- a/plans/b.yaml
    +++ /dev/null
    @@ -1,6 +0,0 @@
    -wbs: 1
    -title: Launch
    -tasks:
    -  - id: release
    -    title: Release 1.0
    -    after: [build]
    wbs diff plans/c.yaml
    new plan file
    --- /dev/null
    +++ b/plans/c.yaml
    @@ -0,0 +1,3 @@
    +wbs: 1
    +title: New
    +tasks: [Idea]
    [exit status: 0]
    ");
    repo.commit("replace the launch plan");

    // History needs --ext-diff; a commit whose file no longer fits the
    // work tree's plan set is read on its own.
    insta::assert_snapshot!(repo.git_output(&["log", "-p", "--ext-diff", "--format=commit: %s", "-2", "--", "plans"]), @"
    commit: replace the launch plan

    wbs diff plans/b.yaml
    deleted plan file
    --- a/plans/b.yaml
    +++ /dev/null
    @@ -1,6 +0,0 @@
    -wbs: 1
    -title: Launch
    -tasks:
    -  - id: release
    -    title: Release 1.0
    -    after: [build]
    wbs diff plans/c.yaml
    new plan file
    --- /dev/null
    +++ b/plans/c.yaml
    @@ -0,0 +1,3 @@
    +wbs: 1
    +title: New
    +tasks: [Idea]
    commit: wireframes done

    wbs diff plans/a.yaml
    1.1 Design
      ~ 1.1.1 Wireframes: status todo → done
      ~ 1.1.1 Wireframes: progress 0% → 100% (done)

    0 added, 0 removed, 0 moved, 0 renamed, 2 changed; progress 0.0% → 25.0% (1.1 Design 0.0% → 50.0%)
    wbs diff plans/b.yaml
    1 Release 1.0
      ~ 1 Release 1.0: title Release → Release 1.0

    0 added, 0 removed, 0 moved, 1 renamed, 0 changed; progress 0.0% → 0.0%
    [exit status: 0]
    ");
    insta::assert_snapshot!(repo.git_output(&["show", "--ext-diff", "--format=commit: %s", "HEAD~1", "--", "plans/a.yaml"]), @"
    commit: wireframes done

    wbs diff plans/a.yaml
    1.1 Design
      ~ 1.1.1 Wireframes: status todo → done
      ~ 1.1.1 Wireframes: progress 0% → 100% (done)

    0 added, 0 removed, 0 moved, 0 renamed, 2 changed; progress 0.0% → 25.0% (1.1 Design 0.0% → 50.0%)
    [exit status: 0]
    ");
    // Without --ext-diff, git's own text diff.
    let plain = repo.git(&["show", "--format=", "HEAD~1", "--", "plans/a.yaml"]);
    assert!(plain.starts_with("diff --git a/plans/a.yaml"), "{plain}");
}

/// The rename form (9 arguments) and the unmerged form (1 argument).
#[test]
fn renamed_and_unmerged_files() {
    let repo = Scratch::new();
    assert_eq!(repo.wbs(&["git-setup", "-q"]).code, 0);
    repo.commit("set up");
    repo.git(&["mv", "plans/b.yaml", "plans/launch.yaml"]);
    repo.edit("plans/launch.yaml", "title: Release\n", "title: Ship\n");
    repo.git(&["add", "-A"]);
    insta::assert_snapshot!(repo.git_output(&["diff", "--cached", "-M"]), @"
    wbs diff plans/b.yaml → plans/launch.yaml
    2.1 Ship
      ~ 2.1 Ship: title Release → Ship

    0 added, 0 removed, 0 moved, 1 renamed, 0 changed; progress 0.0% → 0.0%
    [exit status: 0]
    ");
    repo.commit("rename");

    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.edit("plans/a.yaml", "title: Build\n", "title: Build it\n");
    repo.commit("side");
    repo.git(&["checkout", "-q", "main"]);
    repo.edit("plans/a.yaml", "title: Build\n", "title: Build all\n");
    repo.commit("main");
    let merge = repo.git_output(&["merge", "-q", "side"]);
    assert_eq!(merge.code, 1, "{merge}");
    insta::assert_snapshot!(repo.git_output(&["diff", "--cached"]), @"
    wbs diff plans/a.yaml
    unmerged: a merge left conflicts in this file; `git diff` shows them
    [exit status: 0]
    ");
}

/// A comment or `x-` field changes no plan field: the text diff shows it.
#[test]
fn a_change_outside_the_plan_fields_shows_as_text() {
    let repo = Scratch::new();
    assert_eq!(repo.wbs(&["git-setup", "-q"]).code, 0);
    repo.edit("plans/b.yaml", "title: Launch\n", "title: Launch # v1\n");
    insta::assert_snapshot!(repo.git_output(&["diff"]), @"
    wbs diff plans/b.yaml
    no differences; progress 0.0%
    the plan is the same; the text changed (comments, layout or x- fields):
    --- a/plans/b.yaml
    +++ b/plans/b.yaml
    @@ -1,5 +1,5 @@
     wbs: 1
    -title: Launch
    +title: Launch # v1
     tasks:
       - id: release
         title: Release
    [exit status: 0]
    ");
}

#[test]
fn git_setup_twice_changes_nothing_and_keeps_other_attributes() {
    let repo = Scratch::new();
    repo.write(".gitattributes", "*.png binary\nplans/**/*.yaml text");
    let first = repo.wbs(&["git-setup"]);
    assert_eq!(first.code, 0, "{first}");
    assert_eq!(
        repo.read(".gitattributes"),
        "*.png binary\nplans/**/*.yaml text\nplans/**/*.yaml diff=wbs merge=wbs\nplans/**/*.yml diff=wbs merge=wbs\n"
    );
    insta::assert_snapshot!(repo.wbs(&["git-setup"]), @"
    nothing to change: .gitattributes and the repository's git config already use wbs's diff and merge drivers
    `git diff` now shows plan files as wbs diffs; `git log -p` and `git show` need --ext-diff
    `git merge` (and rebase, cherry-pick) now merges plan files by task with `wbs merge`
    [exit status: 0]
    ");
    assert_eq!(
        repo.read(".gitattributes"),
        "*.png binary\nplans/**/*.yaml text\nplans/**/*.yaml diff=wbs merge=wbs\nplans/**/*.yml diff=wbs merge=wbs\n"
    );
    let attributes = repo.git(&[
        "check-attr",
        "diff",
        "--",
        "plans/a.yaml",
        "plans/x/y.yml",
        "a.yaml",
    ]);
    assert_eq!(
        attributes,
        "plans/a.yaml: diff: wbs\nplans/x/y.yml: diff: wbs\na.yaml: diff: unspecified\n"
    );
}

/// Without `wbs` on `PATH`, git is given this program's absolute path.
#[test]
fn git_setup_names_the_program_git_can_find() {
    let repo = Scratch::new();
    let output = run(wbs(&["git-setup", "-q"])
        .current_dir(repo.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1"));
    assert_eq!(output.code, 0, "{output}");
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_wbs")).expect("canonical");
    assert_eq!(
        repo.git(&["config", "--get", "diff.wbs.command"]),
        format!("{} diff-driver\n", exe.display())
    );
    // With it on PATH, plain `wbs`, so the setting outlives upgrades.
    assert_eq!(repo.wbs(&["git-setup", "-q"]).code, 0);
    assert_eq!(
        repo.git(&["config", "--get", "diff.wbs.command"]),
        "wbs diff-driver\n"
    );
}

/// A plan set named with -f, from a folder inside the repository.
#[test]
fn git_setup_writes_the_plan_set_that_f_names() {
    let repo = Scratch::new();
    repo.write("roadmap/plan.yaml", A);
    repo.write("docs/readme.md", "docs\n");
    insta::assert_snapshot!(repo.wbs_in("docs", &["-f", "../roadmap/plan.yaml", "-f", "../plans", "git-setup", "-q"]), @"
    .gitattributes: added `roadmap/plan.yaml diff=wbs merge=wbs`
    .gitattributes: added `plans/**/*.yaml diff=wbs merge=wbs`
    .gitattributes: added `plans/**/*.yml diff=wbs merge=wbs`
    the repository's git config: set diff.wbs.command = wbs -f roadmap/plan.yaml -f plans diff-driver
    the repository's git config: set merge.wbs.name = wbs plan merge
    the repository's git config: set merge.wbs.driver = wbs merge %O %A %B --path %P --marker-size %L
    [exit status: 0]
    ");
    assert!(repo.path().join(".gitattributes").is_file());
    assert!(!repo.path().join("docs/.gitattributes").exists());
}

#[test]
fn git_setup_global_writes_the_user_config() {
    let repo = Scratch::new();
    let home = tempfile::tempdir().expect("temp dir");
    let global = home.path().join("gitconfig");
    let output = run(wbs(&["git-setup", "--global", "-q"])
        .current_dir(repo.path())
        .env(
            "PATH",
            std::env::join_paths(std::iter::once(repo.bin.path().to_path_buf()).chain(
                std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
            ))
            .expect("PATH"),
        )
        .env("GIT_CONFIG_GLOBAL", &global)
        .env("GIT_CONFIG_NOSYSTEM", "1"));
    insta::assert_snapshot!(output, @"
    .gitattributes: added `plans/**/*.yaml diff=wbs merge=wbs`
    .gitattributes: added `plans/**/*.yml diff=wbs merge=wbs`
    your global git config: set diff.wbs.command = wbs diff-driver
    your global git config: set merge.wbs.name = wbs plan merge
    your global git config: set merge.wbs.driver = wbs merge %O %A %B --path %P --marker-size %L
    [exit status: 0]
    ");
    let written = std::fs::read_to_string(&global).expect("global config");
    assert!(written.contains("command = wbs diff-driver"), "{written}");
    let local = repo.git_output(&["config", "--local", "--get", "diff.wbs.command"]);
    assert_eq!(local.code, 1, "{local}");
    // Where the global config is /dev/null (an isolated job), git would
    // replace /dev/null with a file: anything but a file is refused. (A
    // folder stands in for /dev/null here, so that a broken check cannot
    // break the machine.)
    let output = run(wbs(&["git-setup", "--global"])
        .current_dir(repo.path())
        .env("GIT_CONFIG_GLOBAL", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1"));
    assert_eq!(output.code, 2, "{output}");
    assert_eq!(
        output.stderr,
        format!(
            "error: GIT_CONFIG_GLOBAL names `{}`, which is not a file to write settings to\n\
             hint: unset GIT_CONFIG_GLOBAL, or set up this repository alone with `wbs git-setup`\n",
            path_str(home.path())
        )
    );
}

#[test]
fn git_setup_refuses_outside_a_repository() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(wbs(&["git-setup"])
        .current_dir(dir.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("a parent"),
        ));
    assert_eq!(output.code, 2, "{output}");
    assert_eq!(
        output.stderr,
        format!(
            "error: `wbs git-setup` configures a git repository, and `{}` is not inside one: \
             fatal: not a git repository (or any of the parent directories): .git\n\
             hint: run it inside the repository that holds the plans (`git init` creates one)\n",
            path_str(dir.path())
        )
    );
    assert!(!dir.path().join(".gitattributes").exists());
}

/// The driver is for git: any other number of arguments is a usage error.
#[test]
fn the_driver_refuses_arguments_git_never_passes() {
    insta::assert_snapshot!(crate::common::wbs_run(&["diff-driver", "a.yaml", "b.yaml"]), @"
    ----- stderr -----
    error: git calls a diff driver with 1, 7 or 9 arguments, not 2
    hint: this command is for git to run; `wbs git-setup` configures it, and `wbs diff OLD NEW` compares two versions
    [exit status: 2]
    ");
}

/// `git-setup` in Chinese: each change, what git now does, and why it
/// cannot run; the files it writes are the same in every language.
#[test]
fn git_setup_in_chinese() {
    let english = Scratch::new();
    english.wbs(&["git-setup"]);
    let repo = Scratch::new();
    let output = repo.wbs(&["--lang", "zh", "git-setup"]);
    assert_eq!(output.code, 0, "{output}");
    assert_eq!(repo.read(".gitattributes"), english.read(".gitattributes"));
    let allowed = [
        "gitattributes",
        "plans",
        "yaml",
        "yml",
        "diff",
        "merge",
        "wbs",
        "driver",
        "command",
        "name",
        "plan",
        "marker",
        "size",
        "path",
        "rebase",
        "cherry",
        "pick",
        "log",
        "show",
        "ext",
        "git",
    ];
    assert_eq!(
        crate::common::english_words(&output.stdout, "", &allowed),
        Default::default(),
        "{output}"
    );
    insta::assert_snapshot!(output, @"
    .gitattributes：已添加 `plans/**/*.yaml diff=wbs merge=wbs`
    .gitattributes：已添加 `plans/**/*.yml diff=wbs merge=wbs`
    仓库的 git 配置：已设置 diff.wbs.command = wbs diff-driver
    仓库的 git 配置：已设置 merge.wbs.name = wbs plan merge
    仓库的 git 配置：已设置 merge.wbs.driver = wbs merge %O %A %B --path %P --marker-size %L
    请提交 .gitattributes，让每个克隆都用上它
    `git diff` 现在以 wbs diff 显示计划文件；`git log -p` 和 `git show` 需要加 --ext-diff
    `git merge`（以及 rebase、cherry-pick）现在用 `wbs merge` 按任务合并计划文件
    [exit status: 0]
    ");
    insta::assert_snapshot!(repo.wbs(&["--lang", "zh", "git-setup"]), @"
    无需更改：.gitattributes 和仓库的 git 配置已在使用 wbs 的 diff 和 merge 驱动
    `git diff` 现在以 wbs diff 显示计划文件；`git log -p` 和 `git show` 需要加 --ext-diff
    `git merge`（以及 rebase、cherry-pick）现在用 `wbs merge` 按任务合并计划文件
    [exit status: 0]
    ");
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = run(wbs(&["--lang", "zh", "git-setup"])
        .current_dir(dir.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("a parent"),
        ));
    assert_eq!(outside.code, 2, "{outside}");
    assert_eq!(
        outside.stderr,
        format!(
            "错误：`wbs git-setup` 配置的是 git 仓库，而 `{}` 不在任何仓库中：\
             fatal: not a git repository (or any of the parent directories): .git\n\
             提示：请在存放计划的仓库中运行（`git init` 可以创建仓库）\n",
            path_str(dir.path())
        )
    );
}
