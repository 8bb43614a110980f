//! The home menu: its entries, in order, and their words.

/// An entry of the home menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuEntry {
    Lessons,
    PracticeQuiz,
    CaseDrill,
    Review,
    Statistics,
    Source,
    Help,
    Quit,
}

/// Home menu entries, in order.
pub const MENU: [MenuEntry; 8] = [
    MenuEntry::Lessons,
    MenuEntry::PracticeQuiz,
    MenuEntry::CaseDrill,
    MenuEntry::Review,
    MenuEntry::Statistics,
    MenuEntry::Source,
    MenuEntry::Help,
    MenuEntry::Quit,
];

impl MenuEntry {
    /// The words on the menu (and, for the quizzes, the quiz's title).
    pub fn label(self) -> &'static str {
        match self {
            MenuEntry::Lessons => "Lessons",
            MenuEntry::PracticeQuiz => "Practice quiz",
            MenuEntry::CaseDrill => "Case drill",
            MenuEntry::Review => "Review",
            MenuEntry::Statistics => "Statistics",
            MenuEntry::Source => "Source",
            MenuEntry::Help => "Help",
            MenuEntry::Quit => "Quit",
        }
    }
}
