//! Statistics as plain text, as `tutor stats` prints them: the key figures, one line per lesson
//! and per source sentence with a text bar of the share answered right, and the forecast of
//! due reviews as a bar chart of block characters. Course text passes through [`sanitize`].

use super::stats::{FORECAST_DAYS, Stats};
use crate::course::Course;
use crate::text::sanitize;
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Width of the name column of lesson and sentence lines.
const NAME: usize = 32;
/// Width of the accuracy bars.
const BAR: usize = 10;
/// Widest forecast bar.
const CHART: usize = 30;

/// `width` cells: `█` for the share `fraction` (0 to 1, rounded), `░` for the rest.
pub fn bar(fraction: f32, width: usize) -> String {
    let full = ((fraction.clamp(0.0, 1.0) * width as f32).round() as usize).min(width);
    let mut s = "█".repeat(full);
    s.push_str(&"░".repeat(width - full));
    s
}

/// A bar `value / max` of `width` cells, in eighths of a cell; at least one eighth when the
/// value is not zero, and nothing when it is.
pub fn chart_bar(value: u32, max: u32, width: usize) -> String {
    if value == 0 || max == 0 {
        return String::new();
    }
    let eighths = (u64::from(value) * width as u64 * 8)
        .div_ceil(u64::from(max))
        .max(1);
    let mut s = "█".repeat((eighths / 8) as usize);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[(eighths % 8) as usize]);
    s
}

/// `s` cut (with `…`) or padded with spaces to exactly `width` terminal cells.
fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if s.width() <= width {
        out.push_str(s);
        used = s.width();
    } else {
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// A share as a right-aligned whole percent (the one rounding rule of [`crate::figures`]).
fn percent(share: Option<f32>) -> String {
    let p = share.map(|f| crate::figures::percent(f64::from(f)));
    format!("{:>4}", crate::figures::percent_text(p))
}

/// What the recall column means, under the tables that have one (two lines of 80 columns).
pub const RECALL_MEANS: [&str; 2] = [
    "recall: the chance, predicted by FSRS from your answers, that you will",
    "still know it a week from now (— where nothing was answered yet)",
];

/// One line of the statistics, typed so a screen can style it without parsing text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextLine {
    /// A title or a table's header: may be wrapped.
    Heading(String),
    /// A figure or a table row, indented: keeps its columns, so it is cut, never wrapped.
    Row(String),
    Blank,
}

impl TextLine {
    /// The line as `tutor stats` prints it.
    pub fn text(&self) -> &str {
        match self {
            TextLine::Heading(s) | TextLine::Row(s) => s,
            TextLine::Blank => "",
        }
    }
}

/// One lesson or sentence row: name, bar, accuracy, right/answered, recall.
fn row(name: &str, right: u64, answered: u64, recall: Option<f32>) -> TextLine {
    let share = (answered > 0).then(|| right as f32 / answered as f32);
    let accuracy = crate::figures::percent_text(crate::figures::percent_of(right, answered));
    let counts = format!("{right}/{answered}");
    TextLine::Row(format!(
        "  {} {} {accuracy:>4} {counts:>9} {}",
        fit(name, NAME),
        bar(share.unwrap_or(0.0), BAR),
        percent(recall),
    ))
}

/// Writes the statistics of `user` in `course` as plain lines.
pub fn write_text(out: &mut impl Write, course: &Course, user: &str, st: &Stats) -> io::Result<()> {
    for l in lines(course, user, st) {
        writeln!(out, "{}", l.text())?;
    }
    out.flush()
}

/// The statistics of `user` in `course`, line by line: key figures, lessons, sentences and
/// the forecast chart.
pub fn lines(course: &Course, user: &str, st: &Stats) -> Vec<TextLine> {
    let title = format!(
        "Progress of {} in {}",
        sanitize(user),
        sanitize(&course.meta.title)
    );
    let mut out = vec![TextLine::Heading(title)];
    out.extend(figures(st));
    out.push(TextLine::Blank);
    out.push(TextLine::Heading(table_head("Lessons")));
    let lessons = st.per_lesson.iter();
    out.extend(lessons.map(|l| row(&sanitize(&l.title), l.right, l.answered, l.recall_in_a_week)));
    out.push(TextLine::Blank);
    out.push(TextLine::Heading(table_head("Source sentences")));
    out.extend(sentence_rows(course, st));
    out.extend(RECALL_MEANS.map(|l| TextLine::Row(format!("  {l}"))));
    out.push(TextLine::Blank);
    out.extend(forecast(st));
    out
}

