//! Progress bars for terminals: `█████▌░░░ 56.3%`, or `#####-----` in ASCII.

/// Eighths of a cell, from one to seven.
const PARTIAL: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// A bar of `width` cells filled to `percent` (0–100), in eighths of a
/// cell with Unicode blocks, or in whole cells of `#` and `-` with `ascii`.
pub fn bar(percent: f64, width: usize, ascii: bool) -> String {
    let fraction = (percent / 100.0).clamp(0.0, 1.0);
    let mut out = String::with_capacity(width * 3);
    if ascii {
        let full = (fraction * width as f64).round() as usize;
        out.extend(std::iter::repeat_n('#', full));
        out.extend(std::iter::repeat_n('-', width - full));
        return out;
    }
    let eighths = (fraction * (width * 8) as f64).round() as usize;
    let full = eighths / 8;
    out.extend(std::iter::repeat_n('█', full));
    if full < width {
        let rest = eighths % 8;
        out.push(if rest == 0 { '░' } else { PARTIAL[rest - 1] });
        out.extend(std::iter::repeat_n('░', width - full - 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars() {
        assert_eq!(bar(0.0, 4, false), "░░░░");
        assert_eq!(bar(100.0, 4, false), "████");
        assert_eq!(bar(56.3, 10, false), "█████▋░░░░");
        assert_eq!(bar(55.0, 10, false), "█████▌░░░░");
        assert_eq!(bar(50.0, 10, true), "#####-----");
        assert_eq!(bar(150.0, 3, true), "###");
        assert_eq!(bar(-5.0, 3, false), "░░░");
    }
}
