//! Turns the bytes a client's terminal sends into the TUI's inputs. There is no line
//! discipline on the server: Ctrl-C arrives as a key (the key table makes it quit at once, as
//! in the local raw-mode terminal), and so does Ctrl-Z (bound to nothing, as locally).

use crate::tui::Input;
use ratatui::crossterm::event::{Event as CtEvent, KeyEventKind};
use terminput::Event;

const ESC: u8 = 0x1b;
/// Start and end of a bracketed paste.
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
/// Longest paste kept while waiting for its end; the rest of a longer one is skipped, and
/// the paste dropped.
const MAX_PASTE: usize = 64 * 1024;
/// Longest escape sequence kept while waiting for its end (real ones are under 64 bytes);
/// longer is dropped. Each byte parses what is pending again, so this bounds that work.
const MAX_SEQUENCE: usize = 256;

/// An incremental parser of terminal input (xterm, fixterms and kitty sequences, UTF-8,
/// bracketed paste).
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
    /// Inside a paste too long to keep: bytes are dropped until its end marker.
    skipping: bool,
}

impl Decoder {
    /// The inputs completed by `bytes`. An escape sequence split across reads is held until
    /// it completes; a lone ESC with more bytes behind it in the same read is held too, so
    /// ESC followed by a key is taken as one sequence (Alt+key, or an arrow key) as crossterm
    /// does, and a lone ESC at the end of a read is the Esc key. At most one input per byte.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        self.feed_part(bytes, false)
    }

    /// [`Decoder::feed`] for part of a read: `more` says that more bytes of it follow (so a
    /// lone ESC at the end is held).
    pub fn feed_part(&mut self, bytes: &[u8], more: bool) -> Vec<Input> {
        let mut out = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            self.pending.push(b);
            if self.skipping {
                self.skip();
                continue;
            }
            if self.pending == [ESC] && (more || i + 1 < bytes.len()) {
                continue;
            }
            // A paste is only complete at its end marker: skip parsing until then.
            if self.pending.starts_with(PASTE_START) && !self.pending.ends_with(PASTE_END) {
                if self.pending.len() > MAX_PASTE {
                    self.skipping = true;
                    self.skip();
                }
                continue;
            }
            match Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    out.extend(convert(event));
                }
                Ok(None) if self.pending.len() <= MAX_SEQUENCE => {}
                // Incomplete but far too long, or not a sequence at all: drop it.
                Ok(None) | Err(_) => self.pending.clear(),
            }
        }
        out
    }

    /// In a skipped paste: keeps only what may be the start of its end marker.
    fn skip(&mut self) {
        if self.pending.ends_with(PASTE_END) {
            self.skipping = false;
            self.pending.clear();
        } else if self.pending.len() >= PASTE_END.len() {
            let keep = self.pending.len() - (PASTE_END.len() - 1);
            self.pending.drain(..keep);
        }
    }
}

/// The TUI's input for a parsed event: key presses and pastes; the rest (mouse, focus) is
/// not used.
fn convert(event: Event) -> Option<Input> {
    match terminput_crossterm::to_crossterm(event).ok()? {
        CtEvent::Key(k) if k.kind != KeyEventKind::Release => Some(Input::Key(k)),
        CtEvent::Paste(s) => Some(Input::Paste(s)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode, m: KeyModifiers) -> Input {
        Input::Key(KeyEvent::new(code, m))
    }

    fn codes(inputs: &[Input]) -> Vec<(KeyCode, KeyModifiers)> {
        inputs
            .iter()
            .map(|i| match i {
                Input::Key(k) => (k.code, k.modifiers),
                other => panic!("not a key: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn keys_arrows_and_control_keys() {
        let mut d = Decoder::default();
        let got = d.feed(b"a\r\x1b[A\x7f\x03\x1a\t");
        assert_eq!(
            codes(&got),
            vec![
                (KeyCode::Char('a'), KeyModifiers::NONE),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::Up, KeyModifiers::NONE),
                (KeyCode::Backspace, KeyModifiers::NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::Char('z'), KeyModifiers::CONTROL),
                (KeyCode::Tab, KeyModifiers::NONE),
            ]
        );
    }

    #[test]
    fn a_lone_esc_is_esc_and_a_split_sequence_waits() {
        let mut d = Decoder::default();
        assert_eq!(d.feed(b"\x1b"), vec![key(KeyCode::Esc, KeyModifiers::NONE)]);
        // ESC then a key in one read: one sequence (Alt+key), as crossterm reads it.
        assert_eq!(
            d.feed(b"\x1bx"),
            vec![key(KeyCode::Char('x'), KeyModifiers::ALT)]
        );
        assert!(d.feed(b"\x1b[").is_empty());
        assert_eq!(d.feed(b"B"), vec![key(KeyCode::Down, KeyModifiers::NONE)]);
    }

    #[test]
    fn utf8_split_across_reads_and_pastes() {
        let mut d = Decoder::default();
        let e = "é".as_bytes();
        assert!(d.feed(&e[..1]).is_empty());
        assert_eq!(
            d.feed(&e[1..]),
            vec![key(KeyCode::Char('é'), KeyModifiers::NONE)]
        );
        assert!(d.feed(b"\x1b[200~taxol an").is_empty());
        assert_eq!(
            d.feed(b"d 5-FU\x1b[201~"),
            vec![Input::Paste("taxol and 5-FU".to_owned())]
        );
    }

    #[test]
    fn a_paste_too_long_is_skipped_to_its_end_and_a_long_sequence_dropped() {
        let mut d = Decoder::default();
        let mut big = PASTE_START.to_vec();
        big.extend(std::iter::repeat_n(b'x', MAX_PASTE + 10));
        assert!(d.feed(&big).is_empty());
        // Not typed as keys: skipped, across reads, to the end marker.
        assert!(d.feed(b"xxxx\x1b[20").is_empty());
        assert_eq!(
            codes(&d.feed(b"1~q")),
            vec![(KeyCode::Char('q'), KeyModifiers::NONE)]
        );
        // An unfinished sequence is not kept (and parsed again) beyond MAX_SEQUENCE bytes.
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'1', MAX_SEQUENCE));
        let _ = d.feed(&long);
        assert!(d.pending.len() <= MAX_SEQUENCE);
    }

    #[test]
    fn an_esc_at_the_end_of_a_part_waits_for_the_rest() {
        let mut d = Decoder::default();
        assert!(d.feed_part(b"\x1b", true).is_empty());
        assert_eq!(d.feed(b"[A"), vec![key(KeyCode::Up, KeyModifiers::NONE)]);
    }

    #[test]
    fn garbage_is_dropped_and_the_parser_recovers() {
        let mut d = Decoder::default();
        let _ = d.feed(b"\x1b[999;999;999Q");
        assert_eq!(
            codes(&d.feed(b"q")),
            vec![(KeyCode::Char('q'), KeyModifiers::NONE)]
        );
    }
}
