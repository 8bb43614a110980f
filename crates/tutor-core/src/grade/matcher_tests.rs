//! Tests of the matcher's pieces working together: typos on synonyms, inflections, answers in
//! parts, opposites, and bounded work.
use super::*;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

const fn acc(index: usize, typo: bool) -> Verdict {
    Verdict::Accepted { index, typo }
}

const fn wrong(index: usize, typo: bool) -> Verdict {
    Verdict::KnownWrong { index, typo }
}

/// Accepted: local therapy (0), surgery (1), irradiation (2); wrong: chemotherapy (0),
/// endocrine therapy (1).
fn fracture() -> Matcher {
    let syn = vec![
        s(&["irradiation", "radiotherapy", "radiation"]),
        s(&["therapy", "treatment"]),
    ];
    Matcher::new(
        &s(&["local therapy", "surgery", "irradiation"]),
        &s(&["chemotherapy", "endocrine therapy"]),
        &syn,
    )
}

#[test]
fn a_misspelled_synonym_matches() {
    let m = fracture();
    assert_eq!(m.judge("radiotherpy"), acc(2, true));
    assert_eq!(m.judge("radiaton"), acc(2, true));
    assert_eq!(m.judge("local treatmnet"), acc(0, true));
    assert_eq!(m.judge("endocrine treatmnt"), wrong(1, true));
}

#[test]
fn inflections_match_exactly() {
    let m = fracture();
    assert_eq!(m.judge("local therapies"), acc(0, false));
    assert_eq!(m.judge("Local treatments"), acc(0, false));
    assert_eq!(m.judge("local treatmnets"), acc(0, true));
    let m = Matcher::new(&s(&["minimize toxicity"]), &[], &[]);
    assert_eq!(m.judge("minimizing toxicities"), acc(0, false));
    assert_eq!(m.judge("minimised toxicity"), acc(0, true));
}

#[test]
fn synonyms_inside_synonyms_match() {
    let syn = vec![
        s(&["palliation", "palliative treatment"]),
        s(&["therapy", "treatment"]),
    ];
    let m = Matcher::new(&s(&["palliation"]), &[], &syn);
    assert_eq!(m.judge("palliative therapy"), acc(0, false));
    assert_eq!(m.judge("paliative therapies"), acc(0, true));
}

#[test]
fn an_answer_in_parts_is_right_when_every_part_is() {
    let m = fracture();
    assert_eq!(m.judge("surgery followed by radiotherapy"), acc(1, false));
    assert_eq!(m.judge("Surgery, then irradiation."), acc(1, false));
    assert_eq!(m.judge("surgury and radiaton"), acc(1, true));
    assert_eq!(m.judge("radiotherapy plus surgery"), acc(2, false));
    let a = m.assess("surgery or radiotherapy");
    let parts: Vec<(&str, &str, Verdict)> = a
        .parts
        .iter()
        .map(|(p, v)| (p.joiner.as_str(), p.text.as_str(), *v))
        .collect();
    assert_eq!(
        parts,
        [
            ("", "surgery", acc(1, false)),
            ("or", "radiotherapy", acc(2, false))
        ]
    );
}

#[test]
fn an_answer_in_parts_is_wrong_when_any_part_is_known_wrong() {
    let m = fracture();
    assert_eq!(m.judge("surgery followed by chemotherapy"), wrong(0, false));
    assert_eq!(m.judge("irradiation, endocrine therapy"), wrong(1, false));
    assert_eq!(m.judge("aspirin and chemoterapy"), wrong(0, true));
    assert_eq!(m.judge("surgery or aspirin"), Verdict::Unknown);
    assert_eq!(m.judge("surgery or"), Verdict::Unknown);
}

#[test]
fn a_whole_match_comes_before_the_parts() {
    let m = Matcher::new(
        &s(&["palliation and quality of life", "palliation"]),
        &s(&["irradiation and endocrine therapy"]),
        &[],
    );
    assert_eq!(m.judge("palliation and quality of life"), acc(0, false));
    assert!(m.assess("palliation and quality of life").parts.is_empty());
    assert_eq!(
        m.judge("irradiation and endocrine therapy"),
        wrong(0, false)
    );
    // "quality of life" alone is not accepted here, so the parts do not make it right.
    assert_eq!(
        m.judge("palliation and better quality of life"),
        Verdict::Unknown
    );
}

#[test]
fn opposites_are_never_typos_of_each_other() {
    let accepted = s(&["minimize toxicity"]);
    let plain = Matcher::new(&accepted, &[], &[]);
    assert_eq!(
        plain.judge("maximize toxicity"),
        acc(0, true),
        "two edits apart"
    );
    let opposites = vec![s(&["maximize", "minimize"]), s(&["increase", "decrease"])];
    let m = Matcher::with_opposites(&accepted, &[], &[], &opposites);
    assert_eq!(m.judge("maximize toxicity"), Verdict::Unknown);
    assert_eq!(m.judge("maximizing toxicity"), Verdict::Unknown);
    // Within the allowance of both the answer and its opposite: refused.
    assert_eq!(m.judge("mazimize toxicity"), Verdict::Unknown);
    assert_eq!(m.judge("minimise toxicity"), acc(0, true));
    assert_eq!(m.judge("Minimize toxicity"), acc(0, false));
}

#[test]
fn nearest_accepted_reports_the_distance() {
    let syn = vec![s(&["therapy", "treatment"])];
    let m = Matcher::new(&s(&["surgery", "local therapy"]), &[], &syn);
    assert_eq!(m.nearest_accepted("local treatment"), Some((1, 0)));
    assert_eq!(m.nearest_accepted("local terapy"), Some((1, 1)));
    assert_eq!(m.nearest_accepted("chemotherapy"), None);
}

#[test]
fn work_stays_bounded_for_many_parts() {
    let m = fracture();
    let many = "surgery and ".repeat(80);
    assert_eq!(m.judge(&many), acc(1, false));
    let too_many = "surgery and ".repeat(100);
    assert_eq!(
        m.judge(&too_many),
        Verdict::Unknown,
        "long input is exact only"
    );
    let syn: Vec<Vec<String>> = (0..50)
        .map(|g| (0..50).map(|i| format!("w{g} x{i}")).collect())
        .collect();
    let m = Matcher::new(&s(&["w1 x1 w2 x2 w3 x3"]), &[], &syn);
    assert_eq!(m.judge("w1 x7 w2 x9 w3 x0"), acc(0, false));
}
