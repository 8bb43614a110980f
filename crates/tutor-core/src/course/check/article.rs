//! "a 89-year-old": an indefinite article that does not fit the sound of the next word. Read
//! as it is said: "an 8", "an 11", "an 18", "an 80" to "an 89", "an 800"; "an MRI", "an x-ray";
//! "a one-off", "a university", "an hour". Words whose sound cannot be told from their
//! spelling ("herb", "utter"/"utility") are left alone.

use std::borrow::Cow;

/// How a word starts when said aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sound {
    Vowel,
    Consonant,
}

/// Starts of words said with a consonant although spelled with a vowel.
const CONSONANT_STARTS: &[&str] = &[
    "one", "once", "uni", "use", "usi", "usu", "uti", "ute", "uto", "ura", "ure", "uri", "uro",
    "ubi", "eu", "ewe",
];

/// Starts of "uni" words said with a vowel ("unimportant", "uninformed").
const VOWEL_UNI: &[&str] = &["unim", "unin", "unid"];

/// Starts of words said with a vowel although spelled with a consonant (silent h).
const VOWEL_STARTS: &[&str] = &["hour", "honest", "honor", "honour", "heir"];

/// Starts whose sound varies by word or by speaker.
const UNSURE_STARTS: &[&str] = &["herb", "u"];

/// Letters whose names start with a vowel sound: "an F", "an MRI", "an x-ray".
const VOWEL_LETTERS: &str = "aefhilmnorsx";

/// The sound a number starts with: "eight", "eleven", "eighteen", "eighty", "eight hundred",
/// "eleven thousand" start with a vowel.
fn number_sound(digits: &str) -> Sound {
    let lead = match digits.len() % 3 {
        0 => 3,
        n => n,
    };
    let group = &digits[..lead.min(digits.len())];
    if group.starts_with('8') || group == "11" || group == "18" {
        Sound::Vowel
    } else {
        Sound::Consonant
    }
}

fn letter_sound(c: char) -> Sound {
    if VOWEL_LETTERS.contains(c.to_ascii_lowercase()) {
        Sound::Vowel
    } else {
        Sound::Consonant
    }
}

/// The sound `word` starts with, when its spelling tells.
pub fn sound(word: &str) -> Option<Sound> {
    let head: &str = word
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let first = head.chars().next()?;
    if first.is_ascii_digit() {
        let digits: String = head.chars().take_while(char::is_ascii_digit).collect();
        return Some(number_sound(&digits));
    }
    if !head.is_ascii() {
        return None;
    }
    let upper = head.chars().filter(char::is_ascii_uppercase).count();
    let letters = head.len() == 1 || (upper == head.len() && head.len() <= 3);
    if letters {
        return Some(letter_sound(first));
    }
    if upper == head.len() {
        // A longer acronym may be said as a word ("NATO") or letter by letter.
        return None;
    }
    let lower = head.to_ascii_lowercase();
    let starts = |list: &[&str]| list.iter().any(|s| lower.starts_with(s));
    if starts(VOWEL_UNI) || starts(VOWEL_STARTS) {
        return Some(Sound::Vowel);
    }
    if starts(CONSONANT_STARTS) {
        return Some(Sound::Consonant);
    }
    if starts(UNSURE_STARTS) && !starts(&["un", "um", "up", "ul", "ug"]) {
        return None;
    }
    Some(if "aeiou".contains(first.to_ascii_lowercase()) {
        Sound::Vowel
    } else {
        Sound::Consonant
    })
}

/// Whether article `a` ("a" or "an", any case) fits a word starting with `s`.
fn fits(article: &str, s: Sound) -> bool {
    article.eq_ignore_ascii_case("an") == (s == Sound::Vowel)
}

/// What follows an article: a word, or a placeholder's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next<'a> {
    Word(&'a str),
    Placeholder(&'a str),
}

const OPENING: [char; 5] = ['"', '\'', '(', '\u{201c}', '\u{2018}'];

/// Every indefinite article of `text` with what follows it: "a" or "an" as a word of its own,
/// and "A"/"An" where a sentence starts (elsewhere a capital A is a label: "vitamin A").
pub fn articles(text: &str) -> Vec<(&str, Next<'_>)> {
    let base = text.as_ptr() as usize;
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    for (k, tok) in tokens.iter().enumerate() {
        let at = tok.as_ptr() as usize - base;
        let word = tok.trim_start_matches(OPENING);
        let article = match word {
            "a" | "an" => word,
            "A" | "An" if starts_sentence(&text[..at]) => word,
            _ => continue,
        };
        let Some(next) = tokens.get(k + 1) else {
            continue;
        };
        let next = next.trim_start_matches(OPENING);
        match next.strip_prefix("{{") {
            Some(rest) => {
                if let Some(end) = rest.find("}}") {
                    found.push((article, Next::Placeholder(rest[..end].trim())));
                }
            }
            None => found.push((article, Next::Word(next))),
        }
    }
    found
}

/// Whether a token after `before` starts a sentence.
fn starts_sentence(before: &str) -> bool {
    let t = before
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}']);
    t.is_empty() || t.ends_with(['.', '!', '?', ':', ';'])
}

