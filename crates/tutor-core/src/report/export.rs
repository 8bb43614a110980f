//! Exports of recorded answers: CSV (RFC 4180, guarded against formula injection) and JSON.
//!
//! CSV has a header row ([`CSV_HEADER`]), CRLF line ends, and quotes a cell only when it
//! holds a comma, a double quote or a line break (quotes inside are doubled). A cell starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet
//! shows it as text instead of running it as a formula; other control characters become
//! U+FFFD so the output is safe to print on a terminal. Lists and maps (`vars`, `options`,
//! `cites`) are JSON text. Seeds are their decimal digits (read the `quiz_seed` and
//! `case_seed` columns as text: a spreadsheet or pandas reading them as numbers rounds them).
//! JSON is an array of [`Attempt`] objects, one per line, with the stored fields in order;
//! `quiz_seed` and `case_seed` are strings (see [`crate::json`]), and [`read_json`] reads
//! them back as strings or numbers.

use crate::store::Attempt;
pub use crate::time::iso_utc;
use std::borrow::Cow;
use std::io::{self, Write};

/// Reads a JSON export back; seeds may be strings or numbers (exports made before seeds
/// were strings).
pub fn read_json(text: &str) -> serde_json::Result<Vec<Attempt>> {
    serde_json::from_str(text)
}

/// Columns of the CSV export, in order.
pub const CSV_HEADER: [&str; 22] = [
    "at_ms",
    "at_utc",
    "user",
    "course",
    "course_version",
    "question",
    "item",
    "template",
    "unit",
    "quiz_seed",
    "case_seed",
    "vars",
    "options",
    "answer",
    "correct",
    "typo",
    "seconds",
    "mode",
    "drill",
    "cites",
    "timed_out",
    "step",
];

/// Writes the header and one row per attempt.
pub fn write_csv(out: &mut impl Write, attempts: &[Attempt]) -> io::Result<()> {
    write_row(out, &CSV_HEADER.map(str::to_owned))?;
    for a in attempts {
        write_row(out, &row(a))?;
    }
    out.flush()
}

/// Writes a JSON array of the attempts, one object per line.
pub fn write_json(out: &mut impl Write, attempts: &[Attempt]) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, a) in attempts.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, a)?;
    }
    out.write_all(if attempts.is_empty() {
        b"]\n"
    } else {
        b"\n]\n"
    })?;
    out.flush()
}

fn row(a: &Attempt) -> [String; 22] {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    [
        a.at_ms.to_string(),
        iso_utc(a.at_ms),
        a.user.clone(),
        a.course.clone(),
        a.course_version.to_string(),
        a.question.clone(),
        opt(&a.item),
        opt(&a.template),
        a.unit.clone(),
        a.quiz_seed.to_string(),
        a.case_seed.map(|s| s.to_string()).unwrap_or_default(),
        a.vars.as_ref().map(json).unwrap_or_default(),
        json(&a.options),
        a.answer.clone(),
        a.correct.to_string(),
        a.typo.to_string(),
        a.seconds.to_string(),
        a.mode.as_str().to_owned(),
        opt(&a.drill),
        json(&a.cites),
        a.timed_out.to_string(),
        a.step.map(|n| n.to_string()).unwrap_or_default(),
    ]
}

