//! Writes a large, realistic and valid `wbs` plan, for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example gen -- --tasks 100000 --seed 1 [--out PATH]
//! ```
//!
//! The plan holds exactly `--tasks` task nodes under 10–40 top-level branches
//! (fewer below 40 tasks), with leaves at levels 4–6 (given at least 4 tasks),
//! and has the mix a hand-written plan has: Chinese and English titles, ids on
//! most nodes, plain-string leaves, flow mappings, full-line and trailing
//! comments, quoted scalars, block scalars, tags, `x-` fields, a `people`
//! roster and a few `after` dependencies across branches.
//!
//! It passes `wbs check` with no errors and no warnings (SPEC §1.2), so a
//! benchmark measures the path real plans take and a test can edit the plan and
//! expect a clean result. The same arguments always give the same bytes: the
//! random numbers come from a seeded splitmix64, and nothing reads the clock or
//! the environment. Without `--out` the plan goes to stdout.

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: gen --tasks N [--seed S] [--out PATH]";

/// Far beyond the default 256 MiB file limit of `wbs`; a typo such as an extra
/// zero should fail fast instead of filling the disk.
const MAX_TASKS: usize = 10_000_000;

/// The deepest level the generator writes; SPEC allows more, plans rarely have it.
const MAX_LEVEL: u8 = 6;

/// No leaf sits above this level, so that every branch is a real breakdown.
const MIN_LEAF_LEVEL: u8 = 4;

/// Every date falls in 2026-01-01 ..= 2027-12-31, which is also the plan's own
/// start and due, and is written as a day number counted from the first day.
const DAYS: u32 = 730;

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let written = match &args.out {
        Some(path) => File::create(path)
            .and_then(|file| write_plan(BufWriter::new(file), &args))
            .map_err(|err| format!("cannot write {}: {err}", path.to_string_lossy())),
        None => match write_plan(BufWriter::new(io::stdout().lock()), &args) {
            // `gen | head` is a normal way to peek at the output, not a failure.
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|err| format!("cannot write to stdout: {err}")),
        },
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The plan for `tasks` and `seed`, as bytes. `benches/load.rs` includes
/// this file as a module to make its inputs without a process.
#[allow(dead_code, reason = "called by the benchmarks, not by main")]
pub fn generate(tasks: usize, seed: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(tasks * 170);
    write_plan(
        &mut bytes,
        &Args {
            tasks,
            seed,
            out: None,
        },
    )?;
    Ok(bytes)
}

struct Args {
    tasks: usize,
    seed: u64,
    out: Option<OsString>,
}

/// Returns `Ok(None)` when help was asked for.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Option<Args>, String> {
    let mut args = args.into_iter();
    let (mut tasks, mut seed, mut out) = (None, 1, None);
    while let Some(raw) = args.next() {
        let text = raw.to_string_lossy().into_owned();
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(OsString::from(value)))
            }
            _ => (text, None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        if !matches!(flag.as_str(), "--tasks" | "--seed" | "--out") {
            return Err(format!("unexpected argument '{flag}'"));
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--tasks" => tasks = Some(parse_number(&flag, &value)?),
            "--seed" => seed = parse_number(&flag, &value)?,
            _ => out = Some(value),
        }
    }
    let tasks = tasks.ok_or("--tasks is required")?;
    let tasks = usize::try_from(tasks)
        .ok()
        .filter(|n| (1..=MAX_TASKS).contains(n))
        .ok_or_else(|| format!("--tasks must be between 1 and {MAX_TASKS}"))?;
    Ok(Some(Args { tasks, seed, out }))
}

fn parse_number(flag: &str, value: &OsString) -> Result<u64, String> {
    let text = value.to_string_lossy();
    text.parse()
        .map_err(|_| format!("{flag} takes a whole number, not '{text}'"))
}

/// splitmix64: tiny, fast and well mixed even for neighbouring seeds, which is
/// all a data generator needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, by multiply-shift (Lemire) to avoid modulo bias.
    fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next()) * n as u128;
        (wide >> 64) as usize
    }

    fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high - low + 1) as usize) as u32
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A float in `[0, 1)` from the top 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The smallest subtree rooted at `level` whose leaves reach `MIN_LEAF_LEVEL`.
fn min_size(level: u8) -> usize {
    usize::from(MIN_LEAF_LEVEL.saturating_sub(level)) + 1
}

