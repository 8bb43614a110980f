//! The default course's short answers and clozes, graded as a teacher would: for each fixed
//! item, answers that must be accepted, answers that must be refused, and refused answers
//! whose own feedback (a phrase of its `why`, and the sentences it cites) must be shown.

use tutor::course::Course;
use tutor::grade::{Answer, Outcome, grade};
use tutor::quiz;

/// What one item must do with typed answers.
struct Table {
    item: &'static str,
    right: &'static [&'static str],
    wrong: &'static [&'static str],
    /// Refused with the feedback of a known wrong answer: typed, a phrase of its `why`, and a
    /// sentence it cites.
    feedback: &'static [(&'static str, &'static str, &'static str)],
}

fn grade_typed(course: &Course, item: &str, typed: &str) -> Outcome {
    let spec = course
        .item(item)
        .unwrap_or_else(|| panic!("no item {item}"));
    let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(0);
    let q = quiz::from_item(course, spec, &mut rng);
    grade(&q, &Answer::Text(typed.to_owned()))
}

/// Grades every answer of `t` and reports every mismatch at once.
fn check(t: &Table) {
    let course = Course::embedded().expect("embedded course");
    let mut failures = Vec::new();
    for typed in t.right {
        if !grade_typed(&course, t.item, typed).correct {
            failures.push(format!("{typed:?} should be accepted"));
        }
    }
    let refused = t.wrong.iter().chain(t.feedback.iter().map(|(a, _, _)| a));
    for typed in refused {
        if grade_typed(&course, t.item, typed).correct {
            failures.push(format!("{typed:?} should be refused"));
        }
    }
    for (typed, why, cite) in t.feedback {
        let o = grade_typed(&course, t.item, typed);
        let shown = o
            .feedback
            .iter()
            .any(|f| !f.correct && f.why.contains(why) && f.cites.iter().any(|c| c == cite));
        if !shown {
            failures.push(format!(
                "{typed:?} should have feedback with {why:?} citing {cite}; got {:?}",
                o.feedback
            ));
        }
    }
    assert!(failures.is_empty(), "{}:\n{}", t.item, failures.join("\n"));
}

#[test]
fn sa_fracture_first_accepts_local_therapy_in_any_form() {
    check(&Table {
        item: "sa-fracture-first",
        right: &[
            "local therapy",
            "local therapies",
            "Local therapies alone",
            "local treatment",
            "surgery",
            "surgery or irradiation",
            "irradiation",
            "radiotherapy",
            "radiation therapy",
            "radiotherpy",
            "radiaton",
            "palliative radiotherapy",
            "palliative irradiation",
            "surgery followed by radiotherapy",
            "surgery and then irradiation",
            "surgery, radiotherapy",
            "fixation",
            "surgical fixation",
            "internal fixation",
            "surgury",
        ],
        wrong: &[
            "surgery or aspirin",
            "nothing",
            "irradiation and endocrine therapy",
        ],
        feedback: &[
            ("chemotherapy", "systemic treatment", "s5"),
            ("chemo", "systemic treatment", "s5"),
            ("endocrine therapy", "endocrine responder", "s6"),
            ("hormonal therapy", "endocrine responder", "s5"),
            ("CMF", "local therapies alone", "s9"),
            ("taxol", "doxorubicin", "s13"),
            (
                "surgery followed by chemotherapy",
                "systemic treatment",
                "s5",
            ),
            (
                "radiotherapy plus endocrine therapy",
                "local therapy alone",
                "s5",
            ),
        ],
    });
}

#[test]
fn sa_goal_accepts_palliation_and_quality_of_life() {
    check(&Table {
        item: "sa-goal",
        right: &[
            "palliation",
            "Palliative care",
            "palliation and quality of life",
            "palliation and improved quality of life",
            "improving the quality of life",
            "quality of life",
            "QOL",
            "symptom relief",
            "symptom control and quality of life",
            "paliation",
            "to improve quality of life",
        ],
        wrong: &["survival and cure", "response"],
        feedback: &[
            ("cure", "cannot be eradicated", "s3"),
            ("to cure the cancer", "cannot be eradicated", "s3"),
            ("eradicating the disease", "cannot be eradicated", "s3"),
            ("eradication of the cancer", "cannot be eradicated", "s3"),
            ("palliation and cure", "cannot be eradicated", "s3"),
            ("prolonging survival", "prolongs median survival", "s1"),
            ("longer survival", "prolongs median survival", "s1"),
            ("maximize response", "minimize toxicity", "s4"),
        ],
    });
}