/// JSON text of a list or map.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn write_row(out: &mut impl Write, cells: &[String]) -> io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(csv_cell(c).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// One CSV cell: controls replaced, formula-like text prefixed with `'`, quoted when needed.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains([',', '"', '\n', '\r']);
    if !risky && !quote && !s.contains(control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    if quote {
        out.push('"');
    }
    if risky {
        out.push('\'');
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\"\""),
            c if control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    if quote {
        out.push('"');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Mode;

    fn attempt(answer: &str) -> Attempt {
        Attempt {
            at_ms: 1_800_000_000_123,
            user: "ann".into(),
            course: "mini".into(),
            course_version: 2,
            question: "t1#7".into(),
            item: None,
            template: Some("t1".into()),
            unit: "t1".into(),
            quiz_seed: u64::MAX,
            case_seed: Some(7),
            vars: Some([("age".to_owned(), "58".to_owned())].into()),
            options: vec!["k".into(), "d".into()],
            answer: answer.into(),
            correct: false,
            typo: true,
            seconds: 2.5,
            mode: Mode::Review,
            drill: None,
            cites: vec!["s2".into(), "s3".into()],
            timed_out: false,
            step: None,
        }
    }

    /// RFC 4180 reader: rows of cells, quoted cells unquoted.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
        let (mut quoted, mut chars) = (false, text.chars().peekable());
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => cell.push(c),
            }
        }
        assert!(!quoted && cell.is_empty() && row.is_empty(), "unterminated");
        rows
    }

    fn csv(attempts: &[Attempt]) -> String {
        let mut out = Vec::new();
        write_csv(&mut out, attempts).expect("csv");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn cells_with_commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(csv_cell("plain text"), "plain text");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("cr\r\nlf"), "\"cr\r\nlf\"");
        assert_eq!(csv_cell(""), "");
        assert_eq!(
            csv_cell("bell\u{7}esc\u{1b}[2J"),
            "bell\u{fffd}esc\u{fffd}[2J"
        );
    }

    #[test]
    fn formula_like_cells_are_guarded() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell("a=b"), "a=b", "only a leading sign is risky");
    }

    #[test]
    fn csv_has_a_header_and_parses_back() {
        let answers = ["B", "=1+1", "with, comma", "a \"quote\"\nand a line"];
        let attempts: Vec<Attempt> = answers.iter().map(|a| attempt(a)).collect();
        let text = csv(&attempts);
        let rows = parse(&text);
        assert_eq!(rows.len(), 1 + answers.len(), "{text}");
        assert_eq!(rows[0], CSV_HEADER);
        assert!(rows.iter().all(|r| r.len() == CSV_HEADER.len()));
        let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).expect("column");
        let got: Vec<&str> = rows[1..]
            .iter()
            .map(|r| r[col("answer")].as_str())
            .collect();
        assert_eq!(
            got,
            ["B", "'=1+1", "with, comma", "a \"quote\"\nand a line"]
        );
        let r = &rows[1];
        assert_eq!(r[col("at_utc")], "2027-01-15T08:00:00.123Z");
        assert_eq!(r[col("quiz_seed")], u64::MAX.to_string());
        assert_eq!(r[col("item")], "");
        assert_eq!(r[col("vars")], r#"{"age":"58"}"#);
        assert_eq!(r[col("cites")], r#"["s2","s3"]"#);
        assert_eq!(
            (r[col("correct")].as_str(), r[col("typo")].as_str()),
            ("false", "true")
        );
        assert_eq!(r[col("mode")], "review");
        assert_eq!(r[col("timed_out")], "false");
        assert_eq!(csv(&[]), format!("{}\r\n", CSV_HEADER.join(",")));
    }

    #[test]
    fn json_round_trips() {
        let attempts = vec![attempt("=1+1"), attempt("x\ny \"z\"")];
        let mut out = Vec::new();
        write_json(&mut out, &attempts).expect("json");
        let text = String::from_utf8(out).expect("utf-8");
        let back = read_json(&text).expect("parses");
        assert_eq!(back, attempts);
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(v[0]["quiz_seed"], u64::MAX.to_string(), "{text}");
        assert_eq!(v[0]["case_seed"], "7");
        // Exports made when seeds were numbers still read.
        let old = text
            .replace(
                &format!("\"quiz_seed\":\"{}\"", u64::MAX),
                &format!("\"quiz_seed\":{}", u64::MAX),
            )
            .replace("\"case_seed\":\"7\"", "\"case_seed\":7");
        assert!(!old.contains("_seed\":\""), "{old}");
        assert_eq!(read_json(&old).expect("old export"), attempts);
        let mut empty = Vec::new();
        write_json(&mut empty, &[]).expect("json");
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn utc_times_are_iso_8601() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59.999Z");
    }
}
