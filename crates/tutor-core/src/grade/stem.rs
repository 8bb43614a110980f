//! A small suffix stripper for English inflections, so that "therapies", "minimizing" and
//! "fractures" match "therapy", "minimize" and "fracture" without listing every form.
//!
//! It is deliberately not a full stemmer (no derivational suffixes: "improvement" and
//! "improving" stay apart): inflection changes the form of a word, not what the answer says.
//! Both the typed and the known words are stemmed, so stems only need to agree, not to be
//! real words. One pass over the word, no allocation beyond the result.

/// Words shorter than this (in chars) are left as they are: "is", "was", "bus".
const MIN_LEN: usize = 4;

/// The stem of `word` (lower case, as normalized): plural `-s`/`-es`/`-ies`, `-ing` and `-ed`
/// removed, a doubled final consonant undoubled ("stopped"), a final silent `-e` dropped
/// ("minimize" and "minimizing" both give "minimiz"). Words with digits are left alone.
pub fn stem(word: &[char]) -> Vec<char> {
    if word.len() < MIN_LEN || word.iter().any(|c| c.is_numeric()) {
        return word.to_vec();
    }
    let mut w = word.to_vec();
    if strip_plural(&mut w) {
        drop_final_e(&mut w);
        return w;
    }
    if strip_verb_ending(&mut w) {
        undouble(&mut w);
    }
    drop_final_e(&mut w);
    w
}

fn ends_with(w: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    w.len() >= n && w[w.len() - n..].iter().copied().eq(suffix.chars())
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// `-ies` to `-y`, `-sses` to `-ss`, `-es` after s/x/z/ch/sh, else a final `-s` (not `-ss`,
/// `-us`, `-is`: "less", "virus", "metastasis"). Whether a plural ending was removed.
fn strip_plural(w: &mut Vec<char>) -> bool {
    if ends_with(w, "ies") && w.len() > MIN_LEN {
        w.truncate(w.len() - 3);
        w.push('y');
        return true;
    }
    if ends_with(w, "sses") {
        w.truncate(w.len() - 2);
        return true;
    }
    let sibilant_es = ["ses", "xes", "zes", "ches", "shes"]
        .iter()
        .any(|s| ends_with(w, s));
    if sibilant_es && w.len() > MIN_LEN {
        w.truncate(w.len() - 2);
        return true;
    }
    if ends_with(w, "s") && !["ss", "us", "is"].iter().any(|s| ends_with(w, s)) {
        w.pop();
        return true;
    }
    false
}

/// `-ing` or `-ed` when a vowel stays before it ("bring", "need" and "red" are kept).
fn strip_verb_ending(w: &mut Vec<char>) -> bool {
    for suffix in ["ing", "ed"] {
        let n = suffix.len();
        if ends_with(w, suffix) && !ends_with(w, "eed") && w.len() >= n + 3 {
            let rest = &w[..w.len() - n];
            if rest.iter().copied().any(is_vowel) {
                w.truncate(w.len() - n);
                return true;
            }
        }
    }
    false
}

/// "stopp" to "stop", but "fill", "pass" and "buzz" keep theirs.
fn undouble(w: &mut Vec<char>) {
    if let [.., a, b] = w[..]
        && a == b
        && !is_vowel(a)
        && !matches!(a, 'l' | 's' | 'z')
    {
        w.pop();
    }
}

/// A final `-e` after a consonant, on stems long enough to keep a vowel ("care" to "car",
/// "minimize" to "minimiz"), so that "-ed"/"-ing" forms meet the base form.
fn drop_final_e(w: &mut Vec<char>) {
    if w.len() >= MIN_LEN && ends_with(w, "e") && !is_vowel(w[w.len() - 2]) {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn s(w: &str) -> String {
        stem(&w.chars().collect::<Vec<_>>()).into_iter().collect()
    }

    #[test]
    fn inflections_meet_their_base_form() {
        for (forms, want) in [
            (&["therapy", "therapies"][..], "therapy"),
            (&["fracture", "fractures"], "fractur"),
            (&["treatment", "treatments"], "treatment"),
            (
                &["minimize", "minimizes", "minimized", "minimizing"],
                "minimiz",
            ),
            (&["reduce", "reduces", "reduced", "reducing"], "reduc"),
            (&["improve", "improved", "improving"], "improv"),
            (&["approach", "approaches"], "approach"),
            (&["stop", "stopped", "stopping"], "stop"),
            (&["irradiation", "irradiations"], "irradiation"),
            (&["dose", "doses", "dosing"], "dos"),
        ] {
            for f in forms {
                assert_eq!(s(f), want, "{f}");
            }
        }
    }

    #[test]
    fn short_words_numbers_and_look_alikes_are_kept() {
        for w in [
            "less",
            "virus",
            "metastasis",
            "need",
            "bring",
            "red",
            "cmf",
            "5-fu",
            "10%",
        ] {
            assert_eq!(s(w), w.trim_end_matches('e'), "{w}");
        }
        assert_eq!(s("fill"), "fill");
        assert_eq!(s("filled"), "fill");
        assert_eq!(s("taxol"), "taxol");
        assert_eq!(s(""), "");
        assert_eq!(s("ies"), "ies");
    }
}
