use super::*;
use crate::course::Course;
use crate::quiz::{self, Question};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn question(id: &str) -> Question {
    let course = Course::embedded().expect("embedded course");
    let item = course.item(id).unwrap_or_else(|| panic!("item {id}"));
    quiz::from_item(&course, item, &mut ChaCha8Rng::seed_from_u64(0))
}

fn first_of(course: &Course, kind: ItemType) -> Question {
    let item = course
        .items
        .iter()
        .find(|i| i.kind == kind)
        .expect("an item of the kind");
    quiz::from_item(course, item, &mut ChaCha8Rng::seed_from_u64(0))
}

#[test]
fn pathologic_fracture_short_answer_accepts_local_therapies_and_typos() {
    let q = question("sa-fracture-first");
    for typed in [
        "surgery",
        "Irradiation",
        "radiotherapy",
        "radiation",
        "local therapy",
        "LOCAL THERAPY ALONE.",
    ] {
        let o = grade(&q, &Answer::Text(typed.into()));
        assert!(o.correct && !o.typo, "{typed} should be accepted exactly");
    }
    for typed in ["surgury", "iradiation", "local terapy"] {
        let o = grade(&q, &Answer::Text(typed.into()));
        assert!(
            o.correct && o.typo,
            "{typed} should be accepted with a typo"
        );
        assert!(
            !o.diff.is_empty(),
            "a typo shows the typed-vs-expected diff"
        );
    }
    let o = grade(&q, &Answer::Text("chemotherapy".into()));
    assert!(!o.correct);
    assert_eq!(
        o.feedback.len(),
        1,
        "a known wrong answer has its own feedback"
    );
    assert!(o.cites.iter().any(|c| c == "s5"));
}

#[test]
fn single_best_grades_the_key_and_explains_the_choice_and_the_key() {
    let course = Course::embedded().expect("course");
    let q = first_of(&course, ItemType::SingleBest);
    let key = q.key();
    assert_eq!(key.len(), 1);
    let right = grade(&q, &Answer::Choices(key.clone()));
    assert!(right.correct);
    let wrong_index = (0..q.options.len())
        .find(|i| !key.contains(i))
        .expect("a distractor");
    let wrong = grade(&q, &Answer::Choices(vec![wrong_index]));
    assert!(!wrong.correct);
    assert_eq!(
        wrong.feedback.len(),
        2,
        "feedback on the choice and on the missed key"
    );
    assert!(!wrong.feedback[0].correct && wrong.feedback[1].correct);
    assert!(wrong.expected.starts_with(&format!("{})", letter(key[0]))));
}

#[test]
fn multi_select_is_all_or_nothing_with_partial_shown() {
    let course = Course::embedded().expect("course");
    let q = first_of(&course, ItemType::MultiSelect);
    let key = q.key();
    assert!(key.len() >= 2, "a multi-select with several keys");
    assert!(grade(&q, &Answer::Choices(key.clone())).correct);
    let o = grade(&q, &Answer::Choices(key[..1].to_vec()));
    assert!(!o.correct);
    assert_eq!(o.partial, Some((1, key.len(), 0)));
}

#[test]
fn choices_parse_letters_numbers_and_true_false_words() {
    let course = Course::embedded().expect("course");
    let sb = first_of(&course, ItemType::SingleBest);
    assert_eq!(parse_choices(&sb, "b"), Ok(vec![1]));
    assert_eq!(parse_choices(&sb, " 2 "), Ok(vec![1]));
    assert!(matches!(
        parse_choices(&sb, "Z"),
        Err(InputError::NotAnOption(..))
    ));
    assert!(matches!(
        parse_choices(&sb, "A,B"),
        Err(InputError::OneOnly(_))
    ));
    assert_eq!(parse_choices(&sb, ""), Err(InputError::Empty));
    let ms = first_of(&course, ItemType::MultiSelect);
    assert_eq!(parse_choices(&ms, "c, a a"), Ok(vec![0, 2]));
    // The default course has no true/false items: one made from a cloze's sentence.
    let mut statement = course
        .items
        .iter()
        .find(|i| i.kind == ItemType::Cloze)
        .expect("a cloze")
        .clone();
    statement.kind = ItemType::TrueFalse;
    statement.stem = statement.sentence.clone();
    statement.answer = Some(true);
    let tf = quiz::from_item(&course, &statement, &mut ChaCha8Rng::seed_from_u64(0));
    assert_eq!(parse_choices(&tf, "false"), Ok(vec![1]));
    assert_eq!(parse_choices(&tf, "T"), Ok(vec![0]));
}

