//! Issue 19: what wbs says when it cannot write or read, or an argument
//! names nothing, in English and in Chinese: an edit that finds the lock
//! held, a read-only plan, a plan changed on disk, lone-CR line ends and a
//! full disk; `apply`'s and `diff`'s inputs; an unknown node, sort key,
//! revision; the values our parsers refuse inside clap's frame. No English
//! word left in the Chinese (paths, revisions and options excepted).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{Output, english_words, root, run, seed_repository, wbs};

const PLAN: &str = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n  - id: b\n    title: B\n";

/// Words the Chinese outputs keep: the seed's file name.
const KEPT: &[&str] = &["plans", "programme"];

fn plan_text() -> String {
    std::fs::read_to_string(root().join("plans/programme.yaml")).expect("seed plan")
}

/// A temporary folder holding `p.yaml` (`PLAN`).
fn small_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("p.yaml"), PLAN).expect("write plan");
    dir
}

/// `wbs ARGS` in `dir`, after `--lang zh` when `zh`.
fn command(dir: &Path, zh: bool, args: &[&str]) -> Command {
    let mut all = if zh { vec!["--lang", "zh"] } else { vec![] };
    all.extend(args);
    let mut command = wbs(&all);
    command.current_dir(dir);
    command
}

/// The output with the temporary folder's path written `[DIR]`.
fn redacted(output: Output, dir: &Path) -> Output {
    let canonical = std::fs::canonicalize(dir).expect("canonical");
    let redact = |text: String| {
        text.replace(canonical.to_str().expect("UTF-8"), "[DIR]")
            .replace(dir.to_str().expect("UTF-8"), "[DIR]")
    };
    Output {
        stdout: redact(output.stdout),
        stderr: redact(output.stderr),
        code: output.code,
    }
}

/// Runs the case in English and in Chinese, each in a fresh folder that
/// `setup` makes and with `prepare` applied to the command; both exit 2,
/// and no English word is left in the Chinese besides `allowed`.
fn both_with(
    setup: impl Fn() -> tempfile::TempDir,
    args: &[&str],
    prepare: impl Fn(&mut Command, &Path),
    allowed: &[&str],
) -> (Output, Output) {
    let said = |zh: bool| {
        let dir = setup();
        let mut command = command(dir.path(), zh, args);
        prepare(&mut command, dir.path());
        redacted(run(&mut command), dir.path())
    };
    let (en, zh) = (said(false), said(true));
    assert_eq!(en.code, 2, "{en}");
    assert_eq!(zh.code, 2, "{zh}");
    let allowed: Vec<&str> = KEPT.iter().chain(allowed).copied().collect();
    let left = english_words(&zh.stderr, &plan_text(), &allowed);
    assert!(left.is_empty(), "English in {args:?}: {left:?}\n{zh}");
    (en, zh)
}

/// A snapshot's name for a command line: `show-9-9`.
fn slug(args: &[&str]) -> String {
    let text: String = args
        .join("-")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    text.trim_matches('-').to_owned()
}

/// A case on a copy of the seed repository.
fn seed(args: &[&str]) -> (Output, Output) {
    both_with(seed_repository, args, |_, _| {}, &[])
}

/// A case on `p.yaml`.
fn small(args: &[&str], prepare: impl Fn(&mut Command, &Path)) -> (Output, Output) {
    both_with(small_plan, args, prepare, &[])
}

#[test]
fn another_edit_holding_the_lock() {
    // The lock holds this test's own process id: a wbs that runs.
    let (en, zh) = small(
        &["-f", "p.yaml", "update", "id:a", "--status", "done"],
        |_, dir| {
            std::fs::write(dir.join(".p.yaml.wbs-lock"), std::process::id().to_string())
                .expect("lock");
        },
    );
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: another wbs edit holds `[DIR]/.p.yaml.wbs-lock`; nothing was written
    hint: wait for it, or remove the lock file if no wbs is running
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：另一个 wbs 编辑正持有锁 `[DIR]/.p.yaml.wbs-lock`；没有写入任何文件
    提示：请等它完成；如果没有 wbs 在运行，可以删除这个锁文件
    [exit status: 2]
    ");
}

