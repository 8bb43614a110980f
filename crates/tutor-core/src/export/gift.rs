//! Moodle GIFT: one question per item or case variant, for Question bank → Import → GIFT.
//!
//! Each lesson's questions follow a `$CATEGORY: tutor/<course id>/<lesson id>` line. A question
//! is `::<id>::[plain]<stem>\n\n<lead-in> {` and one answer per line, then `####` and the
//! general feedback (the explanation and the cited sentences verbatim), then `}`:
//!
//! - `single_best` and cases: `=right#why` and `~wrong#why`;
//! - `multi_select`: `~%w%right#why` with `w` = 100 / number of right options, and
//!   `~%-100%wrong#why` (Moodle's multiple-answer convention; no `=`, so Moodle allows several
//!   answers);
//! - `true_false`: `{TRUE}` or `{FALSE}` (the course has no per-answer feedback for these);
//! - `short_answer`: `=accepted` per accepted answer and `=%0%wrong#why` per known wrong answer;
//! - `cloze`: a short answer whose text shows the blank as `_____`.
//!
//! Text is escaped as Moodle's own exporter does: `\` `~` `=` `#` `{` `}` `:` get a backslash
//! and a line break becomes `\n`, so no question holds a blank line. In short answers `*` (a
//! wildcard to Moodle) becomes `\*`. Answers and feedback that begin with `[` get a `[plain]`
//! prefix, and answers that begin with `%` an explicit weight, so that neither is misread.

use super::{Bank, explanation_with_sources};
use crate::course::spec::ItemType;
use crate::quiz::Question;
use std::io::{self, Write};

/// GIFT text with every special character escaped and line breaks as `\n`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// An answer or feedback text: escaped, with `[plain]` first when it would otherwise be read
/// as a format marker such as `[html]`.
fn part(s: &str) -> String {
    if s.trim_start().starts_with('[') {
        format!("[plain]{}", escape(s))
    } else {
        escape(s)
    }
}

/// A short-answer answer: `*` is Moodle's wildcard there, so a literal one is `\*`.
fn short_answer(s: &str) -> String {
    part(s).replace('*', "\\*")
}

/// `#feedback`, or nothing when there is none.
fn feedback(why: &str) -> String {
    if why.trim().is_empty() {
        String::new()
    } else {
        format!("#{}", part(why))
    }
}

/// A category path component: `/` separates components, so a literal one is `//`.
fn category_part(s: &str) -> String {
    s.replace(['\n', '\r'], " ").replace('/', "//")
}

/// Moodle's fraction for each of `k` right options, as a percentage with at most 5 decimals
/// (`50`, `33.33333`): Moodle accepts these and checks that they add up to 100.
pub fn weight(k: usize) -> String {
    let w = format!("{:.5}", 100.0 / k.max(1) as f64);
    w.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Writes the whole bank.
pub fn write(out: &mut impl Write, bank: &Bank<'_>) -> io::Result<()> {
    let course = bank.course;
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    writeln!(
        out,
        "// tutor question bank: {} ({} version {})",
        one_line(&course.meta.title),
        one_line(&course.meta.id),
        course.meta.version
    )?;
    writeln!(
        out,
        "// Source: {}. {}",
        one_line(&course.meta.source.title),
        one_line(&course.meta.source.attribution)
    )?;
    writeln!(out, "// {}", one_line(&course.meta.source.note))?;
    writeln!(
        out,
        "// Case samples: up to {} per template, export seed {}",
        bank.cases_per_template, bank.seed
    )?;
    let root = format!("tutor/{}", category_part(&course.meta.id));
    for section in &bank.sections {
        if section.entries.is_empty() {
            continue;
        }
        match &section.lesson {
            Some(l) => write!(out, "\n$CATEGORY: {root}/{}\n", category_part(l))?,
            None => write!(out, "\n$CATEGORY: {root}\n")?,
        }
        for e in &section.entries {
            out.write_all(b"\n")?;
            out.write_all(question(bank, &e.question).as_bytes())?;
        }
    }
    out.flush()
}

/// One question, ending with a line break.
pub fn question(bank: &Bank<'_>, q: &Question) -> String {
    let mut s = format!(
        "::{}::[plain]{} {{\n",
        escape(&q.id),
        escape(&super::question_text(q))
    );
    match q.kind {
        ItemType::SingleBest => {
            for o in &q.options {
                let text = part(&o.text);
                let mark = match (o.correct, text.starts_with('%')) {
                    (true, _) => "=",
                    (false, true) => "~%0%",
                    (false, false) => "~",
                };
                s += &format!("\t{mark}{text}{}\n", feedback(&o.why));
            }
        }
        ItemType::MultiSelect => {
            let right = weight(q.key().len());
            for o in &q.options {
                let w = if o.correct { right.as_str() } else { "-100" };
                s += &format!("\t~%{w}%{}{}\n", part(&o.text), feedback(&o.why));
            }
        }
        ItemType::TrueFalse => {
            let answer = q.options.iter().find(|o| o.correct).map(|o| o.id.as_str());
            s += if answer == Some("true") {
                "\tTRUE\n"
            } else {
                "\tFALSE\n"
            };
        }
        ItemType::ShortAnswer | ItemType::Cloze => {
            let free = q.free.clone().unwrap_or_default();
            let mut seen = Vec::new();
            for a in &free.accept {
                if seen.contains(&a) {
                    continue;
                }
                seen.push(a);
                let text = short_answer(a);
                let weight = if text.starts_with('%') { "%100%" } else { "" };
                s += &format!("\t={weight}{text}\n");
            }
            for w in &free.wrong {
                s += &format!("\t=%0%{}{}\n", short_answer(&w.answer), feedback(&w.why));
            }
        }
    }
    s += &format!(
        "\t####{}\n}}\n",
        part(&explanation_with_sources(bank.course, q))
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character_and_line_breaks() {
        assert_eq!(
            escape("a~b=c#d{e}f:g\\h\ni"),
            "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
        );
        assert_eq!(part("[html] x"), "[plain][html] x");
        assert_eq!(short_answer("5*2"), "5\\*2");
    }

    #[test]
    fn weights_add_up_to_one_hundred() {
        assert_eq!(weight(1), "100");
        assert_eq!(weight(2), "50");
        assert_eq!(weight(3), "33.33333");
        assert_eq!(weight(6), "16.66667");
        for k in 1..=10 {
            let sum: f64 = weight(k).parse::<f64>().expect("number") * k as f64;
            assert!((sum - 100.0).abs() < 0.001, "{k}: {sum}");
        }
    }
}
