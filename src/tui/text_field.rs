//! A one-line text field with a cursor: typing, paste, left/right, Home/End, Backspace/Delete.

use unicode_width::UnicodeWidthStr;

/// Longest answer kept; a larger paste is cut here rather than slowing every redraw.
pub const MAX_CHARS: usize = crate::grade::MAX_ANSWER_CHARS;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextField {
    text: String,
    /// Cursor position in chars.
    cursor: usize,
}

impl TextField {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Inserts a typed character; control characters are ignored.
    pub fn insert(&mut self, c: char) {
        if c.is_control() || self.len() >= MAX_CHARS {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text as one line: newlines and tabs become spaces, other control
    /// characters and escape sequences are dropped, and the field stays under [`MAX_CHARS`].
    pub fn paste(&mut self, s: &str) {
        let room = MAX_CHARS.saturating_sub(self.len());
        let clean: String = crate::text::sanitize(s)
            .chars()
            .map(|c| {
                if c == '\n' || c == '\t' || c == '\r' {
                    ' '
                } else {
                    c
                }
            })
            .take(room)
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Display width of the text before the cursor, for placing the terminal cursor.
    pub fn cursor_width(&self) -> usize {
        self.text[..self.byte_at(self.cursor)].width()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_moves_the_cursor_over_chars_not_bytes() {
        let mut f = TextField::default();
        for c in "sürgery".chars() {
            f.insert(c);
        }
        f.home();
        f.right();
        f.delete();
        assert_eq!(f.text(), "srgery");
        f.insert('u');
        f.end();
        f.backspace();
        assert_eq!((f.text(), f.cursor()), ("surger", 6));
        f.left();
        f.left();
        f.paste("g\ne\u{1b}[31m");
        assert_eq!(f.text(), "surgg eer");
    }

    #[test]
    fn a_huge_paste_is_cut_to_the_limit() {
        let mut f = TextField::default();
        f.paste(&"x".repeat(100_000));
        assert_eq!(f.text().len(), MAX_CHARS);
        f.insert('y');
        assert_eq!(f.text().len(), MAX_CHARS);
    }
}