#[cfg(unix)]
#[test]
fn a_read_only_plan() {
    // The mode says read-only whoever runs wbs (root too): wbs refuses it.
    let (en, zh) = small(
        &["-f", "p.yaml", "update", "id:a", "--status", "done"],
        |_, dir| {
            use std::os::unix::fs::PermissionsExt;
            let plan = dir.join("p.yaml");
            std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        },
    );
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: `p.yaml` is read-only; nothing was written
    hint: make it writable (chmod u+w) if it should be edited
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：`p.yaml` 是只读文件；没有写入任何文件
    提示：如果它应当可以编辑，请先设为可写（`chmod u+w`）
    [exit status: 2]
    ");
}

#[test]
fn lone_cr_line_ends() {
    let setup = || {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("p.yaml"), PLAN.replace('\n', "\r")).expect("write");
        dir
    };
    let args = ["-f", "p.yaml", "update", "id:a", "--status", "done"];
    let (en, zh) = both_with(setup, &args, |_, _| {}, &["CR", "LF", "CRLF", "Mac"]);
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: `p.yaml` ends its lines with CR alone (old Mac style), which wbs reads but does not edit; nothing was written
    hint: convert it to LF or CRLF line ends first
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：`p.yaml` 的行尾只有 CR（旧式 Mac 格式），wbs 能读取但不能编辑；没有写入任何文件
    提示：请先把行尾转换为 LF 或 CRLF
    [exit status: 2]
    ");
}

/// A plan replaced between wbs's temporary file and its rename:
/// `WBS_TEST_PAUSE_BEFORE_RENAME` holds wbs there.
#[test]
fn a_plan_changed_on_disk() {
    let said = |zh: bool| {
        let dir = small_plan();
        let mut child = command(
            dir.path(),
            zh,
            &["-f", "p.yaml", "update", "id:a", "--status", "done"],
        )
        .env("WBS_TEST_PAUSE_BEFORE_RENAME", "400")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut line = String::new();
        stderr.read_line(&mut line).expect("read");
        assert_eq!(line, "wbs: temporary file written\n");
        let next = dir.path().join("p.next");
        std::fs::write(&next, format!("{PLAN}# replaced\n")).expect("write");
        std::fs::rename(&next, dir.path().join("p.yaml")).expect("rename");
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut rest).expect("read");
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(2), "{rest}");
        rest
    };
    let (en, zh) = (said(false), said(true));
    assert!(english_words(&zh, PLAN, &[]).is_empty(), "{zh}");
    insta::assert_snapshot!(en, @"
    error: `p.yaml` changed on disk while wbs was working; nothing was written
    hint: run the command again
    ");
    insta::assert_snapshot!(zh, @"
    错误：wbs 工作期间 `p.yaml` 在磁盘上被改动了；没有写入任何文件
    提示：请重新运行这条命令
    ");
}

/// A full disk, as a file-size limit (see `faults::refused`): writing the
/// temporary file fails with EFBIG.
#[cfg(unix)]
#[test]
fn a_full_disk() {
    let setup = || {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut plan = String::from("wbs: 1\ntitle: T\ntasks:\n");
        for i in 0..200 {
            plan.push_str(&format!("  - id: t{i}\n    title: Task number {i}\n"));
        }
        std::fs::write(dir.path().join("p.yaml"), plan).expect("write");
        dir
    };
    let args = [
        "-f", "p.yaml", "update", "is:leaf", "--all", "--status", "done",
    ];
    let (en, zh) = both_with(
        setup,
        &args,
        |command, _| {
            // sh -c 'ulimit …; exec wbs ARGS', with the same environment.
            let mut shell = Command::new("sh");
            shell
                .arg("-c")
                .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"")
                .arg(command.get_program())
                .args(command.get_args())
                .env_clear()
                .envs(command.get_envs().filter_map(|(k, v)| Some((k, v?))));
            if let Some(dir) = command.get_current_dir() {
                shell.current_dir(dir);
            }
            *command = shell;
        },
        &[],
    );
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: cannot write `p.yaml`: File too large (os error 27); nothing was written
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：无法写入 `p.yaml`：文件超出了允许的大小；没有写入任何文件
    [exit status: 2]
    ");
}

