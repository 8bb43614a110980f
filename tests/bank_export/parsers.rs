//! Readers of the exported formats, modelled on the programs that import them: Moodle's
//! GIFT importer (`question/format/gift/format.php`) and Anki's CSV import (the `csv` crate
//! with `#` comments and `"` quotes).

/// A character after Moodle's `escapedchar_pre`: escaped ones are never syntax.
type Tok = (char, bool);

#[derive(Debug)]
pub struct Answer {
    pub mark: char,
    pub weight: f64,
    pub text: String,
    pub feedback: String,
}

#[derive(Debug)]
pub struct GiftQuestion {
    pub category: String,
    pub title: String,
    pub text: String,
    /// `m` multiple choice, `s` single choice, `t` true/false, `a` short answer.
    pub kind: char,
    pub answers: Vec<Answer>,
    pub truth: Option<bool>,
    pub general: String,
}

fn lex(s: &str) -> Vec<Tok> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        match (cs[i], cs.get(i + 1)) {
            ('\\', Some(&n)) if "\\:#={}~n".contains(n) => {
                out.push((if n == 'n' { '\n' } else { n }, true));
                i += 2;
            }
            (c, _) => {
                out.push((c, false));
                i += 1;
            }
        }
    }
    out
}

fn find(t: &[Tok], pat: &str, last: bool) -> Option<usize> {
    let p: Vec<Tok> = pat.chars().map(|c| (c, false)).collect();
    let mut hits = (0..=t.len().saturating_sub(p.len())).filter(|&i| t[i..].starts_with(&p));
    if last { hits.next_back() } else { hits.next() }
}

fn split(t: &[Tok], c: char, max: usize) -> Vec<&[Tok]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, &(x, esc)) in t.iter().enumerate() {
        if x == c && !esc && parts.len() + 1 < max {
            parts.push(&t[start..i]);
            start = i + 1;
        }
    }
    parts.push(&t[start..]);
    parts
}

fn trim(t: &[Tok]) -> &[Tok] {
    let ws = |x: &Tok| !x.1 && x.0.is_whitespace();
    let a = t.iter().position(|x| !ws(x)).unwrap_or(t.len());
    let b = t.iter().rposition(|x| !ws(x)).map_or(a, |b| b + 1);
    &t[a..b]
}

/// Moodle's `parse_text_with_format`: an optional `[format]` prefix, unescape, trim.
fn text(t: &[Tok]) -> String {
    let mut s: String = trim(t).iter().map(|x| x.0).collect();
    for f in ["[plain]", "[html]", "[moodle]", "[markdown]"] {
        if trim(t).first() == Some(&('[', false)) && s.starts_with(f) {
            s = s[f.len()..].to_owned();
            break;
        }
    }
    s.trim().to_owned()
}

/// A leading `%weight%`, as Moodle's `^%\-*([0-9]{1,2})\.?([0-9]*)%`.
fn weight(t: &[Tok]) -> Option<(f64, &[Tok])> {
    let s: String = t.iter().map(|x| x.0).collect();
    let rest = s.strip_prefix('%')?;
    let end = rest.find('%')?;
    let w = &rest[..end];
    let digits = w.trim_start_matches('-');
    let ok = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    ok.then(|| (w.parse().ok(), &t[end + 2..]))
        .and_then(|(w, r)| w.map(|w| (w, r)))
}

/// One answer: `=` in a multiple choice is worth 100 as is; otherwise a leading `%w%` is its
/// weight, else `default`.
fn answer(t: &[Tok], mark: char, default: f64, weighted: bool) -> Answer {
    let t = trim(t);
    let (weight, t) = weight(t).filter(|_| weighted).unwrap_or((default, t));
    let bits = split(t, '#', 2);
    Answer {
        mark,
        weight,
        text: text(bits[0]),
        feedback: bits.get(1).map_or_else(String::new, |f| text(f)),
    }
}

pub fn parse_gift(input: &str) -> Vec<GiftQuestion> {
    let mut category = String::new();
    let mut out = Vec::new();
    for block in input.split("\n\n") {
        let kept: Vec<&str> = block
            .lines()
            .filter(|l| !l.trim().starts_with("//"))
            .collect();
        let all = lex(kept.join("\n").trim());
        if all.is_empty() {
            continue;
        }
        let s: String = all.iter().map(|x| x.0).collect();
        if let Some(c) = s.strip_prefix("$CATEGORY:") {
            category = c.trim().to_owned();
            continue;
        }
        assert!(s.starts_with("::"), "no title: {s}");
        let end = find(&all[2..], "::", false).expect("title end") + 2;
        let title = text(&all[2..end]);
        let rest = &all[end + 2..];
        let open = find(rest, "{", false).expect("answers");
        let close = find(rest, "}", false).expect("closing brace");
        assert_eq!(close, rest.len() - 1, "text after the answers: {s}");
        let mut body = trim(&rest[open + 1..close]);
        let mut general = String::new();
        if let Some(g) = find(body, "####", true) {
            general = text(&body[g + 4..]);
            body = trim(&body[..g]);
        }
        let has = |c: char| body.contains(&(c, false));
        let head: String = text(split(body, '#', 2)[0]);
        let (kind, answers, truth) = if has('~') {
            let mut parts = Vec::new();
            for p in split(body, '~', usize::MAX) {
                let eq = split(p, '=', usize::MAX);
                parts.push(answer(eq[0], '~', 0.0, true));
                parts.extend(eq[1..].iter().map(|a| answer(a, '=', 100.0, false)));
            }
            parts.retain(|a| !(a.text.is_empty() && a.feedback.is_empty() && a.mark == '~'));
            (if has('=') { 's' } else { 'm' }, parts, None)
        } else if ["T", "TRUE", "F", "FALSE"].contains(&head.as_str()) {
            ('t', Vec::new(), Some(head.starts_with('T')))
        } else {
            let parts = split(body, '=', usize::MAX)[1..]
                .iter()
                .map(|a| answer(a, '=', 100.0, true))
                .collect();
            ('a', parts, None)
        };
        out.push(GiftQuestion {
            category: category.clone(),
            title,
            text: text(&rest[..open]),
            kind,
            answers,
            truth,
            general,
        });
    }
    out
}

/// Records of a tab-separated file read as Anki does: `#` at the start of a record is a
/// comment (or header) line, `"` starts a quoted field in which `""` is a quote.
pub fn parse_anki(input: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let (mut headers, mut rows) = (Vec::new(), Vec::new());
    let cs: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '#' {
            let end = cs[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(cs.len(), |e| i + e);
            headers.push(cs[i..end].iter().collect());
            i = end + 1;
            continue;
        }
        let mut row = Vec::new();
        loop {
            let mut f = String::new();
            if cs.get(i) == Some(&'"') {
                i += 1;
                while i < cs.len() {
                    if cs[i] == '"' && cs.get(i + 1) == Some(&'"') {
                        f.push('"');
                        i += 2;
                    } else if cs[i] == '"' {
                        i += 1;
                        break;
                    } else {
                        f.push(cs[i]);
                        i += 1;
                    }
                }
            }
            while i < cs.len() && cs[i] != '\t' && cs[i] != '\n' {
                f.push(cs[i]);
                i += 1;
            }
            row.push(f);
            i += 1;
            if cs.get(i - 1) != Some(&'\t') {
                break;
            }
        }
        rows.push(row);
    }
    (headers, rows)
}
