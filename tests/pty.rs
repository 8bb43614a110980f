//! End-to-end tests of the full-screen tutor in a real terminal: the built binary runs in a
//! tmux pane of its own ([`crate::support::tmux`]), keys go in with `tmux send-keys`, and the
//! assertions read what tmux shows, never raw bytes.
//!
//! `exit` checks that every way out restores the terminal; `footer` the footer's keys at 80
//! columns; `resume` a quiz left by Esc or q and resumed at the next start.
//!
//! Without tmux these tests say so and pass, so `cargo test` works on a fresh machine; CI
//! sets `TUTOR_REQUIRE_PTY=1` (`.ci/run` installs tmux), where a missing tmux fails them.

use crate::support::tmux::{self, Tmux, sh_quote};

/// A fixed seed, so the first case drill is always the same questions.
const SEED: &str = "1";
const MENU: [&str; 8] = [
    "Lessons",
    "Practice quiz",
    "Case drill",
    "Review",
    "Statistics",
    "Source",
    "Help",
    "Quit",
];

fn tutor_bin() -> String {
    crate::support::bin_quoted()
}

/// Starts `[env] tutor --seed 1 [args]` as the pane's only process (the pane closes when it
/// exits); `env` is e.g. `NO_COLOR=1`.
fn tutor(width: u16, height: u16, env: &str, args: &str) -> Tmux {
    Tmux::start(
        width,
        height,
        &format!("exec env {env} {} --seed {SEED} {args}", tutor_bin()),
    )
}

/// The pane shows the home screen: course title and every menu entry, the first selected.
fn assert_home(screen: &str) {
    let course = tutor::course::Course::embedded().expect("embedded course");
    assert!(
        screen.contains(&course.meta.title),
        "course title {:?} missing:\n{screen}",
        course.meta.title
    );
    for entry in MENU {
        assert!(
            screen
                .lines()
                .any(|l| l.trim_start_matches([' ', '▸']).starts_with(entry)),
            "menu entry {entry:?} missing:\n{screen}"
        );
    }
    assert!(
        screen.contains("▸ Lessons"),
        "Lessons not selected:\n{screen}"
    );
}

/// Home → Case drill, waiting for each step; returns the first question's screen.
fn open_case_drill(t: &Tmux) -> String {
    open_quiz(t, "Case drill")
}

/// Home → the menu entry `entry` (a quiz), waiting for each step; returns the first
/// question's screen.
fn open_quiz(t: &Tmux, entry: &str) -> String {
    let at = MENU
        .iter()
        .position(|&e| e == entry)
        .unwrap_or_else(|| panic!("{entry:?} is not a menu entry"));
    t.wait_for("▸ Lessons");
    for next in &MENU[1..=at] {
        t.keys(&["j"]);
        t.wait_for(&format!("▸ {next}"));
    }
    t.keys(&["Enter"]);
    // The footer is drawn last: with it on screen the whole question is (a capture can land
    // mid-frame, between the header and the options).
    t.wait_until("the first question with its footer", |s| {
        s.contains("Question 1 of ") && s.contains("Enter answer")
    })
}

/// Answers the question on screen with its first option (a toggle and Enter for several
/// answers, a word for a typed one); returns the feedback's screen once its footer is drawn.
/// In the case drill of seed 1 (whose first key is A): answers the first question, goes on to
/// the second, and presses q, which asks first since an answer would be lost.
fn first_answered_then_q(t: &Tmux) {
    t.keys(&["a"]);
    t.wait_for("Correct");
    t.keys(&["Enter"]);
    t.wait_for("Question 2 of ");
    t.keys(&["q"]);
    t.wait_for("Quit the tutor?");
}

fn answer(t: &Tmux) -> String {
    let footer = tmux::last_line(&t.screen()).to_owned();
    if footer.contains("toggle") {
        t.keys(&["a", "Enter"]);
    } else if footer.contains("F1 help") {
        // An answer field: letters type.
        t.keys(&["surgery", "Enter"]);
    } else {
        t.keys(&["a"]);
    }
    t.wait_until("the feedback with its footer", |s| {
        let footer = tmux::last_line(s);
        (s.contains("Correct.") || s.contains("Incorrect."))
            && footer.starts_with("Enter ")
            && !footer.contains("Enter answer")
    })
}