/// Chooses the tree before any text is written, so the node count is exact:
/// returns the level of every task node in document order. A node is a parent
/// exactly when the next node is deeper.
fn shape(rng: &mut Rng, tasks: usize) -> Vec<u8> {
    // About 10 branches for 1k tasks, 28 for 100k, 40 for a million or more.
    let wanted = (tasks as f64).powf(0.25) * 1.6 * (0.85 + 0.3 * rng.unit());
    let branches = (wanted.round() as usize)
        .clamp(10, 40)
        .min(tasks / min_size(1))
        .max(1);
    let mut levels = Vec::with_capacity(tasks);
    for budget in split(rng, tasks, branches, min_size(1), false) {
        let depth = pick_depth(rng);
        grow(rng, &mut levels, 1, budget, depth);
    }
    levels
}

/// The level most leaves of a subtree should end at.
fn pick_depth(rng: &mut Rng) -> u8 {
    match rng.below(20) {
        0..=6 => 4,
        7..=14 => 5,
        _ => 6,
    }
}

/// Adds a subtree of exactly `budget` nodes rooted at `level`.
fn grow(rng: &mut Rng, levels: &mut Vec<u8>, level: u8, budget: usize, depth: u8) {
    levels.push(level);
    let rest = budget - 1;
    if rest == 0 {
        return;
    }
    // Choosing the depth again below each level-2 node mixes leaf levels within
    // a branch, as real plans are broken down unevenly.
    let depth = if level == 2 { pick_depth(rng) } else { depth };
    let child = level + 1;
    let min = min_size(child);
    let sizes = if child >= MAX_LEVEL {
        vec![1; rest]
    } else if rest < 2 * min {
        vec![rest]
    } else {
        // A subtree `below` levels deep with fan-out f holds about f^below
        // nodes, so the root's fan-out is about rest^(1/below), jittered.
        let below = depth.saturating_sub(level).max(1);
        let fan = (rest as f64).powf(1.0 / f64::from(below)) * (0.7 + 0.6 * rng.unit());
        let count = (fan.round() as usize).clamp(1, rest / min);
        split(rng, rest, count, min, child >= MIN_LEAF_LEVEL)
    };
    for size in sizes {
        grow(rng, levels, child, size, depth);
    }
}

/// Splits `total` into `parts` sizes of at least `min`, at random. With
/// `singles`, about a fifth of the parts are exactly 1: leaves beside subtrees.
fn split(rng: &mut Rng, total: usize, parts: usize, min: usize, singles: bool) -> Vec<usize> {
    let single: Vec<bool> = (0..parts).map(|_| singles && rng.chance(20)).collect();
    let weights: Vec<f64> = single
        .iter()
        .map(|&one| if one { 0.0 } else { 0.5 + rng.unit() })
        .collect();
    let sum: f64 = weights.iter().sum();
    // Only a plan too small for the minimum depth gets less than `min`.
    let min = min.min(total / parts);
    let spare = total - parts * min;
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|weight| min + (spare as f64 * weight / sum.max(f64::MIN_POSITIVE)) as usize)
        .collect();
    // Rounding down leaves a few nodes over; give them out round robin,
    // skipping the singles, unless every part was drawn single and so the
    // whole spare is still to share.
    let all_single = single.iter().all(|&one| one);
    let mut left = total - sizes.iter().sum::<usize>();
    let mut at = 0;
    while left > 0 {
        if all_single || !single[at] {
            sizes[at] += 1;
            left -= 1;
        }
        at = (at + 1) % parts;
    }
    sizes
}

fn write_plan(mut out: impl Write, args: &Args) -> io::Result<()> {
    let mut rng = Rng(args.seed);
    let levels = shape(&mut rng, args.tasks);
    write_header(&mut out, args)?;
    let mut writer = PlanWriter {
        out,
        rng,
        earlier: Vec::new(),
        current: Vec::new(),
        top_slugs: Vec::new(),
        branch: Branch::default(),
    };
    for (index, &level) in levels.iter().enumerate() {
        let leaf = levels.get(index + 1).is_none_or(|&next| next <= level);
        writer.node(index, level, leaf)?;
    }
    let mut out = writer.out;
    out.flush()
}

