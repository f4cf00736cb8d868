//! Readable ids for imported nodes, made from their titles: the same input
//! always gives the same ids, each unique in the plan.

use std::collections::HashSet;

use super::outline::Outline;
use super::report::{Report, quote};
use crate::i18n::import::Said;

/// The longest id made from a title, in characters.
const MAX_ID_CHARS: usize = 32;

/// Gives every node an id, none of them in `elsewhere` (the ids of the
/// plans the new one will be loaded with). An id the input gave is kept
/// when valid and not taken; the others are made from the title (a taken
/// one gets its parent's in front, then a number).
pub fn assign(outline: &mut Outline, report: &mut Report, elsewhere: &HashSet<String>) {
    let order = outline.walk();
    let mut taken: HashSet<String> = elsewhere.clone();
    for &(node, _) in &order {
        let draft = &mut outline.nodes[node];
        if let Some(id) = draft.fields.id.take() {
            if elsewhere.contains(&id) {
                report.skip(draft.place, Said::IdTakenBeside { id: quote(&id) });
            } else if taken.insert(id.clone()) {
                draft.fields.id = Some(id);
            } else {
                report.skip(draft.place, Said::IdOnRowAbove { id: quote(&id) });
            }
        }
    }
    for &(node, _) in &order {
        if outline.nodes[node].fields.id.is_some() {
            continue;
        }
        let own = slug(&outline.nodes[node].title);
        let mut id = own.clone();
        if taken.contains(&id)
            && let Some(parent) = outline.nodes[node].parent
        {
            id = format!("{}-{own}", slug(&outline.nodes[parent].title));
        }
        if taken.contains(&id) {
            let base = id;
            id = (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or(base);
        }
        taken.insert(id.clone());
        outline.nodes[node].fields.id = Some(id);
    }
}

/// An id from a title: letters and digits kept (ASCII ones in lower
/// case), everything else one `-`; a remark in brackets left out
/// (`需求调研（用户、技术）` → `需求调研`); at most [`MAX_ID_CHARS`].
pub fn slug(title: &str) -> String {
    let without_remarks = drop_remarks(title);
    let mut id = dashed(&without_remarks);
    if id.is_empty() {
        id = dashed(title);
    }
    if id.chars().count() > MAX_ID_CHARS {
        let cut: String = id.chars().take(MAX_ID_CHARS).collect();
        // Cut at a word when one ends far enough in.
        id = match cut.rfind('-') {
            Some(at) if cut[..at].chars().count() >= MAX_ID_CHARS / 2 => cut[..at].to_owned(),
            _ => cut.trim_end_matches('-').to_owned(),
        };
    }
    if id.is_empty() {
        return "task".to_owned();
    }
    if !crate::plan::fields::is_valid_id(&id) {
        // Digits alone would read as a WBS code.
        id = format!("task-{id}");
    }
    id
}

fn dashed(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}

/// The title without text in brackets: （…）, (…), 【…】, […].
fn drop_remarks(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::outline::Place;

    #[test]
    fn slugs() {
        for (title, id) in [
            ("制定团队组建标准与分工规则", "制定团队组建标准与分工规则"),
            ("需求调研（用户功能需求、技术需求）", "需求调研"),
            ("建立技术支持热线/工单系统", "建立技术支持热线-工单系统"),
            ("Set up CI", "set-up-ci"),
            ("Deploy API 网关 (v2)", "deploy-api-网关"),
            ("2027", "task-2027"),
            ("1.2", "1-2"),
            ("……", "task"),
            ("（试点）", "试点"),
            (
                "Write the operating manual for every pilot unit and region",
                "write-the-operating-manual-for",
            ),
        ] {
            assert_eq!(slug(title), id, "{title}");
        }
    }

    #[test]
    fn taken_ids_get_the_parent_then_a_number() {
        let mut outline = Outline::default();
        let a = outline.add(None, "A".into(), Place::Line(1));
        outline.add(Some(a), "Plan".into(), Place::Line(2));
        let b = outline.add(None, "B".into(), Place::Line(3));
        outline.add(Some(b), "Plan".into(), Place::Line(4));
        outline.add(Some(b), "Plan".into(), Place::Line(5));
        let c = outline.add(None, "C".into(), Place::Line(6));
        outline.nodes[c].fields.id = Some("plan".into());
        let mut report = Report::default();
        assign(&mut outline, &mut report, &HashSet::new());
        let ids: Vec<&str> = outline
            .walk()
            .iter()
            .map(|&(n, _)| outline.nodes[n].fields.id.as_deref().unwrap_or("?"))
            .collect();
        assert_eq!(ids, ["a", "a-plan", "b", "b-plan", "b-plan-2", "plan"]);
        assert!(report.skipped.is_empty());
    }
}

#[cfg(test)]
mod beside {
    use std::collections::HashSet;

    use super::assign;
    use crate::import::outline::{Outline, Place};
    use crate::import::report::Report;

    #[test]
    fn ids_of_the_plans_beside_are_never_used() {
        let mut outline = Outline::default();
        let a = outline.add(None, "Design".into(), Place::Line(1));
        outline.add(Some(a), "Review".into(), Place::Line(2));
        let given = outline.add(None, "Build".into(), Place::Line(3));
        outline.nodes[given].fields.id = Some("build".into());
        let elsewhere: HashSet<String> = ["design", "review", "build"].map(String::from).into();
        let mut report = Report::default();
        assign(&mut outline, &mut report, &elsewhere);
        let ids: Vec<&str> = outline
            .walk()
            .iter()
            .map(|&(n, _)| outline.nodes[n].fields.id.as_deref().unwrap_or("?"))
            .collect();
        assert_eq!(ids, ["design-2", "design-review", "build-2"]);
        assert_eq!(
            report.skipped[0].message.to_string(),
            "the id `build` is taken by a plan beside the new one; a new one is made"
        );
    }
}
