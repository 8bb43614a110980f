//! Key bindings per screen: the one table that both maps keys to actions and writes the help
//! overlay and footer, so what is shown is what works.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where the keyboard focus is; bindings differ per context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Lessons,
    Lesson,
    /// A choice question with `options` options.
    Choice {
        options: usize,
        multi: bool,
    },
    /// A free-text answer field: printable keys type.
    Text,
    Feedback,
    /// A paced drill's revealed feedback: the instructor opens the next question.
    PacedFeedback,
    /// A paced drill waiting for the instructor (before a question, or with the answer in).
    Waiting,
    /// The results; `retry` when some question was missed (r retries them).
    Results {
        retry: bool,
    },
    /// The source document.
    Source,
    /// The source view's "Cited by" list.
    CitedBy,
    Stats,
    /// Review found nothing due; practice of the weakest sentences is offered.
    NothingDue,
    /// A yes/no question.
    Confirm,
    Help,
}

#[derive(Debug, Clone, Copy)]
enum Key {
    Char(char),
    Code(KeyCode),
}

pub struct Binding {
    keys: &'static [Key],
    action: Action,
    /// How the keys are shown, e.g. `j/↓`.
    pub label: &'static str,
    pub what: &'static str,
    /// Shown in the footer, not only in help.
    pub footer: bool,
}

macro_rules! b {
    ([$($k:expr),+], $action:expr, $label:literal, $what:literal, $footer:literal) => {
        Binding { keys: &[$($k),+], action: $action, label: $label, what: $what, footer: $footer }
    };
}

use Key::{Char as C, Code as K};

static NAV: &[Binding] = &[
    b!([C('k'), K(KeyCode::Up)], Action::Up, "↑/k", "up", true),
    b!(
        [C('j'), K(KeyCode::Down)],
        Action::Down,
        "↓/j",
        "down",
        true
    ),
    b!([C('g'), K(KeyCode::Home)], Action::Top, "g", "top", false),
    b!(
        [C('G'), K(KeyCode::End)],
        Action::Bottom,
        "G",
        "bottom",
        false
    ),
];

