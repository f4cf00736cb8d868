//! The hostile plans: every text field carries text built to act on
//! whatever reads wbs's output, written with YAML escapes so that the
//! file itself stays valid, and the exact text of each field kept beside
//! the YAML so that JSON output can be compared with it.

use std::collections::BTreeMap;

/// Text that tries to act on a terminal, a spreadsheet, a markdown
/// renderer, a GitHub Actions runner or a Mermaid chart.
pub const PAYLOADS: [&str; 32] = [
    // Terminal escape sequences: colour, a hyperlink, clearing the screen
    // and setting the window title.
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://x\x07link\x1b]8;;\x07",
    "\x1b[2J\x1b[H\x1b]0;pwned\x07",
    // Other C0 controls, DEL, C1 controls (U+009B is CSI), bidi overrides.
    "c0 \x01\x02\x08\x0b\x0c\x0e\x1f\x7f end",
    "c1 \u{80}\u{85}\u{9b}31m\u{9d}\u{9f} end",
    "bidi \u{202e}gnp.exe\u{202c} \u{2066}x\u{2069}",
    "cr\r::error::after a CR",
    // Spreadsheet formulas.
    "=HYPERLINK(\"http://x\",\"click\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=tab first",
    "\r=cr first",
    // Markdown and HTML.
    "a | b || c",
    "<script>alert(1)</script>",
    "[x](http://y) ![i](http://z)",
    "**b** _i_ `code` ```fence",
    "@team #1 &amp; <!-- c -->",
    // GitHub Actions workflow commands.
    "::set-output name=x::y",
    "::error::boom",
    "x%0A::warning::injected %0D%25",
    "line one\n::error::line two",
    "  ::add-mask::indented",
    "##[warning]legacy command",
    // Mermaid gantt syntax.
    "a: b; c # d",
    "%%{init: {'theme':'dark'}}%%",
    "x\nsection Evil",
    "click t1 call alert()",
    "t1 :done, t9, 2026-01-01, 1d",
    "2026-01-01",
    "section s",
    "x ; y :crit",
];

/// The plan's own title and description.
pub const PLAN_TITLE: &str = "\x1b[31mPlan\x1b[0m ::warning::title\n::error::plan | <b>x</b> =1";
const DESCRIPTION: &str = "desc \x1b]8;;http://x\x07link\x1b]8;;\x07\n::error::description";

/// How many top-level nodes share the payloads between them.
const GROUPS: usize = 4;

/// The exact text of one node's fields, as JSON should carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct Texts {
    pub id: Option<String>,
    pub title: String,
    /// The effective owner: its own, else its nearest ancestor's.
    pub owner: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
}

/// A plan file and the texts of its nodes by WBS code.
#[derive(Debug, Clone)]
pub struct Plan {
    pub yaml: String,
    pub nodes: BTreeMap<String, Texts>,
    /// Leaves with a date, each of which is one task of a gantt chart.
    pub dated_leaves: usize,
}

impl Plan {
    /// Every text of the plan, for checks that look for any of them.
    pub fn texts(&self) -> Vec<&str> {
        let mut all = vec![PLAN_TITLE, DESCRIPTION];
        for node in self.nodes.values() {
            all.push(&node.title);
            all.extend(node.owner.as_deref());
            all.extend(node.tags.iter().map(String::as_str));
            all.extend(node.notes.as_deref());
        }
        all
    }
}