/// The key figures, one row each.
fn figures(st: &Stats) -> Vec<TextLine> {
    let days = if st.streak == 1 { "day" } else { "days" };
    let figures = [
        ("answered", st.answered.to_string()),
        (
            "right",
            format!(
                "{} ({})",
                st.right,
                crate::figures::percent_text(crate::figures::percent_of(st.right, st.answered))
            ),
        ),
        ("streak", format!("{} {days}", st.streak)),
        ("due now", st.due_now.to_string()),
        ("started", format!("{} of {} units", st.started, st.units)),
    ];
    let rows = figures.into_iter();
    rows.map(|(label, value)| TextLine::Row(format!("  {label:<10} {value}")))
        .collect()
}

/// A table's header; column ends: bar at 2 + NAME + 1 + BAR, share 5 further, counts 10,
/// recall 5.
fn table_head(title: &str) -> String {
    let w = 2 + NAME + 1 + BAR;
    format!("{}{:>5} {:>9} recall", fit(title, w), "right", "right/all")
}

/// One row per source sentence: its id and text, then the figures.
fn sentence_rows(course: &Course, st: &Stats) -> Vec<TextLine> {
    let ids = st.per_sentence.iter().map(|s| s.id.width());
    let id_width = ids.max().unwrap_or(0);
    let rows = st.per_sentence.iter().map(|s| {
        let text = course.sentence(&s.id).map_or("", |s| s.text.as_str());
        let id = fit(&sanitize(&s.id), id_width.min(NAME / 2));
        let name = format!("{id} {}", sanitize(text).replace(['\n', '\t'], " "));
        row(&name, s.right, s.answered, s.recall_in_a_week)
    });
    rows.collect()
}

/// The forecast of due reviews: a heading and one bar per day.
fn forecast(st: &Stats) -> Vec<TextLine> {
    let total: u32 = st.forecast.iter().sum();
    let mut out = vec![TextLine::Heading(format!(
        "Reviews due in the next {FORECAST_DAYS} days: {total} (day 0: overdue, due now or within 24 hours)"
    ))];
    let max = st.forecast.iter().copied().max().unwrap_or(0);
    for (day, &n) in st.forecast.iter().enumerate() {
        let bar = chart_bar(n, max, CHART);
        let gap = if bar.is_empty() { "" } else { " " };
        out.push(TextLine::Row(format!("  day {day:>2} │{bar}{gap}{n}")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::stats::{LessonStat, SentenceStat};

    #[test]
    fn bars_fill_by_share_and_chart_bars_by_eighths() {
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(1.2, 4), "████");
        assert_eq!(chart_bar(0, 5, 8), "");
        assert_eq!(chart_bar(5, 5, 8), "████████");
        assert_eq!(chart_bar(1, 2, 3), "█▌");
        assert_eq!(chart_bar(1, 1000, 8), "▏", "never invisible");
    }

    #[test]
    fn names_are_cut_or_padded_to_their_column() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 5), "abcd…");
        assert_eq!(fit("日本語です", 5), "日本…");
        assert_eq!(fit("日本語です", 5).width(), 5);
    }

    #[test]
    fn the_text_shows_figures_lessons_sentences_and_the_forecast() {
        let course = Course::embedded().expect("course");
        let mut forecast = [0; FORECAST_DAYS];
        forecast[0] = 4;
        forecast[3] = 1;
        let st = Stats {
            answered: 5,
            right: 3,
            streak: 1,
            due_now: 2,
            units: 19,
            started: 4,
            per_lesson: vec![LessonStat {
                id: course.lessons[0].id.clone(),
                title: "Goals \u{1b}[31mand prognosis".into(),
                read: true,
                answered: 5,
                right: 3,
                recall_in_a_week: Some(0.92),
            }],
            per_sentence: vec![SentenceStat {
                id: course.sentences()[0].id.clone(),
                answered: 0,
                right: 0,
                recall_in_a_week: None,
            }],
            forecast,
        };
        let mut out = Vec::new();
        write_text(&mut out, &course, "ann", &st).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("  right      3 (60%)"), "{text}");
        assert!(text.contains("  streak     1 day\n"), "{text}");
        assert!(text.contains("4 of 19 units"), "{text}");
        assert!(!text.contains('\u{1b}'), "sanitized");
        let lesson = text
            .lines()
            .find(|l| l.contains("Goals and"))
            .expect("lesson");
        assert!(
            lesson.contains("██████░░░░  60%       3/5  92%"),
            "{lesson}"
        );
        let sentence = format!("  {} ", course.sentences()[0].id);
        let s = text
            .lines()
            .find(|l| l.starts_with(&sentence))
            .expect("sentence");
        assert!(s.ends_with("░░░░░░░░░░    —       0/0    —"), "{s}");
        assert!(
            text.contains(&format!("  day  0 │{} 4\n", "█".repeat(CHART))),
            "{text}"
        );
        assert!(text.contains("  day  1 │0\n"), "{text}");
        assert!(
            text.contains("Reviews due in the next 14 days: 5"),
            "{text}"
        );
        for l in text.lines() {
            assert!(l.width() <= 80, "too wide: {l}");
        }
    }
}
