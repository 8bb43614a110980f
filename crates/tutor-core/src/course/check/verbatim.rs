//! Where a quote stops being a verbatim span of its sentence, said so that the author can fix
//! it at a glance: the longest start of the quote that the sentence has, and what follows it
//! in each.

/// Characters of context shown before the point of difference.
const BEFORE: usize = 24;
/// Characters shown after it, from the quote and from the sentence.
const AFTER: usize = 12;

/// `s` cut to its first `n` characters, with an ellipsis when cut.
fn head(s: &str, n: usize) -> String {
    let mut h: String = s.chars().take(n).collect();
    if h.len() < s.len() {
        h.push('…');
    }
    h
}

/// `s` cut to its last `n` characters, with an ellipsis when cut.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_owned();
    }
    let t: String = s.chars().skip(count - n).collect();
    format!("…{t}")
}

/// Byte length of the longest prefix of `quote`, on a character boundary, that occurs in
/// `sentence`, and where it first occurs. Occurring is monotone in the prefix's length, so
/// a binary search over the boundaries finds it.
fn longest_prefix(quote: &str, sentence: &str) -> (usize, usize) {
    let mut ends: Vec<usize> = quote.char_indices().map(|(i, _)| i).skip(1).collect();
    ends.push(quote.len());
    let (mut lo, mut hi) = (0, ends.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if sentence.contains(&quote[..ends[mid - 1]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let len = if lo == 0 { 0 } else { ends[lo - 1] };
    (len, sentence.find(&quote[..len]).unwrap_or(0))
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why `quote` (a quote or a blank, as `noun` says) is not a span of `sentence`, for a message
/// that already says it is not.
pub fn where_differs(noun: &str, quote: &str, sentence: &str) -> String {
    if quote.is_ascii()
        && sentence.is_ascii()
        && sentence
            .to_ascii_lowercase()
            .contains(&quote.to_ascii_lowercase())
    {
        let at = sentence
            .to_ascii_lowercase()
            .find(&quote.to_ascii_lowercase())
            .unwrap_or(0);
        let span = &sentence[at..at + quote.len()];
        return format!("it differs only in letter case: the sentence has {span:?}");
    }
    let squeezed = squeeze(quote);
    if !squeezed.is_empty() && sentence.contains(&squeezed) {
        return "it differs only in spacing (write single spaces, as the sentence has)".to_owned();
    }
    let (len, at) = longest_prefix(quote, sentence);
    if len == 0 {
        return format!(
            "its first character {:?} is not in the sentence",
            head(quote, 1).trim_end_matches('…')
        );
    }
    let after = &sentence[at + len..];
    let sentence_has = if after.is_empty() {
        "the sentence ends there".to_owned()
    } else {
        format!("sentence has {:?}", head(after, AFTER))
    };
    format!(
        "differs at {:?}: {noun} has {:?}, {sentence_has}",
        tail(&quote[..len], BEFORE),
        head(&quote[len..], AFTER)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "Pathologic fractures are treated with local therapy alone.";

    #[test]
    fn the_longest_matching_start_and_what_follows_are_shown() {
        assert_eq!(
            where_differs("quote", "local treatment alone", S),
            r#"differs at "local t": quote has "reatment alo…", sentence has "herapy alone…""#
        );
        assert_eq!(
            where_differs("quote", "therapy alone, always", S),
            r#"differs at "therapy alone": quote has ", always", sentence has ".""#
        );
        assert_eq!(
            where_differs("quote", "alone. More", S),
            r#"differs at "alone.": quote has " More", the sentence ends there"#
        );
        assert_eq!(
            where_differs("quote", "Zebras", S),
            r#"its first character "Z" is not in the sentence"#
        );
        assert_eq!(
            where_differs(
                "quote",
                "Pathologic fractures are treated with local surgery",
                S
            ),
            r#"differs at "… are treated with local ": quote has "surgery", sentence has "therapy alon…""#
        );
    }

    #[test]
    fn case_and_spacing_are_named() {
        assert_eq!(
            where_differs("quote", "pathologic fractures", S),
            r#"it differs only in letter case: the sentence has "Pathologic fractures""#
        );
        assert_eq!(
            where_differs("quote", "local  therapy", S),
            "it differs only in spacing (write single spaces, as the sentence has)"
        );
    }

    #[test]
    fn non_ascii_text_is_cut_on_character_boundaries() {
        let s = "Les métastases cérébrales répondent.";
        assert_eq!(
            where_differs("quote", "métastases osseuses", s),
            r#"differs at "métastases ": quote has "osseuses", sentence has "cérébrales r…""#
        );
    }

    #[test]
    fn quote_and_blank_errors_say_where_they_differ() {
        use crate::course::check::{ITEMS, testing};
        let items = testing::ITEMS
            .replace(
                "quotes: [{ sentence: s1, text: \"local therapy alone\" }]",
                "quotes: [{ sentence: s1, text: \"local treatment alone\" }]",
            )
            .replace("blank: \"local therapy\"", "blank: \"local Therapy\"");
        let found = testing::diagnostics(&[(ITEMS, &items)]);
        assert!(
            found.iter().any(|d| d.ends_with(
                "quote \"local treatment alone\" is not verbatim in sentence s1: differs at \"local t\": quote has \"reatment alo…\", sentence has \"herapy alone…\""
            )),
            "{found:?}"
        );
        assert!(
            found.iter().any(|d| d.ends_with(
                "blank \"local Therapy\" is not verbatim in sentence s1: it differs only in letter case: the sentence has \"local therapy\""
            )),
            "{found:?}"
        );
    }
}
