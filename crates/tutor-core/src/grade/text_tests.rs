//! Tests of the free-text matcher.
use super::*;
use proptest::prelude::*;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn fracture() -> Matcher {
    let syn = vec![
        s(&["irradiation", "radiotherapy", "radiation"]),
        s(&["therapy", "treatment"]),
    ];
    Matcher::new(
        &s(&["local therapy", "surgery", "irradiation"]),
        &s(&["chemotherapy"]),
        &syn,
    )
}

const fn acc(index: usize, typo: bool) -> Verdict {
    Verdict::Accepted { index, typo }
}

#[test]
fn exact_synonyms_and_typos() {
    let m = fracture();
    assert_eq!(m.judge("Irradiation"), acc(2, false));
    assert_eq!(m.judge("radiotherapy"), acc(2, false));
    assert_eq!(m.judge("Local  treatment."), acc(0, false));
    assert_eq!(m.judge("the surgery"), acc(1, false));
    assert_eq!(m.judge("  SURGERY!!! "), acc(1, false));
    assert_eq!(m.judge("ＳＵＲＧＥＲＹ"), acc(1, false));
    assert_eq!(m.judge("surgury"), acc(1, true));
    assert_eq!(m.judge("irradation"), acc(2, true));
    assert_eq!(m.judge("irradiaiton"), acc(2, true)); // transposition = 1 edit
    assert_eq!(m.judge("radiotherapie"), acc(2, true)); // synonyms are fuzzy too
    assert_eq!(m.judge("sx"), Verdict::Unknown);
    assert_eq!(
        m.judge("chemotherapy"),
        Verdict::KnownWrong {
            index: 0,
            typo: false
        }
    );
    assert_eq!(
        m.judge("chemoterapy"),
        Verdict::KnownWrong {
            index: 0,
            typo: true
        }
    );
    assert_eq!(m.judge(""), Verdict::Empty);
    assert_eq!(m.judge(" ?! -- \t"), Verdict::Empty);
}

#[test]
fn digits_exact_and_short_words_strict() {
    let m = Matcher::new(&s(&["6 to 9 months"]), &[], &[]);
    assert_eq!(m.judge("6 to 8 months"), Verdict::Unknown);
    assert_eq!(m.judge("6 to 9 monhts"), acc(0, true));
    let m = Matcher::new(&s(&["CMF"]), &[], &[]);
    assert_eq!(m.judge("CAF"), Verdict::Unknown);
    assert_eq!(m.judge("c.m.f."), Verdict::Unknown); // "c m f": three words
    let m = Matcher::new(&s(&["6.5 mg"]), &[], &[]);
    assert_eq!(m.judge("6,5 mg"), Verdict::Unknown);
    assert_eq!(m.judge("6.5 mgg"), Verdict::Unknown);
}

#[test]
fn nearest_known_answer_wins() {
    let m = Matcher::new(&s(&["taxol"]), &s(&["taxotere"]), &[]);
    assert_eq!(
        m.judge("taxotre"),
        Verdict::KnownWrong {
            index: 0,
            typo: true
        }
    );
    assert_eq!(m.judge("taxl"), acc(0, true));
    // Equally near both: the wrong answer wins.
    let m = Matcher::new(&s(&["abcde"]), &s(&["abcdf"]), &[]);
    assert_eq!(
        m.judge("abcdx"),
        Verdict::KnownWrong {
            index: 0,
            typo: true
        }
    );
}

#[test]
fn longest_synonym_phrase_first() {
    let syn = vec![s(&["radiation therapy", "radiation", "RT"])];
    let m = Matcher::new(&s(&["radiation therapy"]), &[], &syn);
    assert_eq!(m.judge("RT"), acc(0, false));
    assert_eq!(m.judge("radiation"), acc(0, false));
    assert_eq!(m.judge("Radiation-therapy"), acc(0, false));
}

#[test]
fn normalize_rules() {
    assert_eq!(normalize("  The Dose: 6.5 mg, 10%!\n"), "dose 6.5 mg 10%");
    assert_eq!(normalize("An apple a day"), "apple a day");
    assert_eq!(normalize("A"), "a");
    assert_eq!(normalize("end."), "end");
    assert_eq!(normalize("ﬁne Café"), "fine café");
    assert_eq!(normalize("\u{0}\u{7}x\u{1b}y"), "x y");
}

#[test]
fn diff_marks_the_typo() {
    use DiffPart::*;
    let t = |x: &str| x.to_string();
    assert_eq!(
        word_diff("surgury", "Surgery"),
        vec![Typed(t("surgury")), Expected(t("surgery"))]
    );
    assert_eq!(
        word_diff("the local therapy now", "local surgery, now"),
        vec![
            Same(t("local")),
            Typed(t("therapy")),
            Expected(t("surgery")),
            Same(t("now"))
        ]
    );
    assert_eq!(word_diff("x b c", "x b c"), vec![Same(t("x b c"))]);
    assert_eq!(word_diff("", "x y"), vec![Expected(t("x y"))]);
}

#[test]
fn huge_input_is_bounded() {
    let m = fracture();
    let long = "surgery ".repeat(12_500);
    assert_eq!(m.judge(&long), Verdict::Unknown);
    assert!(!word_diff(&long, &"surgeon ".repeat(12_000)).is_empty());
}

#[test]
fn osa_distances() {
    use crate::grade::word::osa;
    let c = |x: &str| x.chars().collect::<Vec<_>>();
    let mut buf = Vec::new();
    assert_eq!(osa(&c("ab"), &c("ba"), 1, &mut buf), Some(1));
    assert_eq!(osa(&c("kitten"), &c("sitting"), 2, &mut buf), None);
    assert_eq!(osa(&c("kitten"), &c("sitting"), 3, &mut buf), Some(3));
    assert_eq!(osa(&c("ca"), &c("abc"), 3, &mut buf), Some(3)); // OSA, not full Damerau
}

proptest! {
    #[test]
    fn never_panics(typed in any::<String>(), other in "[a-z0-9 .,%\u{0}-\u{1f}\u{300}İ]{0,40}") {
        let syn = [vec![other.clone(), typed.clone()]];
        let m = Matcher::with_opposites(std::slice::from_ref(&other), std::slice::from_ref(&typed), &syn, &syn);
        let _ = m.judge(&typed);
        let _ = m.judge(&other);
        let _ = m.assess(&format!("{typed}, {other} and then {typed}"));
        let _ = m.nearest_accepted(&typed);
        let _ = normalize(&typed);
        let _ = word_diff(&typed, &other);
        let _ = word_diff(&other, &typed);
    }
}