fn write_header(out: &mut impl Write, args: &Args) -> io::Result<()> {
    writeln!(
        out,
        "# Generated by `cargo run --release --example gen -- --tasks {} --seed {}`.",
        args.tasks, args.seed
    )?;
    writeln!(out, "wbs: 1")?;
    writeln!(out, "title: 合成基准计划 (seed {})", args.seed)?;
    writeln!(out, "description: Synthetic plan for benchmarks and tests.")?;
    writeln!(out, "start: {}", Day(0))?;
    writeln!(out, "due: {}", Day(DAYS - 1))?;
    writeln!(out, "people:")?;
    for line in PEOPLE_LINES {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "defaults: {{effort: 1d}}")?;
    writeln!(out)?;
    writeln!(out, "tasks:")
}

/// The roster as written; `OWNERS` lists the same keys.
const PEOPLE_LINES: &[&str] = &[
    "ana: { name: Ana Silva, team: web, email: ana@example.com }",
    "ben: { name: Ben Okafor, team: web }",
    "li-lei: { name: 李雷, team: 平台 }",
    "han-meimei: { name: 韩梅梅, team: 数据 }",
    "wang-fang:",
    "  name: 王芳",
    "  team: 数据",
    "  email: wangfang@example.cn",
    "zhang-wei: { name: 张伟, team: 运维 }",
    "chen-jing: { name: 陈静 }",
    "liu-yang: { name: 刘洋, team: 研发组 }",
    "zhao-lei: { name: 赵磊, team: 营销 }",
    "sun-li: { name: 孙丽, team: 培训 }",
    "priya: { name: Priya Natarajan, team: data }",
    "marco:",
    "  name: Marco Rossi",
    "  team: infra",
    "sofia: { name: Sofia Jensen, team: ux }",
    "tom: { name: Tom Becker }",
    "platform: { name: 平台工具小组, team: 研发组 }",
    "sre: { name: SRE on-call, team: infra }",
    "marketing: { name: 营销行业联合推进组 }",
    "data-team: { name: Data Platform Team, team: data }",
    "qa: { name: QA Guild, team: web }",
    "研发组: { name: 研发组 }",
];

const OWNERS: &[&str] = &[
    "ana",
    "ben",
    "li-lei",
    "han-meimei",
    "wang-fang",
    "zhang-wei",
    "chen-jing",
    "liu-yang",
    "zhao-lei",
    "sun-li",
    "priya",
    "marco",
    "sofia",
    "tom",
    "platform",
    "sre",
    "marketing",
    "data-team",
    "qa",
    "研发组",
];

/// Top-level titles with the id slug their subtree uses.
const CHINESE_BRANCHES: &[(&str, &str)] = &[
    ("推广应用工作", "rollout"),
    ("协同机制优化", "collab"),
    ("平台工具研发与推广", "platform-tools"),
    ("数据治理体系建设", "data-gov"),
    ("模型治理与运营", "model-ops"),
    ("营销数字化转型", "marketing"),
    ("基础设施升级", "infra"),
    ("人才培养与认证", "training"),
    ("安全合规专项", "compliance"),
    ("客户服务体系建设", "service"),
    ("数据分析平台建设", "analytics"),
    ("运维体系优化", "ops"),
];

const ENGLISH_BRANCHES: &[(&str, &str)] = &[
    ("Platform engineering", "platform-dev"),
    ("Website relaunch", "web"),
    ("Data platform migration", "data-migration"),
    ("Mobile app v3", "mobile"),
    ("Security hardening", "security"),
    ("Customer onboarding", "onboarding"),
    ("Observability", "observability"),
    ("Billing revamp", "billing"),
    ("Search quality", "search"),
    ("Developer experience", "devex"),
];

const ZH_VERBS: &[&str] = &[
    "制定", "完善", "梳理", "推进", "搭建", "优化", "设计", "编写", "组织", "评审", "调研", "落地",
    "上线", "迁移", "验证", "建设", "修订", "跟踪", "试点", "输出",
];

const ZH_OBJECTS: &[&str] = &[
    "数据",
    "平台",
    "模型治理",
    "部署",
    "培训",
    "运维",
    "场景",
    "需求调研",
    "数据分析平台",
    "营销活动",
    "分支机构",
    "协同机制",
    "认证考核",
    "监控告警",
    "权限体系",
    "指标口径",
    "数据质量",
    "接口规范",
    "测试环境",
    "灰度发布",
    "容量规划",
    "安全审计",
    "用户",
    "绩效考核",
    "政策落地",
    "工单流转",
];

const ZH_LEAF_SUFFIXES: &[&str] = &[
    "方案", "流程", "清单", "标准", "报告", "手册", "工具", "规范", "计划", "", "", "",
];

