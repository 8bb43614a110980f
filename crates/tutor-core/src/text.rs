//! Small text helpers shared by the core: terminal-safe text and `{{placeholder}}` templates.

/// Removes control characters and terminal escape sequences, keeping newlines and tabs.
///
/// Course files are checked for control characters, but every front end still passes course
/// text through here so that no escape sequence can reach a terminal whatever the source.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            // ESC starts a sequence: drop it with its parameters (CSI/OSC/two-byte forms).
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    // CSI: parameters and intermediates up to a final byte in @..~.
                    for n in chars.by_ref() {
                        if ('@'..='~').contains(&n) {
                            break;
                        }
                    }
                }
                Some(']') | Some('P') | Some('_') | Some('^') => {
                    chars.next();
                    // OSC/DCS/APC/PM: up to BEL or ST (ESC \).
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' {
                            break;
                        }
                        if n == '\u{1b}' {
                            if chars.peek() == Some(&'\\') {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            c if is_forbidden_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`sanitize`] for text that must stay on one line (file names, field paths, one-line
/// messages): newlines show as `\n`, tabs as a space, so a hostile name cannot forge a
/// diagnostic line of its own.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).replace('\n', "\\n").replace('\t', " ")
}

/// Control characters that must never reach a terminal: C0 (but newline and tab), DEL, C1,
/// and the bidirectional overrides that can disguise text.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first forbidden control character in `s`, with its char offset.
pub fn find_control(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|&(_, c)| is_forbidden_control(c))
}

/// Names of the `{{name}}` placeholders in `s`, in order of appearance.
pub fn placeholders(s: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                names.push(after[..end].trim());
                rest = &after[end + 2..];
            }
            None => break,
        }
    }
    names
}

/// Replaces each `{{name}}` with `lookup(name)`; unknown names are left as written.
pub fn fill<'a>(s: &str, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push_str(&rest[..start]);
        let name = after[..end].trim();
        match lookup(name) {
            Some(v) => out.push_str(v),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// `s` cut to `width` characters with an ellipsis.
pub fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Upper-case letter for option `i` (A, B, ...), `?` past Z.
pub fn letter(i: usize) -> char {
    u8::try_from(i)
        .ok()
        .filter(|&i| i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escape_sequences_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]8;;http://e\u{1b}\\link"), "xlink");
        assert_eq!(
            sanitize("bell\u{7} nul\u{0} del\u{7f} c1\u{9b}"),
            "bell nul del c1"
        );
        assert_eq!(sanitize("keep\nlines\tand tabs"), "keep\nlines\tand tabs");
        assert_eq!(sanitize("rtl\u{202e}override"), "rtloverride");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn placeholders_are_listed_and_filled() {
        let s = "A {{age}}-year-old {{ sex }} with {{site}}.";
        assert_eq!(placeholders(s), ["age", "sex", "site"]);
        let filled = fill(s, |n| match n {
            "age" => Some("58"),
            "sex" => Some("woman"),
            _ => None,
        });
        assert_eq!(filled, "A 58-year-old woman with {{site}}.");
        assert_eq!(
            fill("open {{ never closed", |_| Some("x")),
            "open {{ never closed"
        );
    }

    #[test]
    fn letters_run_a_to_z_then_question_mark() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(25), 'Z');
        assert_eq!(letter(26), '?');
    }
}
