//! What changed since a past version (SPEC §3.4, `wbs report --since`):
//! progress then and now, the leaves done since, what became overdue, and
//! the due dates that slipped. Nodes are matched by identity (SPEC §1.1),
//! so a task that moved is the same task.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::{Edge, planset, resolve_bound};
use crate::git::{Commit, Object, Repo};
use crate::plan::derive::Clock;
use crate::plan::{NodeId, Status};
use crate::project::Project;
use crate::report::Report;
use crate::safe::{escape_control, excerpt};

/// A due date that moved later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// The node, in today's plan.
    pub node: NodeId,
    pub old: NaiveDate,
    pub new: NaiveDate,
    /// Days later.
    pub days: i64,
}

/// What changed since a past version, over the report's scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Since {
    /// The commit compared with; `None` when every commit is younger than
    /// the date asked for (the plan set then is empty).
    pub commit: Option<Commit>,
    /// Progress then over the same query, unrounded.
    pub progress: f64,
    /// Leaves done now that were not done then (or not there), in plan
    /// order.
    pub done: Vec<NodeId>,
    /// Nodes of the report's overdue list that were not overdue then (as
    /// of that day), in the list's order.
    pub new_overdue: Vec<NodeId>,
    /// Own due dates that moved later, most days first.
    pub slipped: Vec<Slip>,
}

/// Where to look: the repository, the plan-set roots and the size limit.
#[derive(Debug, Clone)]
pub struct Past<'r> {
    pub repo: &'r Repo,
    pub roots: Vec<PathBuf>,
    pub limit: u64,
}

/// Compares today's project `now` (and its report over the query `words`,
/// whose nodes `scope` holds) with the plan set as of `text`, a revision or
/// a date. A past version with errors is refused: its numbers would mean
/// nothing.
pub fn since(
    past: &Past<'_>,
    text: &str,
    now: &Project,
    words: &[String],
    scope: &[bool],
    report: &Report,
) -> Result<Since> {
    let repo = past.repo;
    repo.require_full_history()?;
    let head = repo.resolve("HEAD")?;
    let then = match resolve_bound(repo, text, &head, Edge::Start)? {
        Some(id) => {
            let commit = repo.commit(&id)?;
            let project = load_at(past, &commit, text)?;
            Some((commit, project))
        }
        None => None,
    };
    let Some((commit, then)) = then else {
        // Nothing was there: everything done is done since, everything
        // overdue is new.
        let plan = &now.loaded.plan;
        return Ok(Since {
            commit: None,
            progress: 0.0,
            done: plan
                .ids()
                .filter(|&id| scope[id as usize] && plan.is_leaf(id))
                .filter(|&id| now.derived.node(id).status == Status::Done)
                .collect(),
            new_overdue: report.overdue.iter().map(|&(id, _)| id).collect(),
            slipped: Vec::new(),
        });
    };
    Ok(compare(&then, now, words, scope, report, commit))
}

/// The plan set as it was at `commit`, loaded as of that day.
fn load_at(past: &Past<'_>, commit: &Commit, text: &str) -> Result<Project> {
    let roots = planset::Root::all(past.repo, &past.roots)?;
    let mut objects = past.repo.objects()?;
    let files = planset::SetReader::new(&mut objects, &roots).files_at(&commit.id)?;
    let mut read = Vec::with_capacity(files.len());
    for file in files {
        let shown = escape_control(&file.display);
        match objects.read(&file.oid, past.limit)? {
            Object::Found { bytes, .. } => read.push((file.display, bytes)),
            Object::TooBig { size, .. } => bail!(
                "`{shown}` at `{}` is {size} bytes, over the limit of {} bytes\n\
                 hint: raise the limit with WBS_MAX_BYTES if the file is meant to be this large",
                excerpt(text),
                past.limit
            ),
            Object::Missing => bail!(
                "git has no file `{shown}` although `{}` names it",
                excerpt(text)
            ),
        }
    }
    let project = Project::load(read, Clock::new(commit.date), false);
    if project.has_errors() {
        let errors = project
            .loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count();
        bail!(
            "the plan set at `{}` (commit {}) does not validate: {errors} error{}\n\
             hint: compare with a commit whose plans are valid; `wbs history` shows which are",
            excerpt(text),
            &commit.id[..12],
            if errors == 1 { "" } else { "s" }
        );
    }
    Ok(project)
}

