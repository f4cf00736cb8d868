//! From a YAML span tree to the plan model, reporting every field that is
//! missing, unknown, of the wrong shape or with a bad value.
//!
//! A bad value is reported and then treated as absent, so one mistake does
//! not cascade into others and every problem of a file is found in one run.

use std::collections::HashMap;
use std::ops::Range;

use super::yaml::{Kind, NodeIdx, Tree};
use super::{SourceFile, SpanTable};
use crate::diagnostic::{Code, Diagnostic, Hint, Text, did_you_mean};
use crate::format::{self, Field};
use crate::i18n::check::{Check, Help, Holder, Place, Shape};
use crate::plan::fields::{self, Status};
use crate::plan::{MaybeNumber, Node, NodeId, Person, Plan, PlanFile, Str};

/// Reads one file into `plan`, recording each plan node's YAML node in
/// `spans`. A file that did not parse adds a file without nodes.
pub(super) fn convert_file(
    source: &SourceFile,
    file: usize,
    plan: &mut Plan,
    spans: &mut SpanTable,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let first = plan.nodes.len() as NodeId;
    // A file that did not parse still takes its place in the set, so later
    // files keep their index (and their WBS codes) while it is being fixed.
    let Some(Some(tree)) = source.tree.get() else {
        plan.files.push(PlanFile {
            path: source.path.clone(),
            nodes: first..first,
            ..PlanFile::default()
        });
        return;
    };
    // Room for every task at once: real plans have under one task per 8
    // YAML nodes, and room never written to is never resident, while
    // growing by doubling would briefly hold the old and the new array.
    let room = tree.len() / 8;
    plan.nodes.reserve(room);
    spans.nodes.reserve(room);
    spans.starts.reserve(room);
    let mut reader = Reader {
        tree,
        text: &source.text,
        interned: HashMap::new(),
        extensions: Vec::new(),
        file,
        plan,
        spans,
        diagnostics,
    };
    let mut plan_file = PlanFile {
        path: source.path.clone(),
        nodes: first..first,
        ..PlanFile::default()
    };
    reader.top_level(&mut plan_file);
    plan_file.nodes.end = reader.plan.nodes.len() as NodeId;
    plan.files.push(plan_file);
}

/// Reads the tasks of a later part of a plan's text, parsed on its own (a
/// block list of top-level tasks, see [`super::yaml::top_items`]), into
/// `plan` as top-level nodes of file `file`; positions count from 1 within
/// the part.
pub(super) fn convert_tasks(
    tree: &Tree,
    text: &str,
    file: usize,
    plan: &mut Plan,
    spans: &mut SpanTable,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(root) = tree.root() else {
        return;
    };
    let mut reader = Reader {
        tree,
        text,
        interned: HashMap::new(),
        extensions: Vec::new(),
        file,
        plan,
        spans,
        diagnostics,
    };
    reader.task_list(root, None, 1);
}

/// The usable entries of a list field: non-null scalars. Others were
/// reported as `wrong-type` when the list was read.
pub(super) fn list_entries<'a>(
    tree: &'a Tree,
    text: &'a str,
    list: NodeIdx,
) -> impl Iterator<Item = NodeIdx> + 'a {
    let items = (tree.kind(list) == Kind::Sequence).then(|| tree.children(list));
    items
        .into_iter()
        .flatten()
        .filter(move |&item| tree.kind(item) == Kind::Scalar && !tree.is_null(text, item))
}

