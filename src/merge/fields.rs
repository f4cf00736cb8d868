//! Field by field: a node both sides kept takes each side's change where
//! the other left the field alone, the same change once, and `tags` and
//! `after` as sets; two different changes of one field are a conflict
//! (ours's value stays). The file's own fields (title, dates, `people`
//! person by person, `defaults`, `x-` keys) merge the same way.

use std::collections::BTreeSet;

use super::conflict::{At, Conflict, Kind, MId, Side};
use super::merged::{Inputs, Lists, Merged, Overrides, TopChange};
use super::version::{Field, Version, canonical};
use crate::plan::NodeId;
use crate::source::yaml::{Kind as YamlKind, NodeIdx};

pub fn merge_fields(inputs: Inputs<'_>, overrides: &Overrides, merged: &mut Merged) {
    let Inputs {
        base, ours, theirs, ..
    } = inputs;
    for m in 0..merged.nodes.len() {
        let node = &merged.nodes[m];
        let (Some(b), Some(o), Some(t)) = (node.base, node.ours, node.theirs) else {
            continue;
        };
        if base.same_own_text(b, theirs, t) {
            continue;
        }
        let ours_same = base.same_own_text(b, ours, o);
        let key = merged.key(m as MId);
        let mut from_theirs = 0;
        let mut lists = Lists::default();
        let mut conflicts = Vec::new();
        for f in Field::ALL {
            if base.same_field(b, theirs, t, f) {
                continue;
            }
            if let Some(reason) = overrides.fields.get(&(key, f)) {
                conflicts.push(
                    Conflict::new(Kind::Invalid, At::Node(m as MId))
                        .field(f.key())
                        .values(base.show(b, f), ours.show(o, f), theirs.show(t, f))
                        .reason(reason.clone()),
                );
                continue;
            }
            if ours_same || base.same_field(b, ours, o, f) {
                from_theirs |= f.bit();
                continue;
            }
            if ours.same_field(o, theirs, t, f) {
                continue;
            }
            if f.is_list() {
                let list = set_merge(&base.list(b, f), &ours.list(o, f), &theirs.list(t, f));
                if list.iter().map(String::as_str).eq(ours.list(o, f)) {
                    continue;
                }
                if list.iter().map(String::as_str).eq(theirs.list(t, f)) {
                    from_theirs |= f.bit();
                    continue;
                }
                match f {
                    Field::Tags => lists.tags = Some(list),
                    _ => lists.after = Some(list),
                }
                continue;
            }
            conflicts.push(
                Conflict::new(Kind::Field, At::Node(m as MId))
                    .field(f.key())
                    .values(base.show(b, f), ours.show(o, f), theirs.show(t, f)),
            );
        }
        let x = merge_x(
            (base, b),
            (ours, o),
            (theirs, t),
            ours_same,
            m as MId,
            &mut conflicts,
        );
        let node = &mut merged.nodes[m];
        node.from_theirs = from_theirs;
        if lists != Lists::default() {
            node.lists = Some(Box::new(lists));
        }
        node.x = x.map(Box::new);
        merged.conflicts.extend(conflicts);
    }
}

/// Ours's list without what theirs removed, then what theirs added.
pub fn set_merge(base: &[&str], ours: &[&str], theirs: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = ours
        .iter()
        .filter(|e| !base.contains(e) || theirs.contains(e))
        .map(|e| (*e).to_owned())
        .collect();
    for e in theirs {
        if !base.contains(e) && !out.iter().any(|o| o == e) {
            out.push((*e).to_owned());
        }
    }
    out
}

/// The node's `x-` keys when theirs changed one: every key the result
/// holds with the side its value comes from; `None` when they are ours's.
fn merge_x(
    (base, b): (&Version, NodeId),
    (ours, o): (&Version, NodeId),
    (theirs, t): (&Version, NodeId),
    ours_same: bool,
    m: MId,
    conflicts: &mut Vec<Conflict>,
) -> Option<Vec<(String, Side)>> {
    if base.same_x(b, theirs, t) {
        return None;
    }
    if ours_same {
        let keys = theirs
            .x_entries(t)
            .into_iter()
            .map(|(k, _)| (k.to_owned(), Side::Theirs))
            .collect();
        return Some(keys);
    }
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    keys.extend(base.x_entries(b).into_iter().map(|(k, _)| k));
    keys.extend(ours.x_entries(o).into_iter().map(|(k, _)| k));
    keys.extend(theirs.x_entries(t).into_iter().map(|(k, _)| k));
    let mut out = Vec::new();
    let mut took_theirs = false;
    for key in keys {
        let (vb, vo, vt) = (
            base.x_value(b, key),
            ours.x_value(o, key),
            theirs.x_value(t, key),
        );
        let side = if vt == vb || vo == vt {
            Side::Ours
        } else if vo == vb {
            took_theirs = true;
            Side::Theirs
        } else {
            conflicts.push(Conflict::new(Kind::Field, At::Node(m)).field(key).values(
                shown(vb.clone()),
                shown(vo.clone()),
                shown(vt.clone()),
            ));
            Side::Ours
        };
        let present = match side {
            Side::Ours => vo.is_some(),
            Side::Theirs => vt.is_some(),
        };
        if present {
            out.push((key.to_owned(), side));
        }
    }
    took_theirs.then_some(out)
}

