//! The one way the binary speaks on stderr: `error: `, `warning: ` and `note: ` lines, each
//! on one line with every control character and escape sequence removed, since a message may
//! carry a course file's text, a path, a store's row or a client's name.

use std::fmt::Display;

fn say(kind: &str, msg: impl Display) {
    eprintln!("{kind}: {}", tutor::text::sanitize_line(&msg.to_string()));
}

pub fn error(msg: impl Display) {
    say("error", msg);
}

pub fn warning(msg: impl Display) {
    say("warning", msg);
}

pub fn note(msg: impl Display) {
    say("note", msg);
}