const ZH_PARENT_SUFFIXES: &[&str] = &["建设", "治理", "推进", "优化", "专项", "工作", "体系"];

const EN_VERBS: &[&str] = &[
    "Set up",
    "Migrate",
    "Review",
    "Write",
    "Design",
    "Implement",
    "Test",
    "Document",
    "Roll out",
    "Benchmark",
    "Refactor",
    "Automate",
    "Retire",
    "Harden",
];

const EN_OBJECTS: &[&str] = &[
    "CI pipeline",
    "billing service",
    "API contracts",
    "login flow",
    "search index",
    "data model",
    "on-call runbook",
    "load balancer",
    "feature flags",
    "dashboards",
    "release notes",
    "access policies",
    "2FA enrollment",
    "cache layer",
    "checkout page",
    "event schema",
    "backup jobs",
    "error budgets",
];

const EN_LEAF_SUFFIXES: &[&str] = &["", "", "", "", " v2", " for mobile", " (phase 2)"];

const EN_PARENT_NAMES: &[&str] = &[
    "Backend",
    "Frontend",
    "Data",
    "Infrastructure",
    "Rollout",
    "Discovery",
    "Quality",
    "Operations",
    "Migration",
    "Launch",
];

const TAGS: &[&str] = &[
    "backend",
    "frontend",
    "数据",
    "安全",
    "infra",
    "ux",
    "合规",
    "培训",
    "migration",
    "perf",
    "运维",
    "api",
];

const COMMENTS: &[&str] = &[
    "TODO: confirm scope with finance",
    "待确认",
    "需与运维确认窗口期",
    "owner to confirm",
    "估算偏乐观",
    "blocked by vendor contract until Q2",
    "上线前必须完成",
    "carried over from last quarter",
    "按总部要求调整",
    "see the design doc",
];

const NOTES: &[&str] = &[
    "需与财务对齐预算口径",
    "依赖供应商合同签署",
    "按季度复盘",
    "Waiting on a vendor quote",
    "Scope agreed with legal",
    "Pilot in two regions first",
    "参考总部下发的模板",
    "Needs a security review before launch",
];

const JIRA_PROJECTS: &[&str] = &["WEB", "OPS", "DATA", "PLAT", "MKT"];

/// A finished leaf that a later leaf in another branch may depend on.
struct Target {
    id: String,
    due: u32,
}

/// What the nodes of one top-level branch share.
#[derive(Default)]
struct Branch {
    title: &'static str,
    slug: &'static str,
    /// How many top-level branches so far, this one included, share its slug.
    round: usize,
    chinese: bool,
    first_day: u32,
    span: u32,
    jira: &'static str,
}

struct PlanWriter<W> {
    out: W,
    rng: Rng,
    /// Leaves of finished branches: only they can be depended on, which keeps
    /// every dependency earlier in document order, outside the dependent's own
    /// branch (so never an ancestor or descendant) and free of cycles.
    earlier: Vec<Target>,
    current: Vec<Target>,
    top_slugs: Vec<&'static str>,
    branch: Branch,
}

impl<W: Write> PlanWriter<W> {
    fn node(&mut self, index: usize, level: u8, leaf: bool) -> io::Result<()> {
        if level == 1 {
            self.start_branch(index)?;
        }
        let col = 2 + 4 * usize::from(level - 1);
        if leaf {
            self.leaf(index, col)
        } else {
            self.parent(index, level, col)
        }
    }

    fn start_branch(&mut self, index: usize) -> io::Result<()> {
        if index > 0 {
            writeln!(self.out)?;
        }
        self.earlier.append(&mut self.current);
        let rng = &mut self.rng;
        let chinese = rng.chance(55);
        let (title, slug) = rng.pick(if chinese {
            CHINESE_BRANCHES
        } else {
            ENGLISH_BRANCHES
        });
        // Each branch works in its own window of the two years, as workstreams
        // do, so dates cluster and cross-branch dependencies look plausible.
        let span = rng.between(120, 300);
        self.top_slugs.push(slug);
        self.branch = Branch {
            title,
            slug,
            round: self.top_slugs.iter().filter(|&&s| s == slug).count(),
            chinese,
            first_day: rng.between(0, DAYS - 1 - span),
            span,
            jira: rng.pick(JIRA_PROJECTS),
        };
        Ok(())
    }

