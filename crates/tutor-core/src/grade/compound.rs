//! Answers of several parts, "surgery followed by radiotherapy" or "surgery, irradiation":
//! a teacher marks each part, so the matcher judges each part on its own.

use super::text::normalize_words;

/// Words that join the parts of an answer; consecutive ones ("and then", "and/or") make one
/// break.
const JOINERS: [&[&str]; 5] = [&["followed", "by"], &["and"], &["or"], &["then"], &["plus"]];

/// One part of a typed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// What joined it to the part before, normalized (`followed by`, `,`); empty for the first.
    pub joiner: String,
    /// The part, normalized as a whole answer is (a leading article dropped).
    pub text: String,
}

/// The parts of `typed`, split at commas, semicolons, `&`, `+` and `/` (not inside a number:
/// "6,5") and at the joining words. Empty parts are left out; one part means the answer has
/// none. Linear in the length of `typed`.
pub fn split(typed: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    // Joining words read since the last part.
    let mut joiner: Vec<&str> = Vec::new();
    for chunk in chunks(typed) {
        let words = normalize_words(chunk);
        let mut current: Vec<&str> = Vec::new();
        let mut w = 0;
        while w < words.len() {
            let rest = &words[w..];
            match JOINERS.iter().find(|j| starts_with(rest, j)) {
                Some(j) => {
                    push_part(&mut parts, &mut current, &mut joiner);
                    joiner.extend_from_slice(j);
                    w += j.len();
                }
                None => {
                    current.push(&words[w]);
                    w += 1;
                }
            }
        }
        push_part(&mut parts, &mut current, &mut joiner);
    }
    parts
}

fn starts_with(words: &[String], joiner: &[&str]) -> bool {
    words.len() >= joiner.len() && words.iter().zip(joiner).all(|(w, j)| w == j)
}

/// Ends the part being read, if it has words: joined by the joining words read before it,
/// or by `,` when only a separator came between.
fn push_part(parts: &mut Vec<Part>, current: &mut Vec<&str>, joiner: &mut Vec<&str>) {
    if current.is_empty() {
        return;
    }
    let start = match current.as_slice() {
        [article, _, ..] if matches!(*article, "a" | "an" | "the") => 1,
        _ => 0,
    };
    let joiner_text = match (parts.is_empty(), joiner.is_empty()) {
        (true, _) => String::new(),
        (false, true) => ",".to_owned(),
        (false, false) => joiner.join(" "),
    };
    parts.push(Part {
        joiner: joiner_text,
        text: current[start..].join(" "),
    });
    joiner.clear();
    current.clear();
}

/// `typed` cut at separator characters, except a `,` or `/` between two digits.
fn chunks(typed: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev = ' ';
    let mut chars = typed.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let in_number = matches!(c, ',' | '/') && prev.is_numeric() && next.is_numeric();
        if matches!(c, ',' | ';' | '&' | '+' | '/') && !in_number {
            out.push(&typed[start..i]);
            start = i + c.len_utf8();
        }
        prev = c;
    }
    out.push(&typed[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(typed: &str) -> Vec<(String, String)> {
        split(typed)
            .into_iter()
            .map(|p| (p.joiner, p.text))
            .collect()
    }

    fn p(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(j, t)| (j.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn splits_at_joining_words_and_separators() {
        assert_eq!(
            parts("Surgery followed by the radiotherapy."),
            p(&[("", "surgery"), ("followed by", "radiotherapy")])
        );
        assert_eq!(
            parts("surgery, irradiation; or fixation"),
            p(&[("", "surgery"), (",", "irradiation"), ("or", "fixation")])
        );
        assert_eq!(
            parts("surgery and then radiotherapy & chemo"),
            p(&[
                ("", "surgery"),
                ("and then", "radiotherapy"),
                (",", "chemo")
            ])
        );
        assert_eq!(
            parts("surgery, and irradiation"),
            p(&[("", "surgery"), ("and", "irradiation")])
        );
        assert_eq!(parts("surgery and/or irradiation").len(), 2);
        assert_eq!(parts("surgery plus irradiation").len(), 2);
    }

    #[test]
    fn numbers_and_lone_answers_stay_whole() {
        assert_eq!(parts("6,5 mg"), p(&[("", "6,5 mg")]));
        assert_eq!(parts("6/9 months"), p(&[("", "6 9 months")]));
        assert_eq!(parts("local therapy"), p(&[("", "local therapy")]));
        assert_eq!(parts("surgery or"), p(&[("", "surgery")]));
        assert_eq!(parts(" , and or ;"), p(&[]));
        assert_eq!(parts(""), p(&[]));
    }
}
