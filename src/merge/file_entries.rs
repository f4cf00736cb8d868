//! The file's own entries (title, dates, `people`, `defaults`, `x-` keys):
//! the patches that bring theirs's changes in, and their values for the
//! check of the result.

use super::entry::{set_entry, value_text};
use super::merged::{Inputs, Merged};
use super::version::{Version, canonical};
use crate::edit;
use crate::edit::Patch;
use crate::source::yaml::Style;

/// The patches that give the current file the file entries the merge
/// takes from theirs.
pub fn file(inputs: Inputs<'_>, merged: &Merged, cur: &Version) -> Result<Vec<Patch>, String> {
    let mut patches = Vec::new();
    let theirs = inputs.theirs;
    let (Some(cur_root), Some(their_root)) = (cur.root(), theirs.root()) else {
        return Ok(patches);
    };
    let (text, tree) = (cur.text(), cur.tree());
    let failed = |e: edit::EditError| format!("cannot edit the file's fields: {e}");
    for change in &merged.file {
        let (map, their_map, key) = match change.path.as_slice() {
            [key] => (cur_root, their_root, key.as_str()),
            [people, key] if people == "people" => {
                let (Some((_, map)), Some((_, their_map))) = (
                    tree.get(text, cur_root, "people"),
                    theirs.tree().get(theirs.text(), their_root, "people"),
                ) else {
                    return Err("`people` is not a mapping on every side".to_owned());
                };
                (map, their_map, key.as_str())
            }
            _ => continue,
        };
        let current = tree
            .get(text, map, key)
            .map(|(_, v)| canonical(tree, text, v));
        let wanted = theirs
            .tree()
            .get(theirs.text(), their_map, key)
            .map(|(_, v)| canonical(theirs.tree(), theirs.text(), v));
        if current == wanted {
            continue;
        }
        match wanted {
            None => patches.extend(edit::remove_key(text, tree, map, key).map_err(failed)?),
            Some(_) => {
                let in_flow = tree.style(map) == Style::Flow;
                let value = value_text(theirs, their_map, key, in_flow)
                    .ok_or_else(|| format!("cannot write `{key}` of the file on one line"))?;
                patches.extend(set_entry(text, tree, map, key, &value).map_err(failed)?);
            }
        }
    }
    Ok(patches)
}

/// The file's top-level and people entries as canonical values, for the
/// check of the result: `(path, value)`, sorted.
pub fn file_values(v: &Version) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(root) = v.root() else {
        return out;
    };
    let (tree, text) = (v.tree(), v.text());
    for (k, value) in tree.entries(root) {
        let key = tree.text(text, k);
        if key == "tasks" {
            continue;
        }
        out.push((key.to_owned(), canonical(tree, text, value)));
    }
    out.sort();
    out
}
