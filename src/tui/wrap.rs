//! Word wrapping by display width into styled lines, so scroll limits are exact and quoted
//! spans keep their highlight across line breaks.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Byte ranges of `text`'s lines wrapped at `width` columns: breaks at spaces, splits words
/// longer than a line, and starts a new line at each `\n`.
pub fn ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut base = 0;
    for para in text.split('\n') {
        // The line being filled: byte range in `para` and its width.
        let mut line: Option<(usize, usize, usize)> = None;
        let mut pos = 0;
        for word in para.split(' ') {
            let (start, end) = (pos, pos + word.len());
            pos = end + 1;
            if word.is_empty() {
                continue;
            }
            let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
            match line {
                Some((s, _, col)) if col + 1 + w <= width => line = Some((s, end, col + 1 + w)),
                _ if w <= width => {
                    if let Some((s, e, _)) = line {
                        out.push(base + s..base + e);
                    }
                    line = Some((start, end, w));
                }
                _ => {
                    // A word wider than a line is cut into line-wide pieces.
                    if let Some((s, e, _)) = line.take() {
                        out.push(base + s..base + e);
                    }
                    let (mut s, mut col) = (start, 0);
                    for (i, c) in word.char_indices() {
                        let cw = c.width().unwrap_or(0);
                        if col + cw > width && col > 0 {
                            out.push(base + s..base + start + i);
                            (s, col) = (start + i, 0);
                        }
                        col += cw;
                    }
                    line = Some((s, end, col));
                }
            }
        }
        let (s, e) = line.map_or((0, 0), |(s, e, _)| (s, e));
        out.push(base + s..base + e);
        base += para.len() + 1;
    }
    out
}

/// `text` wrapped at `width`, each line behind `indent` spaces, styled `base` with the byte
/// ranges in `marks` styled by their own style (later marks win).
pub fn lines(
    text: &str,
    width: usize,
    indent: usize,
    base: Style,
    marks: &[(Range<usize>, Style)],
) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    ranges(text, width.saturating_sub(indent))
        .into_iter()
        .map(|r| {
            let mut spans = vec![Span::raw(pad.clone())];
            let mut at = r.start;
            // Cut the line at every mark boundary inside it.
            let mut cuts: Vec<usize> = marks
                .iter()
                .flat_map(|(m, _)| [m.start, m.end])
                .filter(|&c| c > r.start && c < r.end)
                .collect();
            cuts.push(r.end);
            cuts.sort_unstable();
            cuts.dedup();
            for cut in cuts {
                if cut <= at || !text.is_char_boundary(cut) {
                    continue;
                }
                let style = marks
                    .iter()
                    .rev()
                    .find(|(m, _)| m.start <= at && at < m.end)
                    .map_or(base, |(_, s)| base.patch(*s));
                spans.push(Span::styled(text[at..cut].to_owned(), style));
                at = cut;
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        ranges(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(
            wrapped("local therapies alone, such as surgery", 16),
            ["local therapies", "alone, such as", "surgery"]
        );
        assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrapped("", 10), [""]);
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(wrapped("日本語テキスト", 6), ["日本語", "テキス", "ト"]);
    }

    #[test]
    fn marks_survive_line_breaks() {
        let text = "alpha beta gamma";
        let hl = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let ls = lines(text, 10, 0, Style::new(), &[(6..16, hl)]);
        assert_eq!(ls.len(), 2);
        assert_eq!(
            ls[0]
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>(),
            "alpha beta"
        );
        assert_eq!(
            ls[0].spans.last().map(|s| (s.content.as_ref(), s.style)),
            Some(("beta", hl))
        );
        assert_eq!(
            ls[1].spans.last().map(|s| (s.content.as_ref(), s.style)),
            Some(("gamma", hl))
        );
    }
}
