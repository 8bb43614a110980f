//! The token gate every course YAML text passes before it is parsed: one linear tokenizer pass
//! (yaml-rust2's scanner; no document is built and nothing recurses) that refuses what the
//! course format never needs and what would make parsing slow or unbounded.
//!
//! - **Nesting deeper than [`MAX_DEPTH`]** lists and mappings. libyaml, under serde_yaml, checks
//!   every open flow level on every token, so `[[[[…` or `{a: {a: …` costs time quadratic in
//!   the depth (100,000 `[` under a mapping key: 21 s; 40,000 `{a: `: 6.7 s, release build).
//!   The gate stops at the first level too deep, so it scans at most [`MAX_DEPTH`] open levels
//!   itself.
//! - **Anchors and aliases**: a few lines of aliases can expand into gigabytes.
//! - **Tags** (`!!binary`, `!!str`, `!local`) and `%TAG` directives: they change how a scalar
//!   is read (`!!binary` is decoded silently) and the format has no use for them.
//! - **Keys longer than [`MAX_KEY_CHARS`]**: a key is part of the field path of everything
//!   beneath it, so a 4 MB key over a million values made paths (and `check`'s output) of
//!   terabytes.
//!
//! A text the scanner cannot tokenize is refused here too, with the scanner's located message,
//! so that no part of a text reaches the parser unchecked.

use yaml_rust2::scanner::{Marker, Scanner, TokenType};

/// Deepest nesting of lists and mappings a course file may have. A valid course needs about 6.
pub const MAX_DEPTH: usize = 64;

/// Longest mapping key, in characters: YAML's own limit for a key written without `?`. A longer
/// key (`? ...`) would be repeated in the field path of every value beneath it.
pub const MAX_KEY_CHARS: usize = 1024;

/// Why a text was refused, and where (1-based line and column, in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// For a syntax error: the byte offset where the scanner stopped. The text before it was
    /// checked, so the parser may read that much to describe the error in its own words.
    pub scanned: Option<usize>,
}

impl Refusal {
    fn at(m: Marker, message: String) -> Refusal {
        // Marker lines are 1-based, columns 0-based.
        Refusal {
            line: m.line(),
            column: m.col() + 1,
            message,
            scanned: None,
        }
    }
}

/// Tokenizes `text` once, refusing the first deep nesting, anchor, alias, tag or syntax error.
pub fn check(text: &str) -> Result<(), Refusal> {
    let mut scanner = Scanner::new(text.chars());
    let mut depth = 0usize;
    let mut key_next = false;
    for token in scanner.by_ref() {
        let is_key = std::mem::replace(&mut key_next, matches!(token.1, TokenType::Key));
        let message = match token.1 {
            TokenType::Scalar(_, ref v) if is_key && v.chars().nth(MAX_KEY_CHARS).is_some() => {
                format!("a mapping key may have at most {MAX_KEY_CHARS} characters")
            }
            TokenType::BlockSequenceStart
            | TokenType::BlockMappingStart
            | TokenType::FlowSequenceStart
            | TokenType::FlowMappingStart => {
                depth += 1;
                if depth <= MAX_DEPTH {
                    continue;
                }
                too_deep()
            }
            TokenType::BlockEnd | TokenType::FlowSequenceEnd | TokenType::FlowMappingEnd => {
                depth = depth.saturating_sub(1);
                continue;
            }
            TokenType::Anchor(_) | TokenType::Alias(_) => {
                "YAML anchors and aliases are not allowed in course files (they can multiply content without bound); write the text out".to_owned()
            }
            TokenType::Tag(..) | TokenType::TagDirective(..) => {
                "YAML tags (such as !!binary or !!str) are not allowed in course files; write plain values".to_owned()
            }
            _ => continue,
        };
        return Err(Refusal::at(token.0, message));
    }
    match scanner.get_error() {
        // The scanner holds back `[` and `{` while they may start a key, and stops at 255 open
        // flow levels: such a text is refused there, as too deep.
        Some(e) if e.info() == "recursion limit exceeded" => {
            Err(Refusal::at(*e.marker(), too_deep()))
        }
        Some(e) => {
            // Marker indexes count characters.
            let at = text
                .char_indices()
                .nth(e.marker().index())
                .map_or(text.len(), |(i, _)| i);
            Err(Refusal {
                scanned: Some(at),
                ..Refusal::at(*e.marker(), e.info().to_owned())
            })
        }
        None => Ok(()),
    }
}

fn too_deep() -> String {
    format!(
        "lists and mappings are nested too deeply (a course file may nest at most {MAX_DEPTH} levels, and needs only a few)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Refusal {
        check(text).expect_err("refused")
    }

    #[test]
    fn plain_course_text_passes() {
        let text = "- id: a\n  cites: [s1, s2]\n  options:\n    - { id: x, why: \"w & *y !z\" }\n";
        assert_eq!(check(text), Ok(()));
    }

    #[test]
    fn nesting_is_refused_at_the_first_level_too_deep() {
        let r = refused(&"- ".repeat(10_000));
        assert_eq!((r.line, r.column), (1, 2 * MAX_DEPTH + 1));
        assert!(r.message.contains("nested too deeply"), "{r:?}");
        // A `[` or `{` that may start a key is held back by the scanner until the key is
        // decided, and the scanner stops at 255 open flow levels: refused there.
        for text in ["[".repeat(10_000), "{a: ".repeat(10_000)] {
            let r = refused(&text);
            assert_eq!(r.line, 1);
            assert!((MAX_DEPTH + 1..=4 * 256).contains(&r.column), "{r:?}");
            assert!(r.message.contains("nested too deeply"), "{r:?}");
        }
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(check(&ok), Ok(()));
    }

    #[test]
    fn anchors_aliases_and_tags_are_refused_where_they_are() {
        assert_eq!((refused("a: &x 1\nb: *x\n").column), 4);
        let r = refused("a: 1\nb: !!binary aGVsbG8=\n");
        assert_eq!((r.line, r.column), (2, 4));
        assert!(r.message.contains("tags"), "{r:?}");
        assert_eq!(refused("- !local x\n").column, 3);
        assert_eq!(refused("%TAG ! tag:x,2000:\n---\na: 1\n").line, 1);
    }

    #[test]
    fn long_keys_are_refused() {
        let key = "k".repeat(MAX_KEY_CHARS);
        assert_eq!(check(&format!("? {key}\n: 1\n")), Ok(()));
        let r = refused(&format!("a: 1\n? {key}k\n: [1, 2]\n"));
        assert_eq!((r.line, r.column), (2, 3));
        assert!(r.message.contains("at most 1024 characters"), "{r:?}");
        // Long values are fine.
        assert_eq!(check(&format!("a: {key}{key}\n")), Ok(()));
    }

    #[test]
    fn syntax_errors_are_located() {
        let text = "a: [1, 2\nb: 3\n";
        let r = refused(text);
        assert!(r.line >= 1 && r.column >= 1, "{r:?}");
        assert!(r.scanned.is_some_and(|at| at <= text.len()), "{r:?}");
    }
}