    fn parent(&mut self, index: usize, level: u8, col: usize) -> io::Result<()> {
        let (comment, with_id, owner, tags, notes, jira) = if level == 1 {
            (30, 100, 85, 20, 15, 10)
        } else if level == 2 {
            (5, 95, 35, 8, 5, 3)
        } else {
            (5, 95, 10, 8, 5, 3)
        };
        let title = if level == 1 {
            self.top_title()
        } else {
            self.parent_title()
        };
        if self.rng.chance(comment) {
            let comment = self.rng.pick(COMMENTS);
            writeln!(self.out, "{}# {comment}", pad(col))?;
        }
        let mut item = Item::new(col);
        if self.rng.chance(with_id) {
            let id = if level == 1 {
                self.top_id(index)
            } else {
                self.id(index)
            };
            item.field(&mut self.out, format_args!("id: {id}"))?;
        }
        item.field(&mut self.out, format_args!("title: {title}"))?;
        if self.rng.chance(owner) {
            let owner = self.rng.pick(OWNERS);
            item.field(&mut self.out, format_args!("owner: {owner}"))?;
        }
        self.extras(&mut item, col, tags, notes, jira)?;
        item.field(&mut self.out, format_args!("tasks:"))
    }

    fn leaf(&mut self, index: usize, col: usize) -> io::Result<()> {
        let title = self.leaf_title();
        let rng = &mut self.rng;
        let comment_above = rng.chance(5).then(|| rng.pick(COMMENTS));
        let trailing = rng.chance(4).then(|| rng.pick(COMMENTS));
        if let Some(comment) = comment_above {
            writeln!(self.out, "{}# {comment}", pad(col))?;
        }
        let after = self.dependencies();
        // A plain string is a todo leaf with nothing but a title.
        if after.is_none() && self.rng.chance(8) {
            let comment = trailing.map(|c| format!("  # {c}")).unwrap_or_default();
            return writeln!(self.out, "{}- {title}{comment}", pad(col));
        }
        let id = self.rng.chance(88).then(|| self.id(index));
        let status = self.status();
        let effort = self.rng.chance(45).then(|| self.effort());
        if after.is_none() && self.rng.chance(3) {
            return self.flow_leaf(col, id.as_deref(), &title, status, effort.as_deref());
        }

        let mut item = Item::new(col);
        if let Some(id) = &id {
            item.field(&mut self.out, format_args!("id: {id}"))?;
        }
        let comment = trailing.map(|c| format!("  # {c}")).unwrap_or_default();
        let title = self.maybe_quoted(title);
        item.field(&mut self.out, format_args!("title: {title}{comment}"))?;
        if self.rng.chance(4) {
            let owner = self.rng.pick(OWNERS);
            item.field(&mut self.out, format_args!("owner: {owner}"))?;
        }
        if let Some(status) = status {
            item.field(&mut self.out, format_args!("status: {status}"))?;
            // Progress only on in-progress leaves: on todo it warns, and on done
            // anything but 100 is an error.
            if matches!(status, "in-progress" | "wip" | "doing") && self.rng.chance(70) {
                let progress = self.progress();
                item.field(&mut self.out, format_args!("progress: {progress}"))?;
            }
        }
        if let Some(effort) = effort {
            item.field(&mut self.out, format_args!("effort: {effort}"))?;
        }
        let (start, due) = self.dates(after.as_ref());
        if let Some(start) = start {
            let quote = if self.rng.chance(3) { "\"" } else { "" };
            item.field(&mut self.out, format_args!("start: {quote}{start}{quote}"))?;
        }
        if let Some(due) = due {
            item.field(&mut self.out, format_args!("due: {due}"))?;
        }
        if let Some(after) = &after {
            self.list(&mut item, col, "after", &after.ids)?;
        }
        self.extras(&mut item, col, 7, 5, 4)?;
        if let (Some(id), Some(due)) = (id, due) {
            self.current.push(Target { id, due: due.0 });
        }
        Ok(())
    }

    fn flow_leaf(
        &mut self,
        col: usize,
        id: Option<&str>,
        title: &str,
        status: Option<&str>,
        effort: Option<&str>,
    ) -> io::Result<()> {
        let mut fields = Vec::with_capacity(4);
        if let Some(id) = id {
            fields.push(format!("id: {id}"));
        }
        fields.push(format!("title: {title}"));
        if let Some(status) = status {
            fields.push(format!("status: {status}"));
        }
        if let Some(effort) = effort {
            fields.push(format!("effort: {effort}"));
        }
        writeln!(self.out, "{}- {{{}}}", pad(col), fields.join(", "))
    }