#[test]
fn a_move_into_a_one_line_list() {
    let setup = || {
        let dir = tempfile::tempdir().expect("temp dir");
        let plan = "wbs: 1\ntitle: T\ntasks:\n  - id: a\n    title: A\n    tasks: [{id: a1, title: A1}]\n  - id: b\n    title: B\n    owner: li\n";
        std::fs::write(dir.path().join("p.yaml"), plan).expect("write");
        dir
    };
    let args = ["-f", "p.yaml", "mv", "b", "--under", "a"];
    let (en, zh) = both_with(setup, &args, |_, _| {}, &[]);
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: cannot move 2 B into a one-line [..] list: its text spans lines
    hint: write that list as a block list (one `- ` item a line) first
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：无法把 2 B 移入单行的 `[..]` 列表：它的内容有多行
    提示：请先把那个列表改写为块列表（每行一个 `- ` 条目）
    [exit status: 2]
    ");
}

#[test]
fn export_to_a_folder() {
    let (en, zh) = seed(&["export", "--format", "csv", "--output", "plans"]);
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: cannot write `plans`: Is a directory (os error 21)
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：无法写入 `plans`：这是一个文件夹
    [exit status: 2]
    ");
}

#[test]
fn nodes_that_are_not_there() {
    for args in [
        &["show", "nosuch"][..],
        &["show", "9.9"],
        &["show", "plans/programme.yaml"],
        &["rm", "desgin"],
        &["show", "platform-strategy-roadmp"],
        &["mv", "9.9", "--under", "1"],
        &["add", "nosuch", "New task"],
    ] {
        let (en, zh) = seed(args);
        insta::assert_snapshot!(slug(args), format!("{}\n{en}\n{zh}", args.join(" ")));
    }
}

#[test]
fn view_arguments() {
    for args in [
        &["list", "--sort", "dew"][..],
        &["list", "--sort", "zzz"],
        &["tree", "--depth", "0"],
        &["tree", "--depth", "x"],
        &["report", "--horizon", "14"],
        &["report", "--min-progress", "120"],
        &["add", "--id", "1.2", "1", "New task"],
        &["update", "id:x", "--progress", "200"],
    ] {
        let (en, zh) = seed(args);
        insta::assert_snapshot!(slug(args), format!("{}\n{en}\n{zh}", args.join(" ")));
    }
}

#[test]
fn diff_inputs() {
    for args in [
        &["diff", "nope"][..],
        &["diff", "HEAD:plans/x.yaml"],
        &["diff", "HEAD^{tree}"],
    ] {
        let (en, zh) = seed(args);
        insta::assert_snapshot!(slug(args), format!("{}\n{en}\n{zh}", args.join(" ")));
    }
}

#[test]
fn diff_stdin_over_the_limit() {
    let (en, zh) = both_with(
        seed_repository,
        &["diff", "-"],
        |command, _| {
            let plan = std::fs::File::open(root().join("plans/programme.yaml")).expect("open");
            command.env("WBS_MAX_BYTES", "10").stdin(plan);
        },
        &[],
    );
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: the plan on stdin is over the limit of 10 bytes
    hint: raise the limit with WBS_MAX_BYTES
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：标准输入中的计划超过 10 字节的上限
    提示：可以用 `WBS_MAX_BYTES` 提高上限
    [exit status: 2]
    ");
}

#[test]
fn apply_inputs() {
    let with = |name: &'static str, bytes: &'static [u8]| {
        move |_: &mut Command, dir: &Path| {
            std::fs::write(dir.join(name), bytes).expect("write input");
        }
    };
    let (en, zh) = small(&["-f", "p.yaml", "apply", "missing.csv"], |_, _| {});
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: cannot read `missing.csv`: No such file or directory (os error 2)
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：无法读取 `missing.csv`：文件或文件夹不存在
    [exit status: 2]
    ");
    let (en, zh) = both_with(
        small_plan,
        &["-f", "p.yaml", "apply", "sheet.xlsx"],
        with("sheet.xlsx", b"not a zip at all\n"),
        &["Excel", "WPS"],
    );
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: `sheet.xlsx`: not an xlsx workbook (invalid Zip archive: Could not find EOCD); save it from Excel or WPS as .xlsx
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：`sheet.xlsx` 不是 xlsx 工作簿
    提示：请在 Excel 或 WPS 中另存为 .xlsx
    [exit status: 2]
    ");
    let (en, zh) = small(&["-f", "p.yaml", "apply", "rows.csv"], |command, dir| {
        with("rows.csv", b"id,status\na,done\nb,done\n")(command, dir);
        command.env("WBS_MAX_BYTES", "10");
    });
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: `rows.csv` is larger than 10 bytes (WBS_MAX_BYTES)
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：`rows.csv` 超过 10 字节的上限（`WBS_MAX_BYTES`）
    [exit status: 2]
    ");
}

