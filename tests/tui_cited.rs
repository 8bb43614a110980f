//! The source view's "Cited by" list: entries named by their question's text and kind, and
//! Enter on one opening it (a lesson, a one-question practice quiz, or a fresh case), with Esc
//! coming back to the source view.

use crate::support::fixtures;
use crate::support::harness::Harness;
use tutor::quiz::Origin;
use tutor::store::Mode;
use tutor::tui::app::Screen;
use tutor::tui::keys::Context;

/// Home → Source, at sentence s2 (cited by a lesson, items ms-roots and sa-store, and the case
/// template case-plant), the cited-by list focused.
fn cited_by_s2() -> Harness {
    let mut h = Harness::new(fixtures::small(), 1);
    h.press("jjjjj\n");
    assert!(matches!(h.app.screen(), Screen::Source { .. }));
    h.press("j\t");
    h
}

/// The quiz on screen.
fn session(h: &Harness) -> &tutor::session::Session {
    match h.app.screen() {
        Screen::Quiz(q) => &q.session,
        other => panic!("not in a quiz: {other:?}"),
    }
}

#[test]
fn cited_by_names_items_by_their_text_and_enter_opens_a_quiz_of_that_item() {
    let mut h = cited_by_s2();
    let screen = h.frame(80, 24);
    assert!(
        screen.contains("A friend looks after your plants"),
        "the item's stem, not its id:\n{screen}"
    );
    assert!(screen.contains("Multi-select"), "its kind:\n{screen}");
    assert!(!screen.contains("ms-roots"), "no internal id:\n{screen}");
    assert_eq!(h.app.context(), Context::CitedBy);
    // The lesson, then the first item.
    h.press("j\n");
    let s = session(&h);
    assert_eq!(s.questions().len(), 1, "one question");
    assert_eq!(s.mode(), Mode::Practice);
    let origin = &s.questions()[0].origin;
    assert_eq!(
        origin,
        &Origin::Item {
            id: "ms-roots".to_owned()
        }
    );
    assert!(!s.reproducible(), "the seed alone does not make it again");
    h.press("\x1b");
    assert!(
        matches!(h.app.screen(), Screen::Source { cited_by: true, .. }),
        "Esc comes back to the source view"
    );
}

#[test]
fn enter_on_a_case_template_opens_one_fresh_case_of_it() {
    let mut h = cited_by_s2();
    assert!(h.frame(80, 24).contains("What the plant needs now"));
    h.press("G\n");
    let s = session(&h);
    assert!(!s.questions().is_empty());
    for q in s.questions() {
        let Origin::Case { template, .. } = &q.origin else {
            panic!("a case: {:?}", q.origin)
        };
        assert_eq!(template, "case-plant");
    }
    // Answered and read to the results, the quiz goes back to the source view.
    h.press("a\n\n");
    assert!(
        matches!(h.app.screen(), Screen::Source { .. }),
        "{:?}",
        h.app.screen()
    );
}

#[test]
fn the_footer_and_help_say_what_enter_does_in_the_cited_by_list() {
    let mut h = cited_by_s2();
    let footer = h.frame(80, 24);
    let footer = footer.lines().last().unwrap_or_default().to_owned();
    assert!(footer.contains("Enter open lesson"), "{footer}");
    h.press("j");
    let footer = h.frame(80, 24);
    let footer = footer.lines().last().unwrap_or_default().to_owned();
    assert!(footer.contains("Enter try question"), "{footer}");
    h.press("?");
    let help = h.frame(80, 24);
    assert!(
        help.contains("open a lesson, or try that question"),
        "{help}"
    );
}
