//! How a table fits a width: which columns stay, which narrow, and how
//! wide each one is. Pure arithmetic on column widths, so every rule can
//! be tested without a table.

/// How a column gives way when the table must fit a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never cut: codes, ids, numbers, percentages, dates, statuses. The
    /// column is left out whole rather than cut.
    Whole,
    /// Free text (titles, owners): cut with `…`, down to `min` columns,
    /// before any column is left out. Columns of more `weight` keep more
    /// of the room there is.
    GiveWay { min: usize, weight: usize },
}

/// What the layout knows of a column.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The widest cell, header included.
    pub natural: usize,
    /// The header's width: no column is narrower.
    pub header: usize,
    pub fit: Fit,
    /// When the table is too wide, columns are left out in rising order
    /// of `keep` (the rightmost first among equals).
    pub keep: u8,
    /// A whole column may first narrow to this width (keeping its cells'
    /// ends), at this `keep` rank of its own.
    pub narrow: Option<(usize, u8)>,
    /// Spaces around the cells.
    pub padding: usize,
}

/// The width of each column, `None` for a column left out.
pub type Widths = Vec<Option<usize>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Drop(usize),
    Narrow(usize),
}

struct State<'a> {
    specs: &'a [Spec],
    kept: Vec<bool>,
    narrowed: Vec<bool>,
}

impl State<'_> {
    /// The narrowest this column may be as things stand.
    fn least(&self, i: usize) -> usize {
        let spec = &self.specs[i];
        match spec.fit {
            Fit::Whole => match spec.narrow {
                Some((narrow, _)) if self.narrowed[i] => narrow.max(spec.header).min(spec.natural),
                _ => spec.natural,
            },
            Fit::GiveWay { min, .. } => spec.natural.min(min.max(spec.header)),
        }
    }

    fn kept(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.specs.len()).filter(|&i| self.kept[i])
    }

    /// Padding and one separating space between kept columns.
    fn overhead(&self) -> usize {
        let padding: usize = self.kept().map(|i| self.specs[i].padding).sum();
        padding + self.kept().count().saturating_sub(1)
    }

    /// The width of the table with every column at its least.
    fn need(&self) -> usize {
        self.kept().map(|i| self.least(i)).sum::<usize>() + self.overhead()
    }

    fn apply(&mut self, step: Step, on: bool) {
        match step {
            Step::Drop(i) => self.kept[i] = !on,
            Step::Narrow(i) => self.narrowed[i] = on,
        }
    }
}

/// Lays the columns out in `width` columns, or at their natural widths
/// without one.
///
/// Free text gives way first, down to its minimum; then, in the order of
/// `keep`, columns narrow or are left out until the rest fits. The room a
/// wide column frees may be enough for one left out before it: the steps
/// are then undone, most important first, wherever the table still fits.
/// The last column standing is never left out: it is cut to the width
/// when it alone is wider.
pub fn fit(specs: &[Spec], width: Option<usize>) -> Widths {
    let mut state = State {
        specs,
        // An empty column (no header, no text) takes no room.
        kept: specs.iter().map(|s| s.natural > 0).collect(),
        narrowed: vec![false; specs.len()],
    };
    let Some(width) = width else {
        return widths(&state, None);
    };
    let mut steps: Vec<(u8, usize, Step)> = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        steps.push((spec.keep, i, Step::Drop(i)));
        if let Some((_, keep)) = spec.narrow {
            steps.push((keep, i, Step::Narrow(i)));
        }
    }
    // Least kept first; among equals, the rightmost column first.
    steps.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut taken = Vec::new();
    for &(_, i, step) in &steps {
        if state.need() <= width {
            break;
        }
        if !state.kept[i] || (matches!(step, Step::Drop(_)) && state.kept().count() == 1) {
            continue;
        }
        state.apply(step, true);
        taken.push(step);
    }
    for &step in taken.iter().rev() {
        state.apply(step, false);
        if state.need() > width {
            state.apply(step, true);
        }
    }
    widths(&state, Some(width))
}