struct Reader<'a> {
    tree: &'a Tree,
    text: &'a str,
    /// Owners and tags repeat across nodes; each distinct one is stored once.
    interned: HashMap<&'a str, Str>,
    /// The `x-` keys with a value other than null of the mapping that
    /// [`Reader::fields`] read last.
    extensions: Vec<Str>,
    file: usize,
    plan: &'a mut Plan,
    spans: &'a mut SpanTable,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// Stores a string that many nodes share (an owner, a tag) once.
    fn intern(&mut self, text: &'a str) -> Str {
        if let Some(&s) = self.interned.get(text) {
            return s;
        }
        let s = self.plan.add_str(text);
        self.interned.insert(text, s);
        s
    }

    fn span(&self, node: NodeIdx) -> Range<usize> {
        self.tree.span(node)
    }

    fn report(&mut self, code: Code, at: NodeIdx, message: impl Into<Text>) -> &mut Diagnostic {
        let span = self.span(at);
        self.diagnostics
            .push(Diagnostic::new(code, self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Where a mapping or plain-string node is pointed at: its first key, or
    /// its text.
    fn anchor(&self, node: NodeIdx) -> Range<usize> {
        match self.tree.kind(node) {
            Kind::Mapping => self
                .tree
                .children(node)
                .next()
                .map_or_else(|| self.span(node), |key| self.span(key)),
            _ => self.span(node),
        }
    }

    fn report_at_node(
        &mut self,
        code: Code,
        node: NodeIdx,
        message: impl Into<Text>,
    ) -> &mut Diagnostic {
        let span = self.anchor(node);
        self.diagnostics
            .push(Diagnostic::new(code, self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn is_null(&self, node: NodeIdx) -> bool {
        self.tree.is_null(self.text, node)
    }

    fn shape(&self, node: NodeIdx) -> Shape {
        match self.tree.kind(node) {
            Kind::Mapping => Shape::Mapping,
            Kind::Sequence => Shape::List,
            Kind::Scalar if self.is_null(node) => Shape::Null,
            Kind::Scalar => Shape::SingleValue,
            Kind::Invalid => Shape::Alias,
        }
    }

    /// The entries of a mapping with usable keys, each by its name in
    /// `allowed` (a table of [`format`]); other keys are reported, and
    /// `allowed` names the fields for the did-you-mean of unknown keys.
    fn fields(
        &mut self,
        map: NodeIdx,
        allowed: &[Field],
        holder: Holder,
    ) -> Vec<(&'static str, NodeIdx, NodeIdx)> {
        let tree: &'a Tree = self.tree;
        let mut fields = Vec::with_capacity(12);
        let mut seen = (tree.entries(map).nth(super::yaml::SMALL_MAPPING).is_some())
            .then(std::collections::HashSet::<&str>::new);
        self.extensions.clear();
        for (i, (key, value)) in tree.entries(map).enumerate() {
            match self.tree.kind(key) {
                Kind::Scalar => {}
                Kind::Invalid => continue,
                _ => {
                    let shape = self.shape(key);
                    self.report(Code::WrongType, key, Check::KeyNotWord { shape });
                    continue;
                }
            }
            let name = tree.text(self.text, key);
            if name.starts_with("x-") {
                if !self.is_null(value) {
                    let name = self.intern(name);
                    self.extensions.push(name);
                }
                continue;
            }
            // `<<` was refused as a merge key when the tree was built.
            if name == "<<" && tree.style(key) == super::yaml::Style::Plain {
                continue;
            }
            // A repeated key was reported when the tree was built; keep the
            // first. A task has a handful of keys, where a scan beats
            // hashing; a hostile mapping of thousands gets a set.
            let repeated = match &mut seen {
                Some(seen) => !seen.insert(name),
                None => tree
                    .entries(map)
                    .take(i)
                    .any(|(k, _)| tree.kind(k) == Kind::Scalar && tree.text(self.text, k) == name),
            };
            if repeated {
                continue;
            }
            let Some(field) = allowed.iter().find(|field| field.name == name) else {
                let names: Vec<&'static str> = allowed.iter().map(|field| field.name).collect();
                let help = match did_you_mean(name, names.iter().copied()) {
                    Some(word) => Help::DidYouMean {
                        word: word.to_owned(),
                    },
                    None => Help::FieldsOf { holder, names },
                };
                let name = escape(name).into_owned();
                self.report(
                    Code::UnknownField,
                    key,
                    Check::UnknownField { name, holder },
                )
                .help = Some(help.into());
                continue;
            };
            fields.push((field.name, key, value));
        }
        fields
    }

    /// A string field: the text of any non-null scalar.
    fn string(&mut self, value: NodeIdx, field: &'static str) -> Option<String> {
        self.str(value, field).map(str::to_owned)
    }

    /// A string field, borrowed from the source.
    fn str(&mut self, value: NodeIdx, field: &'static str) -> Option<&'a str> {
        let tree: &'a Tree = self.tree;
        match tree.kind(value) {
            Kind::Scalar if self.is_null(value) => None,
            Kind::Scalar => Some(tree.text(self.text, value)),
            Kind::Invalid => None,
            _ => {
                let shape = self.shape(value);
                self.report(
                    Code::WrongType,
                    value,
                    Check::NotSingleValue { field, shape },
                )
                .help = Some(Help::WriteText { field }.into());
                None
            }
        }
    }

    /// A scalar field read by `parse`; a bad value is reported with `code`.
    fn parsed<T>(
        &mut self,
        value: NodeIdx,
        field: &'static str,
        code: Code,
        parse: impl Fn(&str) -> Option<T>,
        explain: impl FnOnce(&str) -> (Check, Help),
    ) -> Option<T> {
        let text = self.string(value, field)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            let (message, help) = explain(&text);
            self.report(code, value, message).help = Some(help.into());
        }
        parsed
    }

    fn date(&mut self, value: NodeIdx, field: &'static str) -> Option<chrono::NaiveDate> {
        self.parsed(
            value,
            field,
            Code::InvalidDate,
            fields::parse_date,
            |text| {
                let text = escape(text).into_owned();
                (Check::InvalidDate { text, field }, Help::Date)
            },
        )
    }

    fn effort(&mut self, value: NodeIdx) -> Option<f64> {
        self.parsed(
            value,
            "effort",
            Code::InvalidEffort,
            fields::parse_effort,
            |text| {
                // A number without its unit reads with one; it is plain digits.
                let help = if fields::parse_effort(&format!("{text}d")).is_some() {
                    Help::AddUnit {
                        number: text.to_owned(),
                    }
                } else {
                    Help::Effort
                };
                let text = escape(text).into_owned();
                (Check::InvalidEffort { text }, help)
            },
        )
    }

    /// A list of strings: `tags`, `after`.
    fn strings(&mut self, value: NodeIdx, field: &'static str) -> Vec<&'a str> {
        match self.tree.kind(value) {
            Kind::Sequence => {}
            Kind::Scalar if self.is_null(value) => return Vec::new(),
            Kind::Invalid => return Vec::new(),
            _ => {
                let shape = self.shape(value);
                let value_text = match self.tree.kind(value) {
                    Kind::Scalar => Some(escape(self.tree.text(self.text, value)).into_owned()),
                    _ => None,
                };
                let help = Help::WriteList {
                    field,
                    value: value_text,
                };
                self.report(Code::WrongType, value, Check::NotList { field, shape })
                    .help = Some(help.into());
                return Vec::new();
            }
        }
        let items: Vec<_> = self.tree.children(value).collect();
        for &item in &items {
            let usable = self.tree.kind(item) == Kind::Scalar && !self.is_null(item);
            if !usable && self.tree.kind(item) != Kind::Invalid {
                let shape = self.shape(item);
                self.report(
                    Code::WrongType,
                    item,
                    Check::EntryNotSingleValue { field, shape },
                );
            }
        }
        let (tree, text): (&'a Tree, &'a str) = (self.tree, self.text);
        list_entries(tree, text, value)
            .map(|item| tree.text(text, item))
            .collect()
    }

    fn top_level(&mut self, file: &mut PlanFile) {
        let Some(root) = self.tree.root().filter(|&r| !self.is_null(r)) else {
            self.diagnostics.push(
                Diagnostic::new(Code::MissingField, self.file, 0..0, Check::EmptyPlan)
                    .with_help(Help::StartPlan),
            );
            return;
        };
        if self.tree.kind(root) != Kind::Mapping {
            if self.tree.kind(root) != Kind::Invalid {
                let shape = self.shape(root);
                self.report(Code::WrongType, root, Check::PlanNotMapping { shape })
                    .help = Some(Help::StartPlan.into());
            }
            return;
        }

        let mut version = None;
        let mut title = None;
        let mut tasks = None;
        for (name, key, value) in self.fields(root, format::TOP, Holder::Plan) {
            match name {
                "wbs" => version = self.version(value),
                "title" => title = self.title(value),
                "description" => file.description = self.string(value, "description"),
                "start" => file.start = self.date(value, "start"),
                "due" => file.due = self.date(value, "due"),
                "people" => file.people = self.people(value),
                "defaults" => file.default_effort_hours = self.defaults(value),
                "tasks" => tasks = Some((key, value)),
                _ => {}
            }
        }
        if let (Some(start), Some(due)) = (file.start, file.due)
            && start > due
        {
            self.report_at_node(
                Code::StartAfterDue,
                root,
                Check::PlanStartsAfterDue { start, due },
            )
            .help = Some(Help::SwapDates.into());
        }
        for (present, field, help) in [
            (version.is_some(), "wbs", Help::AddVersion),
            (title.is_some(), "title", Help::AddPlanTitle),
            (
                tasks.is_some_and(|(_, v)| !self.is_null(v)),
                "tasks",
                Help::AddTasks,
            ),
        ] {
            if !present {
                self.report_at_node(Code::MissingField, root, Check::PlanLacks { field })
                    .help = Some(help.into());
            }
        }
        file.title = title.flatten().unwrap_or_default().to_owned();
        if let Some((_, list)) = tasks.filter(|&(_, v)| !self.is_null(v)) {
            self.task_list(list, None, 1);
        }
    }

    /// `None` when the version is null (missing); `Some(false)` when it was
    /// written but is unusable (already reported).
    fn version(&mut self, value: NodeIdx) -> Option<bool> {
        if self.is_null(value) {
            return None;
        }
        let Some(text) = self.string(value, "wbs") else {
            return Some(false);
        };
        if text != "1" {
            let version = escape(&text).into_owned();
            self.report(
                Code::UnsupportedVersion,
                value,
                Check::UnsupportedVersion { version },
            )
            .help = Some(Help::Version.into());
            return Some(false);
        }
        Some(true)
    }

    /// `None` when the title counts as missing (null, or only blanks);
    /// `Some(None)` when it was written with the wrong shape (already
    /// reported, so not also missing).
    fn title(&mut self, value: NodeIdx) -> Option<Option<&'a str>> {
        if self.tree.kind(value) != Kind::Scalar {
            return Some(self.str(value, "title"));
        }
        self.str(value, "title")
            .filter(|t| !t.trim().is_empty())
            .map(Some)
    }

    fn people(&mut self, value: NodeIdx) -> Option<Vec<Person>> {
        match self.tree.kind(value) {
            Kind::Mapping => {}
            // `people:` with no value is absent, like any null field.
            Kind::Scalar if self.is_null(value) => return None,
            Kind::Invalid => return None,
            _ => {
                let shape = self.shape(value);
                self.report(Code::WrongType, value, Check::PeopleNotMapping { shape })
                    .help = Some(Help::People.into());
                return None;
            }
        }
        let entries: Vec<_> = self.tree.entries(value).collect();
        let mut people = Vec::with_capacity(entries.len());
        for (key, details) in entries {
            let Some(key_text) = self.string(key, "people") else {
                continue;
            };
            if key_text.starts_with("x-") {
                continue;
            }
            let mut person = Person {
                key: key_text,
                ..Person::default()
            };
            match self.tree.kind(details) {
                Kind::Mapping => {
                    for (name, _, v) in self.fields(details, format::PERSON, Holder::Person) {
                        let text = self.string(v, name);
                        match name {
                            "name" => person.name = text,
                            "team" => person.team = text,
                            _ => person.email = text,
                        }
                    }
                }
                Kind::Scalar if self.is_null(details) => {}
                Kind::Invalid => {}
                _ => {
                    let shape = self.shape(details);
                    self.report(Code::WrongType, details, Check::PersonNotMapping { shape })
                        .help = Some(Help::Person.into());
                }
            }
            people.push(person);
        }
        Some(people)
    }

    fn defaults(&mut self, value: NodeIdx) -> Option<f64> {
        match self.tree.kind(value) {
            Kind::Mapping => {}
            Kind::Scalar if self.is_null(value) => return None,
            Kind::Invalid => return None,
            _ => {
                let shape = self.shape(value);
                self.report(Code::WrongType, value, Check::DefaultsNotMapping { shape })
                    .help = Some(Help::Defaults.into());
                return None;
            }
        }
        let mut effort = None;
        for (_, _, v) in self.fields(value, format::DEFAULTS, Holder::Defaults) {
            effort = self.effort(v);
        }
        effort
    }

    /// Reads a `tasks` list; returns whether it held any node.
    ///
    /// Recursion depth is bounded: granit-parser refuses YAML nested deeper
    /// than 255 collections, and each task level takes two.
    fn task_list(&mut self, list: NodeIdx, parent: Option<NodeId>, level: u32) -> bool {
        match self.tree.kind(list) {
            Kind::Sequence => {}
            Kind::Invalid => return false,
            _ => {
                let shape = self.shape(list);
                self.report(Code::WrongType, list, Check::TasksNotList { shape })
                    .help = Some(Help::TasksList.into());
                return false;
            }
        }
        let items: Vec<_> = self.tree.children(list).collect();
        let mut position = 0;
        for item in items {
            match self.tree.kind(item) {
                _ if self.is_task(item) => {}
                Kind::Invalid => continue,
                _ => {
                    let shape = self.shape(item);
                    self.report(Code::WrongType, item, Check::TaskNotMapping { shape })
                        .help = Some(Help::Task.into());
                    continue;
                }
            }
            position += 1;
            self.task(item, parent, level, position);
        }
        position > 0
    }

    fn task(&mut self, item: NodeIdx, parent: Option<NodeId>, level: u32, position: u32) {
        let id = self.plan.nodes.len() as NodeId;
        self.plan.nodes.push(Node {
            file: self.file as u32,
            parent,
            end: id + 1,
            position,
            level,
            ..Node::default()
        });
        self.spans.nodes.push(item);
        let start = self.anchor(item).start as u32;
        self.spans.starts.push(start);

        if self.tree.kind(item) == Kind::Scalar {
            let tree: &'a Tree = self.tree;
            let text = tree.text(self.text, item);
            if text.trim().is_empty() {
                self.report_at_node(Code::MissingField, item, Check::EmptyTitle)
                    .help = Some(Help::WriteTitle.into());
            }
            let title = self.plan.add_str(text);
            self.plan.nodes[id as usize].title = title;
            return;
        }

        // Whether the node has subtasks decides how status, progress and
        // effort are read, so find out before reading them.
        let is_parent = self
            .tree
            .get(self.text, item, "tasks")
            .is_some_and(|(_, list)| {
                self.tree.kind(list) == Kind::Sequence
                    && self.tree.children(list).any(|task| self.is_task(task))
            });
        let mut node = Node::default();
        let mut title = None;
        let mut children = None;
        let mut status_value = None;
        for (name, key, value) in self.fields(item, format::NODE, Holder::Task) {
            if is_parent && matches!(name, "status" | "progress" | "effort") && !self.is_null(value)
            {
                let cancelled = name == "status"
                    && self.tree.kind(value) == Kind::Scalar
                    && Status::parse(self.tree.text(self.text, value)) == Some(Status::Cancelled);
                if cancelled {
                    node.status = Some(Status::Cancelled);
                } else {
                    self.leaf_field_on_parent(name, key);
                }
                continue;
            }
            match name {
                "id" => node.id = self.id(value).map(|id| self.plan.add_str(id)),
                "title" => title = self.title(value),
                "owner" => node.owner = self.str(value, "owner").map(|owner| self.intern(owner)),
                "status" => {
                    node.status = self.status(value);
                    status_value = Some(value);
                }
                "progress" => {
                    node.progress = MaybeNumber::new(self.parsed(
                        value,
                        "progress",
                        Code::InvalidProgress,
                        fields::parse_progress,
                        |t| {
                            let text = escape(t).into_owned();
                            (Check::InvalidProgress { text }, Help::Progress)
                        },
                    ));
                }
                "start" => node.start = self.date(value, "start"),
                "due" => node.due = self.date(value, "due"),
                "effort" => node.effort_hours = MaybeNumber::new(self.effort(value)),
                "tags" => {
                    let tags: Vec<Str> = self
                        .strings(value, "tags")
                        .into_iter()
                        .map(|t| self.intern(t))
                        .collect();
                    node.tags = self.plan.add_list(&tags);
                }
                "after" => {
                    let after: Vec<Str> = self
                        .strings(value, "after")
                        .into_iter()
                        .map(|a| self.plan.add_str(a))
                        .collect();
                    node.after = self.plan.add_list(&after);
                }
                "notes" => {
                    node.notes = self
                        .str(value, "notes")
                        .map(|notes| self.plan.add_str(notes))
                }
                "tasks" => children = Some(value),
                _ => {}
            }
        }
        if !self.extensions.is_empty() {
            node.extensions = self.plan.add_list(&self.extensions);
        }

        node.title = self.plan.add_str(title.flatten().unwrap_or_default());
        if title.is_none() {
            self.report_at_node(Code::MissingField, item, Check::NoTitle)
                .help = Some(Help::AddTitle.into());
        }
        if let (Some(start), Some(due)) = (node.start, node.due)
            && start > due
        {
            self.report_at_node(
                Code::StartAfterDue,
                item,
                Check::TaskStartsAfterDue { start, due },
            )
            .help = Some(Help::SwapDates.into());
        }
        if !is_parent {
            self.leaf_consistency(&node, item, status_value);
        }
        if let Some(list) = children.filter(|&v| !self.is_null(v)) {
            if self.tree.kind(list) == Kind::Sequence && self.tree.children(list).next().is_none() {
                self.report(Code::EmptyParent, list, Check::EmptyParent)
                    .help = Some(Help::EmptyParent.into());
            }
            self.task_list(list, Some(id), level + 1);
        }

        let end = self.plan.nodes.len() as NodeId;
        let slot = &mut self.plan.nodes[id as usize];
        node.file = slot.file;
        node.parent = slot.parent;
        node.position = slot.position;
        node.level = slot.level;
        node.end = end;
        *slot = node;
    }

    /// Whether a `tasks` item becomes a node: a mapping or a non-null scalar.
    fn is_task(&self, item: NodeIdx) -> bool {
        match self.tree.kind(item) {
            Kind::Mapping => true,
            Kind::Scalar => !self.is_null(item),
            Kind::Sequence | Kind::Invalid => false,
        }
    }

    fn leaf_field_on_parent(&mut self, field: &'static str, key: NodeIdx) {
        let help = match field {
            "status" => Help::ParentStatus,
            "progress" => Help::ParentProgress,
            _ => Help::ParentEffort,
        };
        self.report(
            Code::LeafFieldOnParent,
            key,
            Check::LeafFieldOnParent { field },
        )
        .help = Some(help.into());
    }

    fn leaf_consistency(&mut self, node: &Node, item: NodeIdx, status_value: Option<NodeIdx>) {
        match (node.status.unwrap_or(Status::Todo), node.progress.get()) {
            (Status::Done, Some(progress)) if progress != 100.0 => {
                let status_span = status_value.map(|v| self.span(v));
                let d = self.report_at_node(
                    Code::ProgressContradictsStatus,
                    item,
                    Check::DoneNotComplete { progress },
                );
                d.help = Some(Help::DoneIsComplete.into());
                if let Some(span) = status_span {
                    d.labels.push(crate::diagnostic::Label {
                        file: d.file,
                        span,
                        place: Place::MarkedDone,
                    });
                }
            }
            (Status::Todo, Some(progress)) if progress > 0.0 => {
                let Some((_, value)) = self.tree.get(self.text, item, "progress") else {
                    return;
                };
                self.report(
                    Code::ProgressOnTodo,
                    value,
                    Check::TodoWithProgress { progress },
                )
                .help = Some(Help::TodoWithProgress.into());
            }
            _ => {}
        }
    }

    fn id(&mut self, value: NodeIdx) -> Option<&'a str> {
        let text = self.str(value, "id")?;
        if !fields::is_valid_id(text) {
            let help = if text.chars().all(|c| c.is_ascii_digit() || c == '.') {
                Help::IdLooksLikeCode
            } else {
                Help::IdCharacters
            };
            let id = escape(text).into_owned();
            self.report(Code::InvalidId, value, Check::InvalidId { id })
                .help = Some(help.into());
            return None;
        }
        Some(text)
    }

    fn status(&mut self, value: NodeIdx) -> Option<Status> {
        let text = self.string(value, "status")?;
        let status = Status::parse(&text);
        if status.is_none() {
            let suggestion = did_you_mean(&text, Status::SPELLINGS).or_else(|| {
                Status::SPELLINGS
                    .into_iter()
                    .find(|s| s.eq_ignore_ascii_case(&text))
            });
            let help: Hint = match suggestion {
                Some(s) => Help::DidYouMean { word: s.to_owned() },
                None => Help::Statuses,
            }
            .into();
            let status = escape(&text).into_owned();
            self.report(Code::InvalidStatus, value, Check::InvalidStatus { status })
                .help = Some(help);
        }
        status
    }
}

/// Plan text inside a message: escaped and cut short (see [`crate::safe::excerpt`]).
pub(crate) fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    crate::safe::excerpt(text)
}