    /// Tags, notes and an `x-jira` field, each with its own chance in percent.
    fn extras(
        &mut self,
        item: &mut Item,
        col: usize,
        tags: usize,
        notes: usize,
        jira: usize,
    ) -> io::Result<()> {
        if self.rng.chance(tags) {
            let count = 1 + self.rng.below(3);
            let mut chosen: Vec<String> = Vec::with_capacity(count);
            for _ in 0..count {
                let tag = self.rng.pick(TAGS);
                if !chosen.iter().any(|t| t == tag) {
                    chosen.push(tag.to_owned());
                }
            }
            self.list(item, col, "tags", &chosen)?;
        }
        if self.rng.chance(notes) {
            if self.rng.chance(35) {
                item.field(&mut self.out, format_args!("notes: |"))?;
                for _ in 0..2 {
                    let line = self.rng.pick(NOTES);
                    writeln!(self.out, "{}{line}", pad(col + 4))?;
                }
            } else {
                let note = self.rng.pick(NOTES);
                item.field(&mut self.out, format_args!("notes: {note}"))?;
            }
        }
        if self.rng.chance(jira) {
            let ticket = self.rng.between(100, 9999);
            let project = self.branch.jira;
            item.field(&mut self.out, format_args!("x-jira: {project}-{ticket}"))?;
        }
        Ok(())
    }

    /// Writes a list of plain scalars, mostly in flow style.
    fn list(
        &mut self,
        item: &mut Item,
        col: usize,
        key: &str,
        values: &[String],
    ) -> io::Result<()> {
        if self.rng.chance(75) {
            let joined = values.join(", ");
            item.field(&mut self.out, format_args!("{key}: [{joined}]"))
        } else {
            item.field(&mut self.out, format_args!("{key}:"))?;
            for value in values {
                writeln!(self.out, "{}- {value}", pad(col + 4))?;
            }
            Ok(())
        }
    }

    /// A top-level id is its branch's slug alone, the first time the slug is used.
    fn top_id(&self, index: usize) -> String {
        let slug = self.branch.slug;
        if self.branch.round == 1 {
            slug.to_owned()
        } else {
            format!("{slug}-{}", index + 1)
        }
    }

    /// A workstream that comes back is a later phase of it, not a namesake.
    fn top_title(&self) -> String {
        let Branch { title, round, .. } = self.branch;
        match (round, self.branch.chinese) {
            (1, _) => title.to_owned(),
            (_, true) => format!("{title}（第{round}期）"),
            (_, false) => format!("{title}, phase {round}"),
        }
    }

    /// Ids end in the node's index, which makes them unique: slugs hold no digits.
    fn id(&mut self, index: usize) -> String {
        let slug = if self.rng.chance(10) {
            "t"
        } else {
            self.branch.slug
        };
        format!("{slug}-{}", index + 1)
    }

    fn chinese(&mut self) -> bool {
        // One node in ten is in the other language, as in mixed teams.
        self.branch.chinese != self.rng.chance(10)
    }

    fn leaf_title(&mut self) -> String {
        let chinese = self.chinese();
        let rng = &mut self.rng;
        if chinese {
            let verb = rng.pick(ZH_VERBS);
            let object = rng.pick(ZH_OBJECTS);
            let suffix = rng.pick(ZH_LEAF_SUFFIXES);
            format!("{verb}{object}{suffix}")
        } else {
            let verb = rng.pick(EN_VERBS);
            let object = rng.pick(EN_OBJECTS);
            let suffix = rng.pick(EN_LEAF_SUFFIXES);
            format!("{verb} {object}{suffix}")
        }
    }

    /// Already in YAML form: a title with `: ` in it comes quoted.
    fn parent_title(&mut self) -> String {
        let chinese = self.chinese();
        let rng = &mut self.rng;
        if chinese {
            let object = rng.pick(ZH_OBJECTS);
            let suffix = rng.pick(ZH_PARENT_SUFFIXES);
            format!("{object}{suffix}")
        } else if rng.chance(15) {
            let phase = rng.between(1, 4);
            let name = rng.pick(EN_PARENT_NAMES).to_lowercase();
            format!("\"Phase {phase}: {name}\"")
        } else {
            (rng.pick(EN_PARENT_NAMES)).to_owned()
        }
    }