#[test]
fn sa_duration_accepts_six_to_nine_months_only() {
    check(&Table {
        item: "sa-duration",
        right: &[
            "6 to 9 months",
            "6-9 months",
            "6–9 months",
            "six to nine months",
            "6 to nine months",
            "between 6 and 9 months",
            "about 6 to 9 months",
            "6 to 9 monhts",
            "6 to 9",
            "6-9",
            "6–9",
        ],
        wrong: &["6 to 8 months", "7 to 9 months", "6 to 9 years"],
        feedback: &[
            ("3 months", "6 to 9 months", "s10"),
            ("12 months", "6 to 9 months", "s10"),
            ("one year", "6 to 9 months", "s10"),
            ("6 months", "range", "s10"),
            ("9 months", "range", "s10"),
            ("6 to 9 weeks", "months", "s10"),
            ("until progression", "marginal additional benefits", "s10"),
            ("indefinitely", "marginal additional benefits", "s10"),
        ],
    });
}

#[test]
fn sa_responder_accepts_endocrine_therapy_alone() {
    check(&Table {
        item: "sa-responder",
        right: &[
            "endocrine therapy",
            "endocrine therapies",
            "endocrine therapy alone",
            "endocrine therapy only",
            "hormonal therapy",
            "hormone treatment",
            "endocrine",
            "endocrine therpy",
            "palliation with endocrine therapy",
        ],
        wrong: &["endocrine therapy and aspirin"],
        feedback: &[
            ("chemotherapy", "endocrine therapy alone", "s6"),
            ("combination chemotherapy", "endocrine therapy alone", "s6"),
            ("CMF", "endocrine therapy alone", "s6"),
            ("CAF", "endocrine therapy alone", "s6"),
            ("endocrine therapy and chemotherapy", "not combined", "s6"),
            (
                "hormone therapy plus chemo",
                "endocrine therapy alone",
                "s6",
            ),
            ("high-dose chemotherapy", "investigational", "s11"),
            ("taxol", "doxorubicin", "s13"),
            ("surgery", "pathologic fractures", "s5"),
            ("radiotherapy", "pathologic fractures", "s5"),
        ],
    });
}

#[test]
fn sa_refractory_accepts_taxol_and_explains_the_usual_wrong_drugs() {
    check(&Table {
        item: "sa-refractory",
        right: &[
            "taxol",
            "Taxol.",
            "paclitaxel",
            "taxol alone",
            "single-agent taxol",
            "taxol therapy",
            "taxoll",
            "paclitaxl",
        ],
        wrong: &["taxol and aspirin"],
        feedback: &[
            ("taxotere", "taxol as possibly the most promising", "s12"),
            ("docetaxel", "taxol as possibly the most promising", "s12"),
            ("topotecan", "taxol as possibly the most promising", "s13"),
            ("amonafide", "taxol as possibly the most promising", "s13"),
            ("doxorubicin", "already refractory", "s13"),
            ("doxorubicin again", "already refractory", "s13"),
            ("higher doses of doxorubicin", "no dose", "s9"),
            ("CAF", "contains doxorubicin", "s13"),
            ("CMF", "names taxol", "s13"),
            ("high-dose chemotherapy", "proving inferior", "s11"),
            ("bone marrow transplantation", "proving inferior", "s11"),
            ("endocrine therapy", "endocrine responder", "s6"),
            ("monoclonal antibodies", "clinical trials", "s14"),
            (
                "taxol or taxotere",
                "taxol as possibly the most promising",
                "s13",
            ),
            ("taxol plus CAF", "contains doxorubicin", "s9"),
        ],
    });
}

