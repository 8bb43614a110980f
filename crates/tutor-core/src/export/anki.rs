//! Anki notes as a tab-separated text file, for File → Import (Anki 2.1.55 or newer reads the
//! header lines; older versions need the same settings chosen by hand).
//!
//! The header says: tab separator, fields are plain text (Anki escapes `<` `>` `&`; recent
//! versions turn line breaks into `<br>`), the note type `Basic`, the third column holds tags,
//! and every note also gets the course id as a tag. Then one row per question with three fields:
//!
//! 1. front: stem, lead-in and the options as `A) ...` lines in the order exported;
//! 2. back: the correct answer, the explanation and each cited sentence verbatim
//!    (`Source sN: ...`);
//! 3. tags: every lesson that lists the question, whitespace replaced by `_`.
//!
//! A field that holds a tab, a line break or a double quote, or starts with `#` (a comment to
//! Anki), is put in double quotes with inner quotes doubled, as Anki's CSV reader expects.

use super::{Bank, explanation_with_sources, question_text};
use crate::course::spec::ItemType;
use crate::quiz::Question;
use crate::text::letter;
use std::io::{self, Write};

/// Written before the rows.
pub const HEADER: [&str; 4] = [
    "#separator:tab",
    "#html:false",
    "#notetype:Basic",
    "#tags column:3",
];

/// An Anki tag: whitespace separates tags, so it becomes `_`.
pub fn tag(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// One field, quoted when Anki's CSV reader would otherwise split or skip it.
pub fn field(s: &str) -> String {
    if s.contains(['\t', '\n', '\r', '"']) || s.starts_with('#') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Writes the header and one note per question.
pub fn write(out: &mut impl Write, bank: &Bank<'_>) -> io::Result<()> {
    for line in HEADER {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "#tags:{}", tag(&bank.course.meta.id))?;
    for e in bank.entries() {
        let tags: Vec<String> = e.lessons.iter().map(|l| tag(l)).collect();
        writeln!(
            out,
            "{}\t{}\t{}",
            field(&front(&e.question)),
            field(&back(bank, &e.question)),
            field(&tags.join(" "))
        )?;
    }
    out.flush()
}

/// The question side: stem, lead-in and lettered options.
pub fn front(q: &Question) -> String {
    let mut s = question_text(q);
    if q.kind == ItemType::SingleBest || q.kind == ItemType::MultiSelect {
        s.push('\n');
        for (i, o) in q.options.iter().enumerate() {
            s += &format!("\n{}) {}", letter(i), o.text);
        }
    }
    if q.kind == ItemType::MultiSelect {
        s += "\n\n(Select all that apply.)";
    }
    s
}

/// The answer side: the key, the explanation, the cited sentences verbatim.
pub fn back(bank: &Bank<'_>, q: &Question) -> String {
    let answer = match (q.kind, &q.free) {
        (ItemType::TrueFalse, _) => {
            let right = q.options.iter().find(|o| o.correct);
            format!("Answer: {}", right.map_or("", |o| o.text.as_str()))
        }
        (_, Some(free)) => {
            let mut accepted: Vec<&str> = Vec::new();
            for a in &free.accept {
                if !accepted.contains(&a.as_str()) {
                    accepted.push(a);
                }
            }
            let mut s = format!("Answer: {}", accepted.first().copied().unwrap_or(""));
            if accepted.len() > 1 {
                s += &format!("\nAlso accepted: {}", accepted[1..].join("; "));
            }
            s
        }
        (_, None) => {
            let key: Vec<String> = q
                .key()
                .into_iter()
                .map(|i| format!("{}) {}", letter(i), q.options[i].text))
                .collect();
            let label = if key.len() == 1 { "Answer" } else { "Answers" };
            format!("{label}: {}", key.join("; "))
        }
    };
    format!("{answer}\n\n{}", explanation_with_sources(bank.course, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_fields_that_need_it() {
        assert_eq!(field("plain text"), "plain text");
        assert_eq!(field("a\tb"), "\"a\tb\"");
        assert_eq!(field("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
        assert_eq!(field("#1 choice"), "\"#1 choice\"");
        assert_eq!(tag("lesson one\tb"), "lesson_one_b");
    }
}