    fn maybe_quoted(&mut self, title: String) -> String {
        match self.rng.below(100) {
            0..=3 => format!("\"{title}\""),
            4..=5 => format!("'{title}'"),
            _ => title,
        }
    }

    /// `None` is a leaf without status, which means todo.
    fn status(&mut self) -> Option<&'static str> {
        let status = match self.rng.below(100) {
            0..=19 => return None,
            20..=44 => "todo",
            45..=61 => "in-progress",
            62..=63 => "wip",
            64..=65 => "doing",
            66..=89 => "done",
            90..=95 => "blocked",
            _ => "cancelled",
        };
        Some(status)
    }

    /// Both spellings SPEC allows: a number, or a quoted string with or without `%`.
    fn progress(&mut self) -> String {
        let tens = self.rng.between(1, 9) * 10;
        match self.rng.below(20) {
            0..=9 => format!("{}", tens + self.rng.between(0, 1) * 5),
            10..=13 => format!("{}.5", tens + self.rng.between(0, 9)),
            14..=18 => format!("\"{tens}%\""),
            _ => format!("\"{tens}\""),
        }
    }

    fn effort(&mut self) -> String {
        let rng = &mut self.rng;
        match rng.below(20) {
            0..=5 => format!("{}h", rng.between(1, 8)),
            6..=16 => format!("{}d", rng.pick(&["0.5", "1", "1.5", "2", "3", "5", "8"])),
            _ => format!("{}w", rng.pick(&["0.5", "1", "2", "3"])),
        }
    }

    /// Earlier leaves to run after, for a few percent of the leaves.
    fn dependencies(&mut self) -> Option<After> {
        if self.earlier.is_empty() || !self.rng.chance(4) {
            return None;
        }
        let count = if self.rng.chance(25) { 2 } else { 1 };
        let mut after = After {
            ids: Vec::with_capacity(count),
            latest_due: 0,
        };
        for _ in 0..count {
            let target = &self.earlier[self.rng.below(self.earlier.len())];
            if !after.ids.contains(&target.id) {
                after.ids.push(target.id.clone());
                after.latest_due = after.latest_due.max(target.due);
            }
        }
        // The dependent starts once the latest target is due, which must leave
        // room in the calendar.
        (after.latest_due + 8 < DAYS).then_some(after)
    }

    fn dates(&mut self, after: Option<&After>) -> (Option<Day>, Option<Day>) {
        let length = self.rng.between(1, 20);
        let start = match after {
            // Starting on or after every dependency's due date never warns.
            Some(after) => after.latest_due + self.rng.between(0, 7),
            None => match self.rng.below(10) {
                0..=5 => self.branch.first_day + self.rng.between(0, self.branch.span - 20),
                6 => {
                    let day = self.branch.first_day + self.rng.between(0, self.branch.span);
                    return (None, Some(Day(day)));
                }
                _ => return (None, None),
            },
        };
        let due = (start + length).min(DAYS - 1);
        (Some(Day(start)), Some(Day(due)))
    }
}

/// The ids a leaf runs after, and when the last of them is due.
struct After {
    ids: Vec<String>,
    latest_due: u32,
}

/// The lines of one mapping item: the first field carries the `- `.
struct Item {
    col: usize,
    started: bool,
}

impl Item {
    fn new(col: usize) -> Self {
        Item {
            col,
            started: false,
        }
    }

    fn field(&mut self, out: &mut impl Write, text: fmt::Arguments) -> io::Result<()> {
        let marker = if self.started { "  " } else { "- " };
        self.started = true;
        writeln!(out, "{}{marker}{text}", pad(self.col))
    }
}

fn pad(width: usize) -> &'static str {
    const SPACES: &str = "                                                                ";
    &SPACES[..width]
}

/// A date as a day number from 2026-01-01.
#[derive(Clone, Copy)]
struct Day(u32);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let leap = |year: u32| {
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
        };
        let (mut year, mut day) = (2026, self.0);
        loop {
            let length = if leap(year) { 366 } else { 365 };
            if day < length {
                break;
            }
            day -= length;
            year += 1;
        }
        let february = if leap(year) { 29 } else { 28 };
        let months = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let mut month = 1;
        for length in months {
            if day < length {
                break;
            }
            day -= length;
            month += 1;
        }
        write!(f, "{year}-{month:02}-{:02}", day + 1)
    }
}