/// The plan: `GROUPS` parents whose titles and owners are payloads, each
/// with a leaf per payload of its share (title, owner, tags, notes and an
/// `x-` field all hostile), then one leaf whose NEL and RLO characters are
/// written raw rather than escaped, under a comment that holds them too.
///
/// With `changed`, the same plan as a later version would have it: one
/// title, one owner and one status changed and a leaf added at the end of
/// the last group, so every old node keeps its code.
pub fn hostile(changed: bool) -> Plan {
    let mut yaml =
        String::from("# A plan whose every text tries to act on what reads wbs's output.\n");
    yaml.push_str("wbs: 1\n");
    yaml.push_str(&format!("title: {}\n", quote(PLAN_TITLE)));
    yaml.push_str(&format!("description: {}\n", quote(DESCRIPTION)));
    yaml.push_str("tasks:\n");
    let mut nodes = BTreeMap::new();
    let mut dated_leaves = 0;
    let per_group = PAYLOADS.len().div_ceil(GROUPS);
    for group in 0..GROUPS {
        let code = (group + 1).to_string();
        let title = PAYLOADS[(group * 7 + 3) % PAYLOADS.len()];
        // Every other parent has an owner its id-less, ownerless leaves inherit.
        let owner = (group % 2 == 0).then(|| PAYLOADS[(group * 5 + 11) % PAYLOADS.len()]);
        yaml.push_str(&format!("  - title: {}\n", quote(title)));
        if let Some(owner) = owner {
            yaml.push_str(&format!("    owner: {}\n", quote(owner)));
        }
        yaml.push_str(&format!("    x-evil: {}\n", quote(title)));
        yaml.push_str("    tasks:\n");
        nodes.insert(
            code.clone(),
            Texts {
                id: None,
                title: title.to_owned(),
                owner: owner.map(str::to_owned),
                tags: Vec::new(),
                notes: None,
            },
        );
        let range = group * per_group..((group + 1) * per_group).min(PAYLOADS.len());
        let mut children = range.len();
        for (at, i) in range.enumerate() {
            let leaf = Leaf::new(i, changed);
            yaml.push_str(&leaf.yaml());
            let own_owner = leaf.owner.map(str::to_owned);
            nodes.insert(
                format!("{code}.{}", at + 1),
                leaf.texts(own_owner.or(owner.map(str::to_owned))),
            );
            dated_leaves += 1;
        }
        if changed && group == GROUPS - 1 {
            children += 1;
            let title = "\x1b[32madded\x1b[0m\n::warning::added";
            yaml.push_str(&format!(
                "      - title: {}\n        start: 2026-12-01\n        due: 2026-12-02\n",
                quote(title)
            ));
            nodes.insert(
                format!("{code}.{children}"),
                Texts {
                    id: None,
                    title: title.to_owned(),
                    owner: owner.map(str::to_owned),
                    tags: Vec::new(),
                    notes: None,
                },
            );
            dated_leaves += 1;
        }
    }
    // NEL (a C1 control) and RLO are the only such characters YAML takes
    // raw, so they reach the file's lines, its comments included.
    let raw_title = "raw \u{85}nel \u{202e}rlo";
    let raw_notes = "::warning::from a block scalar\nsecond line \u{85}nel \u{202e}rlo\n";
    yaml.push_str(&format!("  # raw \u{85} and \u{202e} in a comment\n  - id: raw\n    title: \"{raw_title}\"\n    start: 2026-12-01\n    due: 2026-12-03\n    notes: |\n"));
    for line in raw_notes.lines() {
        yaml.push_str(&format!("      {line}\n"));
    }
    nodes.insert(
        (GROUPS + 1).to_string(),
        Texts {
            id: Some("raw".into()),
            title: raw_title.into(),
            owner: None,
            tags: Vec::new(),
            notes: Some(raw_notes.into()),
        },
    );
    dated_leaves += 1;
    Plan {
        yaml,
        nodes,
        dated_leaves,
    }
}

/// One leaf: payload `i` as its title, the payloads after it in its other
/// fields, and dates that make some leaves overdue and some due soon
/// (today is 2026-11-29 in the tests).
struct Leaf {
    i: usize,
    id: Option<String>,
    title: &'static str,
    owner: Option<&'static str>,
    tags: Vec<&'static str>,
    notes: &'static str,
    status: Option<&'static str>,
}

impl Leaf {
    fn new(i: usize, changed: bool) -> Leaf {
        let payload = |k: usize| PAYLOADS[(i + k) % PAYLOADS.len()];
        // An id may start with `-`, a formula prefix, and `after` lists it.
        let id = match i {
            0 => Some("-formula".to_owned()),
            _ if i % 4 == 3 => None,
            _ => Some(format!("n{i}")),
        };
        let mut title = payload(0);
        let mut owner = (!i.is_multiple_of(3)).then(|| payload(1));
        let mut status = match i % 5 {
            1 => Some("in-progress"),
            2 => Some("done"),
            3 => Some("blocked"),
            _ => None,
        };
        if changed {
            match i {
                1 => title = payload(9),
                2 => owner = Some(payload(13)),
                4 => status = Some("done"),
                _ => {}
            }
        }
        Leaf {
            i,
            id,
            title,
            owner,
            tags: vec![payload(2), "ok", payload(5)],
            notes: payload(3),
            status,
        }
    }