/// The first cited sentence of the feedback on screen: its id and its text, the wrapped
/// lines joined. The first line reads `▸ s5  text`; continuation lines are indented to the
/// column where the text starts.
fn cited_sentence(screen: &str) -> (String, String) {
    let lines: Vec<&str> = screen.lines().collect();
    let heading = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Source"))
        .unwrap_or_else(|| panic!("no Source section:\n{screen}"));
    let first = heading + 1;
    let line = lines.get(first).copied().unwrap_or("");
    let rest = line.trim_start().trim_start_matches('▸').trim_start();
    let (id, text) = rest
        .split_once(' ')
        .unwrap_or_else(|| panic!("no `id text` line after the Source heading:\n{screen}"));
    let text = text.trim_start();
    // Column (in characters) where the sentence text starts.
    let col = line.chars().count() - text.chars().count();
    let mut joined = text.trim_end().to_owned();
    for l in &lines[first + 1..] {
        let margin: String = l.chars().take(col).collect();
        let body: String = l.chars().skip(col).collect();
        if !margin.trim().is_empty() || body.trim().is_empty() || body.starts_with(' ') {
            break;
        }
        joined.push(' ');
        joined.push_str(body.trim_end());
    }
    (id.to_owned(), joined)
}

/// The source document with every run of white space as one space.
fn source_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/metastatic-breast-cancer/source.txt"
    );
    let text = std::fs::read_to_string(path).expect("source.txt");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn home_screen_shows_title_and_menu() {
    if !tmux::available() {
        return;
    }
    let t = tutor(100, 30, "", "");
    // The footer is the frame's last line: once it is there the whole frame is (a capture
    // can land mid-frame on a loaded machine).
    let screen = t.wait_for("q quit");
    assert_home(&screen);
}

#[test]
fn case_feedback_quotes_the_source_verbatim() {
    if !tmux::available() {
        return;
    }
    // Tall enough that the whole feedback fits without scrolling.
    let t = tutor(100, 40, "", "");
    let question = open_case_drill(&t);
    assert!(question.contains("A) "), "no options:\n{question}");
    t.keys(&["a"]);
    let screen = t.wait_until("feedback with its Source section", |s| {
        (s.contains("✓ Correct.") || s.contains("✗ Incorrect."))
            && s.contains("Source (")
            && s.contains("Enter: next question")
    });
    assert!(
        screen.contains("Correct.") || screen.contains("Incorrect."),
        "no verdict:\n{screen}"
    );
    let (id, sentence) = cited_sentence(&screen);
    assert!(
        id.starts_with('s') && id[1..].chars().all(|c| c.is_ascii_digit()),
        "sentence id {id:?} is not sN:\n{screen}"
    );
    let source = source_text();
    let start: String = sentence.chars().take(40).collect();
    assert!(
        start.chars().count() == 40 && source.contains(&start),
        "cited text {start:?} is not in source.txt:\n{screen}"
    );
    assert!(
        source.contains(&sentence),
        "cited sentence {sentence:?} is not verbatim in source.txt:\n{screen}"
    );

    // `s` opens the source view at that sentence.
    t.keys(&["s"]);
    let view = t.wait_for("· Source");
    let header = view.lines().next().unwrap_or("");
    assert!(
        header.contains(&format!("{id} (")),
        "source view not at {id}:\n{view}"
    );
}

/// The built binary in a real terminal: a drill of the synthesis lesson's unfolding cases
/// says after step 1 that the case goes on, and step 2 shows the case so far.
#[test]
fn an_unfolding_case_goes_on_in_a_real_terminal() {
    if !tmux::available() {
        return;
    }
    let data = tempfile::tempdir().expect("temp dir");
    let env = format!(
        "TUTOR_DATA_DIR={}",
        sh_quote(&data.path().to_string_lossy())
    );
    // Seed 6 asks an unfolding case first.
    let args = "drill --seed 6 --lessons lesson-one-patient --count 8 --cases-only";
    // Tall enough that the feedback, with its line about what comes next, fits unscrolled.
    let t = tutor(100, 50, &env, args);
    t.wait_until("step 1 with its footer", |s| {
        s.contains("step 1 of") && s.contains("Enter answer")
    });
    t.keys(&["a"]);
    t.wait_for("the case goes on (step 2 of");
    t.keys(&["Enter"]);
    let screen = t.wait_until("step 2 with the case so far", |s| {
        s.contains("step 2 of") && s.contains("So far:") && s.contains("Enter answer")
    });
    let (so_far, now) = (screen.find("So far:"), screen.find("Now:"));
    assert!(so_far < now && now.is_some(), "{screen}");
}