fn compare(
    then: &Project,
    now: &Project,
    words: &[String],
    scope: &[bool],
    report: &Report,
    commit: Commit,
) -> Since {
    let (old, new) = (&then.loaded.plan, &now.loaded.plan);
    let then_day = then.derived.clock.today;
    let progress = match crate::query::parse(words, old, then_day) {
        Ok(query) => crate::report::build(old, &then.derived, &query, 0, 0).progress,
        // The query names something not there then: nothing matched.
        Err(_) => 0.0,
    };
    let index: HashMap<String, NodeId> = old
        .ids()
        .map(|id| (then.derived.identity(old, id), id))
        .collect();
    let before = |id: NodeId| index.get(&now.derived.identity(new, id)).copied();

    let done = new
        .ids()
        .filter(|&id| scope[id as usize] && new.is_leaf(id))
        .filter(|&id| now.derived.node(id).status == Status::Done)
        .filter(|&id| before(id).is_none_or(|t| then.derived.node(t).status != Status::Done))
        .collect();
    let new_overdue = report
        .overdue
        .iter()
        .map(|&(id, _)| id)
        .filter(|&id| before(id).is_none_or(|t| !then.derived.node(t).overdue))
        .collect();
    let mut slipped: Vec<Slip> = new
        .ids()
        .filter(|&id| scope[id as usize])
        .filter_map(|id| {
            let due = new.node(id).due?;
            let was = old.node(before(id)?).due?;
            (due > was).then(|| Slip {
                node: id,
                old: was,
                new: due,
                days: (due - was).num_days(),
            })
        })
        .collect();
    slipped.sort_by_key(|slip| (std::cmp::Reverse(slip.days), slip.node));
    Since {
        commit: Some(commit),
        progress,
        done,
        new_overdue,
        slipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(day: &str, text: &str) -> Project {
        let today = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        Project::load(
            vec![("p.yaml".into(), text.as_bytes().to_vec())],
            Clock::new(today),
            false,
        )
    }

    #[test]
    fn done_overdue_and_slipped_are_what_changed() {
        let then = project(
            "2026-11-01",
            "wbs: 1\ntitle: T\ntasks:\n\
             - id: a\n  title: A\n  status: done\n\
             - id: b\n  title: B\n  due: 2026-11-10\n\
             - id: c\n  title: C\n  due: 2026-10-20\n\
             - id: d\n  title: D\n  due: 2026-12-01\n\
             - Plain\n",
        );
        let now = project(
            "2026-11-29",
            "wbs: 1\ntitle: T\ntasks:\n\
             - id: d\n  title: D moved first\n  due: 2026-12-08\n\
             - id: a\n  title: A\n  status: done\n\
             - id: b\n  title: B\n  due: 2026-11-20\n\
             - id: c\n  title: C\n  due: 2026-10-20\n\
             - title: Plain\n  status: done\n\
             - id: e\n  title: E\n  status: done\n",
        );
        let query = crate::query::Query::default();
        let scope = crate::report::scope(&now.loaded.plan, &now.derived, &query);
        let report = crate::report::build(&now.loaded.plan, &now.derived, &query, 1, 14);
        let commit = Commit {
            id: "0".repeat(40),
            time: 0,
            date: then.derived.clock.today,
            subject: String::new(),
        };
        let since = compare(&then, &now, &[], &scope, &report, commit);
        let plan = &now.loaded.plan;
        let names = |ids: &[NodeId]| -> Vec<String> {
            ids.iter().map(|&id| plan.title(id).to_owned()).collect()
        };
        // a was done already; the plain task and e are new done work.
        assert_eq!(names(&since.done), ["Plain", "E"]);
        // c was overdue then; b became overdue.
        assert_eq!(names(&since.new_overdue), ["B"]);
        let slips: Vec<(String, i64)> = since
            .slipped
            .iter()
            .map(|s| (plan.title(s.node).to_owned(), s.days))
            .collect();
        assert_eq!(
            slips,
            [("B".to_owned(), 10), ("D moved first".to_owned(), 7)]
        );
        // Then: 1 of 5 leaves done, all 8h.
        assert_eq!(since.progress, 20.0);
    }
}
