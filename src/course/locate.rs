//! Finds the line and column of a field path (`[3].cites[0]`) in a YAML text.
//!
//! serde keeps no spans, so the checker records paths and this module maps them to positions
//! with one event-level parse, done only when there is something to report.

use super::diag::Diagnostic;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

enum Frame {
    Seq {
        path: String,
        next: usize,
    },
    /// `key` and its position, once read, until its value starts.
    Map {
        path: String,
        key: Option<(String, Marker)>,
    },
}

#[derive(Default)]
struct PathIndex {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
}

impl PathIndex {
    /// Path of the node about to start, with the position of its key when it is a mapping
    /// value; `None` when the node is itself a mapping key.
    fn node_path(&mut self, ev: &Event, mark: Marker) -> Option<(String, Option<Marker>)> {
        match self.stack.last_mut() {
            None => Some((String::new(), None)),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some((p, None))
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some((k, m)) if path.is_empty() => Some((k, Some(m))),
                Some((k, m)) => Some((format!("{path}.{k}"), Some(m))),
                None => {
                    let k = match ev {
                        Event::Scalar(s, ..) => s.clone(),
                        _ => "?".to_owned(),
                    };
                    *key = Some((k, mark));
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for PathIndex {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::SequenceStart(..)
            | Event::MappingStart(..) => {
                let Some((path, key_mark)) = self.node_path(&ev, mark) else {
                    // A complex key (mapping or sequence) still needs its frame popped later.
                    match ev {
                        Event::SequenceStart(..) => self.stack.push(Frame::Seq {
                            path: "?".into(),
                            next: 0,
                        }),
                        Event::MappingStart(..) => self.stack.push(Frame::Map {
                            path: "?".into(),
                            key: None,
                        }),
                        _ => {}
                    }
                    return;
                };
                // A scalar is best shown where its value is; a collection where its key is,
                // since the parser marks a block collection at its first child.
                let at = match (&ev, key_mark) {
                    (Event::Scalar(..) | Event::Alias(_), _) | (_, None) => mark,
                    (_, Some(k)) => k,
                };
                // Marker columns are 0-based.
                self.positions
                    .entry(path.clone())
                    .or_insert((at.line(), at.col() + 1));
                match ev {
                    Event::SequenceStart(..) => self.stack.push(Frame::Seq { path, next: 0 }),
                    Event::MappingStart(..) => self.stack.push(Frame::Map { path, key: None }),
                    _ => {}
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// Line and column (1-based) of every node path in `text`. A text that does not parse yields
/// what was indexed before the error.
pub fn index(text: &str) -> HashMap<String, (usize, usize)> {
    let mut idx = PathIndex::default();
    let _ = Parser::new_from_str(text).load(&mut idx, false);
    idx.positions
}

/// Fills in line and column of every diagnostic that has none, from the files' texts. A path
/// that is not found falls back to its nearest indexed ancestor.
pub fn resolve(diags: &mut [Diagnostic], text_of: impl Fn(&str) -> Option<String>) {
    let mut cache: HashMap<String, HashMap<String, (usize, usize)>> = HashMap::new();
    for d in diags
        .iter_mut()
        .filter(|d| d.line == 0 && !d.path.is_empty())
    {
        let positions = cache
            .entry(d.file.clone())
            .or_insert_with(|| text_of(&d.file).map(|t| index(&t)).unwrap_or_default());
        let mut path = d.path.as_str();
        loop {
            if let Some(&(line, col)) = positions.get(path) {
                d.line = line;
                d.column = col;
                break;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => {
                    if let Some(&(line, col)) = positions.get("") {
                        d.line = line;
                        d.column = col;
                    }
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_lines_and_columns() {
        let text = "- id: a\n  cites: [s1, s2]\n- id: b\n  options:\n    - { id: x, why: w }\n";
        let idx = index(text);
        assert_eq!(idx["[0].id"], (1, 7));
        assert_eq!(idx["[0].cites[1]"], (2, 15));
        assert_eq!(idx["[1].options[0].why"], (5, 21));
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let text = "id: c\nsource:\n  title: t\n";
        let mut d = [Diagnostic::error(
            "course.yaml",
            "source.sentences[4]",
            "x".into(),
        )];
        resolve(&mut d, |_| Some(text.to_owned()));
        assert_eq!((d[0].line, d[0].column), (2, 1));
    }
}