    fn yaml(&self) -> String {
        let mut out = String::new();
        let mut field = |text: String| {
            let marker = if out.is_empty() { "- " } else { "  " };
            out.push_str(&format!("      {marker}{text}\n"));
        };
        if let Some(id) = &self.id {
            field(format!("id: {}", quote(id)));
        }
        field(format!("title: {}", quote(self.title)));
        if let Some(owner) = self.owner {
            field(format!("owner: {}", quote(owner)));
        }
        if let Some(status) = self.status {
            field(format!("status: {status}"));
            if status == "in-progress" {
                field("progress: 50".into());
            }
        }
        let tags: Vec<String> = self.tags.iter().map(|t| quote(t)).collect();
        field(format!("tags: [{}]", tags.join(", ")));
        field(format!("notes: {}", quote(self.notes)));
        // Three days apart, four days long, from 2026-10-01: the first 18
        // are due before today, the next few within the fortnight after.
        let start = date(3 * self.i);
        let due = date(3 * self.i + 4);
        field(format!("start: {start}"));
        field(format!("due: {due}"));
        if self.i >= 2 && self.i % 6 == 2 {
            field("after: [\"-formula\"]".into());
        }
        field(format!("x-evil: {}", quote(self.title)));
        out
    }

    fn texts(&self, owner: Option<String>) -> Texts {
        Texts {
            id: self.id.clone(),
            title: self.title.to_owned(),
            owner,
            tags: self.tags.iter().map(|t| (*t).to_owned()).collect(),
            notes: Some(self.notes.to_owned()),
        }
    }
}

/// The date `days` after 2026-10-01.
fn date(days: usize) -> String {
    let months = [(10, 31), (11, 30), (12, 31), (1, 31), (2, 28)];
    let mut day = days;
    for (month, length) in months {
        if day < length {
            let year = if month < 10 { 2027 } else { 2026 };
            return format!("{year}-{month:02}-{:02}", day + 1);
        }
        day -= length;
    }
    unreachable!("dates stay within five months")
}

/// `text` as a YAML double-quoted scalar, every character that YAML
/// would not take raw written as an escape.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x1b' => out.push_str("\\e"),
            c if c.is_control() || is_bidi(c) => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The bidirectional controls that can make a line read differently
/// from what it holds.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// A plan with an error or a warning on lines that hold hostile text, in
/// keys and values that diagnostics quote: 9 errors and 1 warning.
pub fn diagnostics() -> String {
    let q = quote;
    [
        "wbs: 1".to_owned(),
        format!("title: {}", q(PLAN_TITLE)),
        "people:".to_owned(),
        format!("  ana: {{name: {}}}", q("\x1b[31mAna\n::error::person")),
        "tasks:".to_owned(),
        "  - id: a".to_owned(),
        format!("    title: {}", q("\x1b[31mA\n::error::x")),
        format!(
            "    {}: 1",
            q("\x1b[31mtitel\n::error::key %0A::warning::k")
        ),
        format!(
            "    status: {}",
            q("\x1b[31mdone\n::error::s %0A::warning::y")
        ),
        "  - id: b".to_owned(),
        format!("    title: {}", q("=B")),
        format!("    due: {}", q("2026-13-01\x1b[2J\n::error::d")),
        format!("    owner: {}", q("\x1b[31m::warning::owner\n::error::o")),
        "  - id: c".to_owned(),
        format!("    title: {}", q("@C")),
        format!("    effort: {}", q("=1d\x1b[31m\n::error::e")),
        format!("    progress: {}", q("\u{202e}50\n::error::p")),
        format!(
            "    after: [{}, {}]",
            q("::error::nope"),
            q("\x1b[31mx\u{9b}")
        ),
        format!("  - id: {}", q("\x1b[31m::error::bad id")),
        "    title: ok".to_owned(),
        format!("  - title: {}", q("\x1b[1mwarn\n::warning::w")),
        "    status: todo".to_owned(),
        "    progress: 10".to_owned(),
        String::new(),
    ]
    .join("\n")
}