static HOME: &[Binding] = &[b!(
    [K(KeyCode::Enter), C('l'), K(KeyCode::Right)],
    Action::Select,
    "Enter",
    "open",
    true
)];
static LESSON: &[Binding] = &[
    b!([C('t')], Action::NextTerm, "t", "glossary term", true),
    b!([C('c')], Action::CheckYourself, "c", "check yourself", true),
    b!(
        [C('n'), K(KeyCode::Right), C('l')],
        Action::Right,
        "n/→",
        "next lesson",
        false
    ),
    b!(
        [C('p'), K(KeyCode::Left), C('h')],
        Action::Left,
        "p/←",
        "previous lesson",
        false
    ),
];
static CHOICE: &[Binding] = &[
    b!([K(KeyCode::Enter)], Action::Select, "Enter", "answer", true),
    b!(
        [C('k'), K(KeyCode::Up)],
        Action::Up,
        "↑/k",
        "previous option",
        false
    ),
    b!(
        [C('j'), K(KeyCode::Down)],
        Action::Down,
        "↓/j",
        "next option",
        false
    ),
];
static MULTI: &[Binding] = &[b!([C(' ')], Action::Toggle, "Space", "toggle", true)];
static TEXT: &[Binding] = &[
    b!([K(KeyCode::Enter)], Action::Select, "Enter", "answer", true),
    b!([K(KeyCode::Left)], Action::Left, "←", "cursor left", false),
    b!(
        [K(KeyCode::Right)],
        Action::Right,
        "→",
        "cursor right",
        false
    ),
    b!(
        [K(KeyCode::Home)],
        Action::Home,
        "Home",
        "start of line",
        false
    ),
    b!([K(KeyCode::End)], Action::End, "End", "end of line", false),
    b!(
        [K(KeyCode::Backspace)],
        Action::Backspace,
        "Backspace",
        "delete left",
        false
    ),
    b!(
        [K(KeyCode::Delete)],
        Action::Delete,
        "Del",
        "delete right",
        false
    ),
];
static FEEDBACK: &[Binding] = &[
    b!(
        [K(KeyCode::Enter), C('n')],
        Action::Select,
        "Enter",
        "next question",
        true
    ),
    b!([C('s')], Action::OpenSource, "s", "open source", true),
    b!(
        [K(KeyCode::Tab)],
        Action::NextPane,
        "Tab",
        "next cited sentence",
        true
    ),
];
/// Feedback in a paced drill: as [`FEEDBACK`] but Enter, as the instructor moves on.
static PACED_FEEDBACK: &[Binding] = &[
    b!([C('s')], Action::OpenSource, "s", "open source", true),
    b!(
        [K(KeyCode::Tab)],
        Action::NextPane,
        "Tab",
        "next cited sentence",
        true
    ),
];
static RESULTS: &[Binding] = &[b!(
    [K(KeyCode::Enter)],
    Action::Select,
    "Enter",
    "close",
    true
)];
static RETRY: &[Binding] = &[b!([C('r')], Action::Retry, "r", "retry missed", true)];
static SOURCE: &[Binding] = &[b!(
    [K(KeyCode::Tab)],
    Action::NextPane,
    "Tab",
    "cited by",
    true
)];
/// The "Cited by" list; the footer says what Enter opens for the entry selected.
static CITED_BY: &[Binding] = &[
    b!(
        [K(KeyCode::Enter)],
        Action::Select,
        "Enter",
        "open a lesson, or try that question",
        true
    ),
    b!(
        [K(KeyCode::Tab)],
        Action::NextPane,
        "Tab",
        "sentences",
        true
    ),
];
static NOTHING_DUE: &[Binding] = &[b!(
    [K(KeyCode::Enter), C('w')],
    Action::Select,
    "Enter",
    "practise weakest",
    true
)];
/// A yes/no question. Esc answers neither: it closes the question, which for quitting or
/// leaving is "no" and for a quiz offered for resuming is "later" (kept, asked again).
static CONFIRM: &[Binding] = &[
    b!([C('y'), C('Y')], Action::Confirm(true), "y", "yes", true),
    b!([C('n'), C('N')], Action::Confirm(false), "n", "no", true),
    b!([K(KeyCode::Esc)], Action::Back, "Esc", "cancel", true),
];
static GLOBAL: &[Binding] = &[
    b!([K(KeyCode::Esc)], Action::Back, "Esc", "back", true),
    b!([C('?'), K(KeyCode::F(1))], Action::Help, "?", "help", true),
    b!([C('q')], Action::Quit, "q", "quit", true),
];
/// In a text field printable keys type, so help and quit move off the letter keys.
static GLOBAL_TEXT: &[Binding] = &[
    b!([K(KeyCode::Esc)], Action::Back, "Esc", "back", true),
    b!([K(KeyCode::F(1))], Action::Help, "F1", "help", true),
];
static HELP: &[Binding] = &[
    b!(
        [K(KeyCode::Esc), C('?'), C('q'), K(KeyCode::Enter)],
        Action::Back,
        "Esc/?",
        "close help",
        true
    ),
    b!(
        [C('k'), K(KeyCode::Up)],
        Action::Up,
        "↑/k",
        "scroll up",
        true
    ),
    b!(
        [C('j'), K(KeyCode::Down)],
        Action::Down,
        "↓/j",
        "scroll down",
        true
    ),
];
/// Paging: lists, long lessons, and a question longer than the screen.
static PAGE: &[Binding] = &[
    b!(
        [K(KeyCode::PageUp)],
        Action::PageUp,
        "PgUp",
        "page up",
        false
    ),
    b!(
        [K(KeyCode::PageDown)],
        Action::PageDown,
        "PgDn",
        "page down",
        false
    ),
];

/// The tables that apply in `ctx`, most specific first.
fn tables(ctx: Context) -> Vec<&'static [Binding]> {
    match ctx {
        Context::Home | Context::Lessons => vec![HOME, NAV, PAGE, GLOBAL],
        Context::Lesson => vec![LESSON, NAV, PAGE, GLOBAL],
        Context::Choice { multi: true, .. } => vec![MULTI, CHOICE, PAGE, GLOBAL],
        Context::Choice { .. } => vec![CHOICE, PAGE, GLOBAL],
        Context::Text => vec![TEXT, PAGE, GLOBAL_TEXT],
        Context::Feedback => vec![FEEDBACK, NAV, PAGE, GLOBAL],
        Context::PacedFeedback => vec![PACED_FEEDBACK, NAV, PAGE, GLOBAL],
        Context::Waiting => vec![NAV, GLOBAL],
        Context::Results { retry: true } => vec![RETRY, RESULTS, NAV, PAGE, GLOBAL],
        Context::Results { retry: false } => vec![RESULTS, NAV, PAGE, GLOBAL],
        Context::Source => vec![SOURCE, NAV, PAGE, GLOBAL],
        Context::CitedBy => vec![CITED_BY, NAV, PAGE, GLOBAL],
        Context::Stats => vec![NAV, PAGE, GLOBAL],
        Context::NothingDue => vec![NOTHING_DUE, GLOBAL],
        Context::Confirm => vec![CONFIRM],
        Context::Help => vec![HELP],
    }
}