#[test]
fn cloze_accepts_the_blank_and_rejects_other_numbers() {
    let course = Course::embedded().expect("course");
    let item = course
        .items
        .iter()
        .find(|i| {
            i.kind == ItemType::Cloze
                && i.blank
                    .as_deref()
                    .is_some_and(|b| b.chars().any(|c| c.is_ascii_digit()))
        })
        .expect("a cloze over a number");
    let q = quiz::from_item(&course, item, &mut ChaCha8Rng::seed_from_u64(0));
    let blank = item.blank.clone().expect("blank");
    assert!(grade(&q, &Answer::Text(blank.clone())).correct);
    assert!(q.lead_in.contains(quiz::BLANK) && !q.lead_in.contains(&blank));
    let changed: String = blank
        .chars()
        .map(|c| {
            if c == '9' {
                '8'
            } else if c.is_ascii_digit() {
                '7'
            } else {
                c
            }
        })
        .collect();
    assert!(
        !grade(&q, &Answer::Text(changed)).correct,
        "no fuzziness on numbers"
    );
}

/// `text` with its letters' case flipped and its spaces doubled, as a careless typist sends it.
fn sloppy(text: &str) -> String {
    let flipped: String = text
        .chars()
        .map(|c| {
            if c.is_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    format!("  {}. ", flipped.replace(' ', "  \t"))
}

#[test]
fn an_options_whole_text_chooses_it() {
    let course = Course::embedded().expect("course");
    let sb = first_of(&course, ItemType::SingleBest);
    for (i, o) in sb.options.iter().enumerate() {
        assert_eq!(parse_choices(&sb, &o.text), Ok(vec![i]), "{}", o.text);
        assert_eq!(
            parse_choices(&sb, &sloppy(&o.text)),
            Ok(vec![i]),
            "{}",
            o.text
        );
    }
    // Only the whole text: a part of it, or more, is not an option.
    let longest = sb.options.iter().map(|o| &o.text).max_by_key(|t| t.len());
    let words: Vec<&str> = longest.expect("options").split_whitespace().collect();
    assert!(words.len() >= 2, "an option of several words: {words:?}");
    let part = words[..words.len() - 1].join(" ");
    let more = format!("{} now", words.join(" "));
    for typed in [part, more] {
        assert!(
            matches!(parse_choices(&sb, &typed), Err(InputError::NoSuchWords(..))),
            "{typed}"
        );
    }
}

#[test]
fn a_multi_select_takes_one_options_text_and_letters_for_several() {
    let course = Course::embedded().expect("course");
    let ms = first_of(&course, ItemType::MultiSelect);
    let (a, b) = (&ms.options[0].text, &ms.options[1].text);
    assert_eq!(parse_choices(&ms, &format!("{a}.")), Ok(vec![0]));
    assert!(
        parse_choices(&ms, &format!("{a}, {b}")).is_err(),
        "{a}, {b}"
    );
    assert_eq!(parse_choices(&ms, "a, b"), Ok(vec![0, 1]));
}

/// An option whose text reads as a letter or a number: its text wins over the position.
#[test]
fn an_options_text_wins_over_the_letter_it_spells() {
    let course = Course::embedded().expect("course");
    let mut sb = first_of(&course, ItemType::SingleBest);
    sb.options[3].text = "b".to_owned();
    sb.options[2].text = "1".to_owned();
    assert_eq!(parse_choices(&sb, "B."), Ok(vec![3]));
    assert_eq!(parse_choices(&sb, "1"), Ok(vec![2]));
    // Letters no option's text matches keep their positions.
    assert_eq!(parse_choices(&sb, "a"), Ok(vec![0]));
    assert_eq!(parse_choices(&sb, "2"), Ok(vec![1]));
    // Two options with the same text name neither: the line is read as letters.
    sb.options[0].text = "b".to_owned();
    assert_eq!(parse_choices(&sb, "b"), Ok(vec![1]));
}

/// Words that are not an option are named whole in the refusal, not by their first word.
#[test]
fn words_that_are_no_option_are_named_whole() {
    let course = Course::embedded().expect("course");
    let sb = first_of(&course, ItemType::SingleBest);
    let err = parse_choices(&sb, " no  idea ").expect_err("not an option");
    assert_eq!(
        err.to_string(),
        "no idea is not an option; choose A-D, or type an option's words."
    );
    let err = parse_choices(&sb, "Z").expect_err("not an option");
    assert_eq!(err.to_string(), "Z is not an option; choose A-D.");
}