/// The articles of `text` that do not fit the word after them, as `"a 89-year-old"`. After an
/// article, a placeholder is checked against `values(name)`: each (value, text it stands for);
/// the first that does not fit is reported, with how many others do not either.
pub fn misfits<'v>(
    text: &str,
    values: impl Fn(&str) -> Vec<(Cow<'v, str>, Cow<'v, str>)>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (article, next) in articles(text) {
        match next {
            Next::Word(w) => {
                if sound(w).is_some_and(|s| !fits(article, s)) {
                    let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                    out.push(format!("\"{article} {w}\""));
                }
            }
            Next::Placeholder(name) => {
                let all = values(name);
                let mut bad = all
                    .iter()
                    .filter(|(_, text)| sound(text).is_some_and(|s| !fits(article, s)));
                let Some((value, shown)) = bad.next() else {
                    continue;
                };
                let word = shown.split_whitespace().next().unwrap_or("");
                let more = match bad.count() {
                    0 => String::new(),
                    n => format!(" (and {n} more of its values)"),
                };
                out.push(format!(
                    "\"{article} {{{{{name}}}}}\" reads \"{article} {word}\" when {name} is {value}{more}"
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<String> {
        misfits(text, |_| Vec::new())
    }

    #[test]
    fn numbers_are_read_as_said() {
        for n in [
            "8", "11", "18", "80", "89", "800", "8000", "11000", "18000", "8.5",
        ] {
            assert_eq!(sound(n), Some(Sound::Vowel), "{n}");
        }
        for n in [
            "1",
            "10",
            "110",
            "180",
            "1100",
            "58",
            "100",
            "5-fluorouracil",
        ] {
            assert_eq!(sound(n), Some(Sound::Consonant), "{n}");
        }
    }

    #[test]
    fn letters_and_words_are_read_as_said() {
        for w in [
            "MRI",
            "x-ray",
            "X-ray",
            "ER",
            "IV",
            "hour",
            "honest",
            "uninformed",
            "unusual",
            "oncogene",
            "apple",
        ] {
            assert_eq!(sound(w), Some(Sound::Vowel), "{w}");
        }
        for w in [
            "CT",
            "CMF",
            "one-off",
            "once",
            "university",
            "unique",
            "usual",
            "European",
            "woman",
            "year",
        ] {
            assert_eq!(sound(w), Some(Sound::Consonant), "{w}");
        }
        for w in ["herb", "utter", "urgent", "NATO", "Ärztin"] {
            assert_eq!(sound(w), None, "{w}");
        }
    }

    #[test]
    fn articles_that_do_not_fit_are_found() {
        assert_eq!(plain("A 89-year-old woman"), ["\"A 89-year-old\""]);
        assert_eq!(
            plain("She is an 58-year-old woman."),
            ["\"an 58-year-old\""]
        );
        assert_eq!(plain("It shows a MRI finding and an x-ray."), ["\"a MRI\""]);
        assert_eq!(
            plain("Take \"a\" (\"an apple\") in a hour."),
            ["\"a hour\""]
        );
        assert!(plain("An 80-year-old woman has an MRI, a CT and a one-off dose.").is_empty());
        // A capital A inside a sentence is a label, not an article.
        assert!(plain("Give vitamin A orally.").is_empty());
        assert!(plain("The end: a").is_empty());
    }

    #[test]
    fn placeholders_are_checked_against_every_value() {
        let ages = |name: &str| -> Vec<(Cow<'static, str>, Cow<'static, str>)> {
            assert_eq!(name, "age");
            (78..=82)
                .map(|n: i32| (Cow::Owned(n.to_string()), Cow::Owned(n.to_string())))
                .collect()
        };
        assert_eq!(
            misfits("A {{age}}-year-old woman.", ages),
            ["\"A {{age}}\" reads \"A 80\" when age is 80 (and 2 more of its values)"]
        );
        assert!(misfits("The woman, aged {{age}}.", ages).is_empty());
    }
}