/// `export --format xlsx` with a terminal for stdout, through `script`
/// (util-linux), which runs it on a pseudo-terminal.
#[cfg(unix)]
#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    if !Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("a_workbook_is_not_written_to_a_terminal: no `script`, so not tested");
        return;
    }
    let said = |zh: bool| {
        let template = command(&root(), zh, &["export", "--format", "xlsx"]);
        let mut line = template.get_program().to_string_lossy().into_owned();
        for arg in template.get_args() {
            line.push(' ');
            line.push_str(&arg.to_string_lossy());
        }
        let mut shell = Command::new("script");
        shell
            .args(["-qec", &line, "/dev/null"])
            .env_clear()
            .envs(template.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .current_dir(root());
        let output = run(&mut shell);
        assert_eq!(output.code, 2, "{output}");
        output.stdout.replace("\r\n", "\n")
    };
    let (en, zh) = (said(false), said(true));
    assert!(english_words(&zh, "", &[]).is_empty(), "{zh}");
    insta::assert_snapshot!(en, @"
    error: a workbook is binary: it is not written to a terminal
    hint: wbs export --format xlsx --output plan.xlsx
    ");
    insta::assert_snapshot!(zh, @"
    错误：工作簿是二进制文件，不会输出到终端
    提示：`wbs export --format xlsx --output plan.xlsx`
    ");
}

#[test]
fn a_plan_at_a_revision_over_the_limit() {
    let (en, zh) = both_with(
        seed_repository,
        &["diff", "HEAD"],
        |command, _| {
            command.env("WBS_MAX_BYTES", "10");
        },
        &[],
    );
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: `plans/programme.yaml` at HEAD is 34159 bytes, over the limit of 10 bytes
    hint: raise the limit with WBS_MAX_BYTES if the file is meant to be this large
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：HEAD 中的 `plans/programme.yaml` 有 34159 字节，超过上限 10 字节
    提示：如果文件确实这么大，可以用 `WBS_MAX_BYTES` 提高上限
    [exit status: 2]
    ");
}

/// `report --since` in a shallow clone, which has no history to read.
#[test]
fn a_shallow_clone() {
    let setup = || {
        let seed = seed_repository();
        let plan = seed.path().join("plans/programme.yaml");
        let text = std::fs::read_to_string(&plan).expect("read");
        std::fs::write(&plan, format!("{text}# later\n")).expect("write");
        crate::common::git(seed.path(), &["commit", "-qam", "later"]);
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("file://{}", seed.path().display());
        crate::common::git(dir.path(), &["clone", "-q", "--depth", "1", &url, "clone"]);
        // The clone outlives `seed`: a shallow clone needs no origin.
        dir
    };
    let (en, zh) = both_with(
        setup,
        &["report", "--since", "HEAD~1"],
        |command, dir| {
            command.current_dir(dir.join("clone"));
        },
        &[],
    );
    insta::assert_snapshot!(en, @"
    ----- stderr -----
    error: this clone is shallow: it holds only the latest commits, not the plan's history
    hint: fetch the whole history with `git fetch --unshallow`, or set `fetch-depth: 0` in actions/checkout
    [exit status: 2]
    ");
    insta::assert_snapshot!(zh, @"
    ----- stderr -----
    错误：这是浅克隆：只有最近的提交，没有计划的历史
    提示：用 `git fetch --unshallow` 取回完整历史，或在 `actions/checkout` 中设置 `fetch-depth: 0`
    [exit status: 2]
    ");
}

/// The locale reaches these errors as `--lang` does: a value clap refused
/// (read before the command line is) and a node not found.
#[test]
fn the_locale_chooses_the_language_of_errors() {
    for args in [&["tree", "--depth", "0"][..], &["show", "nosuch"]] {
        let by_flag = run(&mut command(&root(), true, args));
        let by_locale = run(command(&root(), false, args).env("LANG", "zh_CN.UTF-8"));
        assert_eq!(by_locale.code, 2, "{by_locale}");
        assert_eq!(by_locale.stderr, by_flag.stderr);
        assert!(by_locale.stderr.starts_with("错误："), "{by_locale}");
        let english = run(command(&root(), false, args)
            .env("LC_ALL", "C")
            .env("LANG", "zh_CN.UTF-8"));
        assert!(english.stderr.starts_with("error: "), "{english}");
    }
}