#[test]
fn cz_minimize_refuses_the_opposite() {
    check(&Table {
        item: "cz-minimize",
        right: &[
            "minimize toxicity",
            "minimise toxicity",
            "minimizing toxicity",
            "reduce toxicity",
            "decrease toxicity",
            "minimize side effects",
            "minimal toxicity",
            "toxicity",
            "minimze toxicity",
            "maximize response and minimize toxicity",
        ],
        wrong: &["minimize cost"],
        feedback: &[
            ("maximize toxicity", "opposite", "s4"),
            ("maximise toxicity", "opposite", "s4"),
            ("increase toxicity", "opposite", "s4"),
            ("maximize response", "maximize", "s4"),
            ("minimize response", "maximize", "s4"),
        ],
    });
}

#[test]
fn the_other_clozes_accept_forms_and_explain_near_misses() {
    let tables = [
        Table {
            item: "cz-palliation",
            right: &["palliation", "Palliation.", "paliation"],
            wrong: &["palliative surgery"],
            feedback: &[
                ("cure", "cannot be eradicated", "s3"),
                ("eradication", "cannot be eradicated", "s3"),
                ("prolonging survival", "prolongs median survival", "s1"),
                ("quality of life", "follows the blank", "s3"),
            ],
        },
        Table {
            item: "cz-second-decade",
            right: &[
                "10% or more",
                "10 percent or more",
                "at least 10%",
                "more than 10%",
                "10%",
            ],
            wrong: &["11% or more", "100% or more"],
            feedback: &[
                ("5%", "10% or more", "s2"),
                ("less than 10%", "10% or more", "s2"),
                ("most", "10% or more", "s2"),
            ],
        },
        Table {
            item: "cz-local",
            right: &[
                "local therapies alone",
                "local therapy alone",
                "local treatments alone",
                "local therapies only",
                "local therapies",
                "surgery or radiotherapy",
            ],
            wrong: &["local chemotherapy"],
            feedback: &[
                ("endocrine therapy alone", "endocrine responders", "s6"),
                ("chemotherapy", "local therapies alone", "s5"),
                ("systemic therapy", "local therapies alone", "s5"),
            ],
        },
        Table {
            item: "cz-receptor",
            right: &[
                "estrogen and progesterone",
                "oestrogen and progesterone",
                "progesterone and estrogen",
                "estrogen, progesterone",
                "estrogen and progesterone receptors",
                "estrogen and progesteron",
            ],
            wrong: &["estrogen and testosterone"],
            feedback: &[
                ("estrogen", "both", "s7"),
                ("progesterone", "both", "s7"),
                ("oncogene", "biologic therapies", "s14"),
            ],
        },
        Table {
            item: "cz-cmf",
            right: &["CMF", "classic CMF", "cmf"],
            wrong: &["CMV", "CEF"],
            feedback: &[("CAF", "methotrexate", "s9")],
        },
        Table {
            item: "cz-duration",
            right: &[
                "6 to 9 months",
                "six to nine months",
                "6-9 months",
                "between 6 and 9 months",
            ],
            wrong: &["6 to 8 months"],
            feedback: &[
                ("12 months", "6 to 9 months", "s10"),
                ("6 to 9 weeks", "months", "s10"),
            ],
        },
        Table {
            item: "cz-doxorubicin",
            right: &["doxorubicin", "adriamycin", "doxorubicine", "doxorubcin"],
            wrong: &["daunorubicin"],
            feedback: &[
                ("taxol", "possibly the most promising", "s13"),
                ("CAF", "contains doxorubicin", "s9"),
                ("cyclophosphamide", "doxorubicin", "s9"),
                ("methotrexate", "doxorubicin", "s9"),
            ],
        },
        Table {
            item: "cz-liposomes",
            right: &["liposomes", "liposome", "liposomal"],
            wrong: &["liposuction"],
            feedback: &[("monoclonal antibodies", "same sentence", "s14")],
        },
    ];
    for t in &tables {
        check(t);
    }
}
