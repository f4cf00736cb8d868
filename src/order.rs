//! Order within a sequence, for `diff` (which tasks moved among their
//! siblings) and `merge` (which tasks stay where they are when a list is
//! refilled): one longest increasing subsequence.

/// For each value, whether it is in one longest strictly increasing
/// subsequence of `values` (patience sorting, O(n log n)).
pub fn longest_increasing<T: Ord>(values: &[T]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, value) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < *value);
        previous[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut inside = vec![false; values.len()];
    let mut current = tails.last().copied();
    while let Some(i) = current {
        inside[i] = true;
        current = previous[i];
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn one_longest_run_is_marked() {
        assert_eq!(longest_increasing::<u32>(&[]), Vec::<bool>::new());
        assert_eq!(longest_increasing(&[1, 2, 3]), [true, true, true]);
        assert_eq!(longest_increasing(&[2, 1, 3]), [false, true, true]);
        assert_eq!(longest_increasing(&[5, 1, 2, 3]), [false, true, true, true]);
        assert_eq!(longest_increasing(&[1, 1]), [false, true]);
    }
}