/// The action for a key press in `ctx`, if any. Releases and repeats of non-press kinds
/// (reported on Windows) are ignored.
pub fn action(ctx: Context, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
        return Some(Action::ForceQuit);
    }
    if ctrl {
        return None;
    }
    if let Context::Choice { options, .. } = ctx
        && let KeyCode::Char(c) = key.code
    {
        // Letters and digits choose an option when one has that letter or number.
        let index = match c {
            'a'..='z' => Some(c as usize - 'a' as usize),
            'A'..='Z' => Some(c as usize - 'A' as usize),
            '1'..='9' => Some(c as usize - '1' as usize),
            _ => None,
        };
        if let Some(i) = index.filter(|&i| i < options) {
            return Some(Action::Choose(i));
        }
    }
    let found = tables(ctx).into_iter().flatten().find(|b| {
        b.keys.iter().any(|k| match *k {
            Key::Char(c) => key.code == KeyCode::Char(c),
            Key::Code(code) => key.code == code,
        })
    });
    if let Some(b) = found {
        return Some(b.action.clone());
    }
    if let (Context::Choice { options, .. }, KeyCode::Char(c)) = (ctx, key.code)
        && c.is_ascii_alphanumeric()
    {
        let last = crate::text::letter(options.saturating_sub(1)).to_ascii_lowercase();
        let no = format!("{c} is not an option here: choose a to {last}.");
        return Some(Action::Notice(no));
    }
    match (ctx, key.code) {
        (Context::Text, KeyCode::Char(c)) => Some(Action::Input(c)),
        _ => None,
    }
}

/// Every binding of `ctx`, for the help overlay; choice letters come first.
pub fn help(ctx: Context) -> Vec<(String, &'static str)> {
    let mut rows = Vec::new();
    if let Context::Choice { options, multi } = ctx {
        let last = crate::text::letter(options.saturating_sub(1)).to_ascii_lowercase();
        let what = if multi {
            "toggle that option"
        } else {
            "answer with that option"
        };
        rows.push((format!("a-{last} / 1-{options}"), what));
    }
    if ctx == Context::Text {
        rows.push(("letters".to_owned(), "type the answer (paste works)"));
    }
    for b in tables(ctx).into_iter().flatten() {
        if !pointless(ctx, b) && !rows.iter().any(|(l, _)| l == b.label) {
            rows.push((b.label.to_owned(), b.what));
        }
    }
    rows.push(("Ctrl-C".to_owned(), "quit at once"));
    rows
}

/// Most lines the help overlay's guide below the keys takes, wrapped (for its scrolling).
pub const GUIDE_LINES: usize = 20;

/// Hints the footer shows on every screen whatever its width (back, help, quit), dropping the
/// screen's own hints first.
pub const ALWAYS_SHOWN: [&str; 4] = ["Esc", "?", "F1", "q"];

/// The letters of `n` options as the footer and help show them: `a`, `a-b`, … `a-z`.
const LETTERS: [&str; 26] = [
    "a", "a-b", "a-c", "a-d", "a-e", "a-f", "a-g", "a-h", "a-i", "a-j", "a-k", "a-l", "a-m", "a-n",
    "a-o", "a-p", "a-q", "a-r", "a-s", "a-t", "a-u", "a-v", "a-w", "a-x", "a-y", "a-z",
];

/// A binding that does nothing in `ctx`: Esc on Home, the bottom of the stack.
fn pointless(ctx: Context, b: &Binding) -> bool {
    ctx == Context::Home && b.action == Action::Back
}

/// The bindings shown in the footer of `ctx`.
pub fn footer(ctx: Context) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&'static str, &'static str)> = Vec::new();
    if let Context::Choice { multi, options } = ctx {
        let letters = LETTERS[options.clamp(1, LETTERS.len()) - 1];
        rows.push((letters, if multi { "toggle" } else { "answer" }));
    }
    for b in tables(ctx).into_iter().flatten().filter(|b| b.footer) {
        if !pointless(ctx, b) && !rows.iter().any(|(l, _)| *l == b.label) {
            rows.push((b.label, b.what));
        }
    }
    rows
}