/// Each kept column's width: whole columns at their least, free text
/// sharing the room left by weight, the narrowest needs met first.
fn widths(state: &State, width: Option<usize>) -> Widths {
    let specs = state.specs;
    let mut out: Widths = vec![None; specs.len()];
    let Some(width) = width else {
        for i in state.kept() {
            out[i] = Some(specs[i].natural);
        }
        return out;
    };
    let room_for_cells = width.saturating_sub(state.overhead());
    let mut room = room_for_cells;
    let mut free = Vec::new();
    for i in state.kept() {
        match specs[i].fit {
            Fit::Whole => {
                let least = state.least(i);
                out[i] = Some(least);
                room = room.saturating_sub(least);
            }
            Fit::GiveWay { weight, .. } => free.push((i, weight.max(1))),
        }
    }
    // A lone column wider than the width is cut: the last resort.
    if let [only] = state.kept().collect::<Vec<_>>()[..]
        && let Some(w) = out[only]
    {
        out[only] = Some(w.min(room_for_cells).max(1));
    }
    free.sort_by_key(|&(i, weight)| specs[i].natural / weight);
    let mut weights: usize = free.iter().map(|&(_, w)| w).sum();
    let mut reserved: usize = free.iter().map(|&(i, _)| state.least(i)).sum();
    for &(i, weight) in &free {
        let least = state.least(i);
        reserved -= least;
        let fair = room * weight / weights.max(1);
        let w = specs[i]
            .natural
            .min(fair.max(least))
            .min(room.saturating_sub(reserved))
            .max(1);
        out[i] = Some(w);
        room = room.saturating_sub(w);
        weights -= weight;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(natural: usize, keep: u8) -> Spec {
        Spec {
            natural,
            header: 2,
            fit: Fit::Whole,
            keep,
            narrow: None,
            padding: 2,
        }
    }

    fn free(natural: usize, min: usize, keep: u8) -> Spec {
        Spec {
            fit: Fit::GiveWay { min, weight: 1 },
            ..whole(natural, keep)
        }
    }

    /// Widths plus padding and separators.
    fn total(specs: &[Spec], widths: &Widths) -> usize {
        let kept: Vec<usize> = (0..specs.len()).filter(|&i| widths[i].is_some()).collect();
        kept.iter()
            .map(|&i| widths[i].unwrap_or(0) + specs[i].padding)
            .sum::<usize>()
            + kept.len().saturating_sub(1)
    }

    #[test]
    fn natural_widths_when_they_fit_or_without_a_width() {
        let specs = [whole(5, 9), free(20, 8, 5), whole(10, 1)];
        let natural = vec![Some(5), Some(20), Some(10)];
        assert_eq!(fit(&specs, None), natural);
        assert_eq!(fit(&specs, Some(43)), natural);
        assert_eq!(fit(&specs, Some(500)), natural);
    }

    #[test]
    fn free_text_gives_way_before_any_column_is_left_out() {
        let specs = [whole(5, 9), free(20, 8, 5), whole(10, 1)];
        assert_eq!(fit(&specs, Some(35)), [Some(5), Some(12), Some(10)]);
        assert_eq!(fit(&specs, Some(31)), [Some(5), Some(8), Some(10)]);
        // One column less than that, and the least kept column goes.
        let narrow = fit(&specs, Some(30));
        assert_eq!(narrow, [Some(5), Some(20), None]);
        assert_eq!(total(&specs, &narrow), 30);
    }

    #[test]
    fn a_column_left_out_comes_back_when_a_wider_one_makes_room() {
        // The progress goes first, then the long id; then the progress
        // fits again.
        let specs = [whole(11, 9), whole(36, 8), free(30, 12, 7), whole(8, 6)];
        assert_eq!(fit(&specs, Some(40)), [Some(11), None, Some(13), Some(8)]);
    }

    #[test]
    fn weights_share_the_room() {
        let mut title = free(40, 8, 5);
        title.fit = Fit::GiveWay { min: 8, weight: 2 };
        let specs = [title, free(40, 6, 4)];
        // 37 columns of room, two thirds for the title.
        assert_eq!(fit(&specs, Some(42)), [Some(24), Some(13)]);
    }

    #[test]
    fn a_column_narrows_before_it_is_left_out() {
        let mut bar = whole(15, 6);
        bar.narrow = Some((6, 3));
        let specs = [whole(5, 9), bar, whole(10, 4)];
        assert_eq!(fit(&specs, Some(38)), [Some(5), Some(15), Some(10)]);
        assert_eq!(fit(&specs, Some(30)), [Some(5), Some(6), Some(10)]);
        assert_eq!(fit(&specs, Some(20)), [Some(5), Some(6), None]);
    }

    #[test]
    fn the_last_column_is_cut_rather_than_left_out() {
        let specs = [whole(20, 9), whole(10, 1)];
        assert_eq!(fit(&specs, Some(12)), [Some(10), None]);
        assert_eq!(fit(&specs, Some(1)), [Some(1), None]);
    }
}