/// A canonical value as people read it: the text of a scalar.
fn shown(value: Option<String>) -> String {
    match value {
        None => "(none)".to_owned(),
        Some(v) => match v.split_once(':') {
            Some((head, text)) if head.starts_with(['p', 'q']) && !text.is_empty() => {
                text.to_owned()
            }
            _ => "(a structured value)".to_owned(),
        },
    }
}

/// The file's own entries, `tasks` aside: each keeps ours's value unless
/// theirs alone changed it; `people` merges person by person.
pub fn merge_file(inputs: Inputs<'_>, merged: &mut Merged) {
    let Inputs {
        base, ours, theirs, ..
    } = inputs;
    let entries = |v: &Version| -> Vec<(String, NodeIdx)> {
        let Some(root) = v.root() else {
            return Vec::new();
        };
        v.tree()
            .entries(root)
            .map(|(k, val)| (v.tree().text(v.text(), k).to_owned(), val))
            .filter(|(k, _)| k != "tasks")
            .collect()
    };
    let (eb, eo, et) = (entries(base), entries(ours), entries(theirs));
    let value = |v: &Version, list: &[(String, NodeIdx)], key: &str| {
        list.iter()
            .find(|(k, _)| k == key)
            .map(|&(_, val)| canonical(v.tree(), v.text(), val))
    };
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    keys.extend(eb.iter().chain(&eo).chain(&et).map(|(k, _)| k.as_str()));
    for key in keys {
        let people = |v: &Version, list: &[(String, NodeIdx)]| {
            list.iter()
                .find(|(k, _)| k == "people")
                .map(|&(_, val)| val)
                .filter(|&val| v.tree().kind(val) == YamlKind::Mapping)
        };
        if key == "people"
            && let (Some(pb), Some(po), Some(pt)) =
                (people(base, &eb), people(ours, &eo), people(theirs, &et))
        {
            merge_people((base, pb), (ours, po), (theirs, pt), merged);
            continue;
        }
        let (vb, vo, vt) = (
            value(base, &eb, key),
            value(ours, &eo, key),
            value(theirs, &et, key),
        );
        decide(vec![key.to_owned()], vb, vo, vt, merged);
    }
}

fn merge_people(
    (base, pb): (&Version, NodeIdx),
    (ours, po): (&Version, NodeIdx),
    (theirs, pt): (&Version, NodeIdx),
    merged: &mut Merged,
) {
    let persons = |v: &Version, map: NodeIdx| -> Vec<(String, String)> {
        v.tree()
            .entries(map)
            .map(|(k, val)| {
                (
                    v.tree().text(v.text(), k).to_owned(),
                    canonical(v.tree(), v.text(), val),
                )
            })
            .collect()
    };
    let (b, o, t) = (persons(base, pb), persons(ours, po), persons(theirs, pt));
    let get = |list: &[(String, String)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    keys.extend(b.iter().chain(&o).chain(&t).map(|(k, _)| k.as_str()));
    for key in keys {
        decide(
            vec!["people".to_owned(), key.to_owned()],
            get(&b, key),
            get(&o, key),
            get(&t, key),
            merged,
        );
    }
}

/// Three-way on one entry of the file.
fn decide(
    path: Vec<String>,
    vb: Option<String>,
    vo: Option<String>,
    vt: Option<String>,
    merged: &mut Merged,
) {
    if vt == vb || vo == vt {
        return;
    }
    if vo == vb {
        merged.file.push(TopChange {
            set: vt.is_some(),
            path,
        });
        return;
    }
    merged.conflicts.push(
        Conflict::new(Kind::Field, At::File)
            .field(path.join("."))
            .values(shown(vb), shown(vo), shown(vt)),
    );
}

#[cfg(test)]
mod tests {
    use super::set_merge;

    #[test]
    fn lists_merge_as_sets() {
        assert_eq!(
            set_merge(&["a", "b"], &["a", "b", "c"], &["b", "d"]),
            ["b", "c", "d"]
        );
        assert_eq!(set_merge(&[], &["x"], &["x"]), ["x"]);
    }
}