#[test]
fn too_small_notice_and_back() {
    if !tmux::available() {
        return;
    }
    let t = tutor(100, 30, "", "");
    assert_home(&t.wait_for("Quit"));
    t.resize(40, 10);
    let small = t.wait_until("the too-small notice for 40x10", |s| {
        let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
        joined.contains("Terminal too small (need 60x16, have 40x10)")
    });
    assert!(
        !small.contains("Practice quiz"),
        "menu still drawn:\n{small}"
    );
    t.resize(100, 30);
    let screen = t.wait_until("the home screen again", |s| {
        !s.contains("Terminal too small") && s.contains("Practice quiz")
    });
    assert_home(&screen);
}

/// Whether tmux's rendering of the screen sets any foreground or background colour.
fn has_colour(styled: &str) -> bool {
    styled.split("\x1b[").skip(1).any(|seq| {
        let params = seq.split('m').next().unwrap_or("");
        // 38 and 48 (256-colour and RGB) come first, before their own sub-parameters.
        params.split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        })
    })
}

#[test]
fn no_color_and_no_color_env_render_home_in_monochrome() {
    if !tmux::available() {
        return;
    }
    for (env, args) in [("", "--no-color"), ("NO_COLOR=1", "")] {
        let t = tutor(100, 30, env, args);
        let screen = t.wait_for("Quit");
        assert_home(&screen);
        let styled = t.capture_styled();
        assert!(
            !has_colour(&styled),
            "{env}{args}: the screen uses colour:\n{styled:?}"
        );
    }
    // The same check sees the colours of the default theme, so it can fail.
    let coloured = tutor(100, 30, "", "");
    coloured.wait_for("Quit");
    assert!(
        has_colour(&coloured.capture_styled()),
        "the default theme shows no colour"
    );
}

#[test]
fn progress_and_a_quit_quiz_survive_a_restart_with_review_and_statistics() {
    if !tmux::available() {
        return;
    }
    // Two runs in one pane share the test's data directory.
    let run = format!("{} --seed {SEED}", tutor_bin());
    let t = Tmux::start(100, 30, &format!("{run}; {run}; sleep 60"));
    open_case_drill(&t);
    first_answered_then_q(&t);
    t.keys(&["y"]);
    // The second run offers the quiz back; declining keeps the stored answer.
    t.wait_for("Resume your unfinished quiz? Case drill: 1 of 10");
    t.keys(&["n"]);
    t.wait_for("1 answered");
    t.keys(&["j", "j", "j", "j"]);
    t.wait_for("▸ Statistics");
    t.keys(&["Enter"]);
    t.wait_for("answered   1");
    t.keys(&["G"]);
    t.wait_for("Reviews due in the next 14 days: 1");
    t.keys(&["Escape"]);
    t.wait_for("▸ Statistics");
    t.keys(&["k"]);
    t.wait_for("▸ Review");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Question 1 of ");
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|l| l.starts_with("Review")),
        "a review session:\n{screen}"
    );
}

#[test]
fn a_timed_drill_counts_down_and_lets_a_question_time_out() {
    if !tmux::available() {
        return;
    }
    let t = Tmux::start(
        100,
        30,
        &format!(
            "exec {} drill --seed 2 --count 2 --cases-only --time-limit 2",
            tutor_bin()
        ),
    );
    let first = t.wait_for("s left · Question 1 of 2");
    assert!(
        first
            .lines()
            .next()
            .is_some_and(|l| l.starts_with("Drill d-")),
        "{first}"
    );
    // Nobody answers: the time runs out and the question is recorded as unanswered.
    let out = t.wait_for("Time ran out: recorded as unanswered.");
    assert!(out.contains("Correct answer:"), "{out}");
    t.keys(&["Enter"]);
    t.wait_for("s left · Question 2 of 2");
    t.keys(&["a"]);
    t.wait_for("Correct");
}

#[path = "pty/exit.rs"]
mod exit;
#[path = "pty/footer.rs"]
mod footer;
#[path = "pty/resume.rs"]
mod resume;
