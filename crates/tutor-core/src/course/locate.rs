//! Finds the line and column of a field path (`[3].cites[0]`) in a YAML text.
//!
//! serde keeps no spans, so the checker records paths and this module maps them to positions
//! with one event-level parse, done only when there is something to report.

use super::diag::Diagnostic;
use std::collections::{HashMap, HashSet};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A collection being read. A frame that is not `live` holds no wanted path, nor do its
/// children, whose paths are then not even built.
enum Frame {
    Seq {
        path: String,
        next: usize,
        live: bool,
    },
    /// `key` and its position, once read, until its value starts.
    Map {
        path: String,
        key: Option<(String, Marker)>,
        live: bool,
    },
}

#[derive(Default)]
struct PathIndex {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
    /// Paths to record, closed under ancestors; `None` for every path.
    wanted: Option<HashSet<String>>,
}

impl PathIndex {
    /// Path of the node about to start, with the position of its key when it is a mapping
    /// value; `None` when the node is itself a mapping key.
    /// The path is `None` under a frame that is not live.
    fn node_path(&mut self, ev: &Event, mark: Marker) -> Option<(Option<String>, Option<Marker>)> {
        match self.stack.last_mut() {
            None => Some((Some(String::new()), None)),
            Some(Frame::Seq { path, next, live }) => {
                let p = live.then(|| format!("{path}[{next}]"));
                *next += 1;
                Some((p, None))
            }
            Some(Frame::Map { path, key, live }) => match key.take() {
                Some((_, m)) if !*live => Some((None, Some(m))),
                Some((k, m)) if path.is_empty() => Some((Some(k), Some(m))),
                Some((k, m)) => Some((Some(format!("{path}.{k}")), Some(m))),
                None => {
                    let k = match ev {
                        Event::Scalar(s, ..) if *live => s.clone(),
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
                            live: false,
                        }),
                        Event::MappingStart(..) => self.stack.push(Frame::Map {
                            path: "?".into(),
                            key: None,
                            live: false,
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
                let path = path.filter(|p| self.wanted.as_ref().is_none_or(|w| w.contains(p)));
                let live = path.is_some();
                let path = path.unwrap_or_default();
                if live {
                    // Marker columns are 0-based.
                    self.positions
                        .entry(path.clone())
                        .or_insert((at.line(), at.col() + 1));
                }
                match ev {
                    Event::SequenceStart(..) => self.stack.push(Frame::Seq {
                        path,
                        next: 0,
                        live,
                    }),
                    Event::MappingStart(..) => self.stack.push(Frame::Map {
                        path,
                        key: None,
                        live,
                    }),
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
    index_only(text, None)
}

/// [`index`] restricted to `wanted` paths (closed under ancestors), so that the cost and the
/// memory do not grow with the paths of every node.
fn index_only(text: &str, wanted: Option<HashSet<String>>) -> HashMap<String, (usize, usize)> {
    let mut idx = PathIndex {
        wanted,
        ..PathIndex::default()
    };
    let _ = Parser::new_from_str(text).load(&mut idx, false);
    idx.positions
}

/// Every path and its ancestors (cut at each `.` and `[`), down to the root `""`.
fn with_ancestors<'a>(paths: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let mut set = HashSet::from([String::new()]);
    for p in paths {
        set.insert(p.to_owned());
        for (cut, _) in p.match_indices(['.', '[']) {
            set.insert(p[..cut].to_owned());
        }
    }
    set
}

/// Fills in line and column of every diagnostic that has none, from the files' texts. A path
/// that is not found falls back to its nearest indexed ancestor.
pub fn resolve(diags: &mut [Diagnostic], text_of: impl Fn(&str) -> Option<String>) {
    let unplaced = |d: &&mut Diagnostic| d.line == 0 && !d.path.is_empty();
    let mut cache: HashMap<String, HashMap<String, (usize, usize)>> = HashMap::new();
    let mut wanted: HashMap<String, Vec<String>> = HashMap::new();
    for d in diags.iter_mut().filter(unplaced) {
        wanted
            .entry(d.file.clone())
            .or_default()
            .push(d.path.clone());
    }
    for d in diags.iter_mut().filter(unplaced) {
        let positions = cache.entry(d.file.clone()).or_insert_with(|| {
            let paths = wanted
                .get(&d.file)
                .map(|w| with_ancestors(w.iter().map(String::as_str)));
            text_of(&d.file)
                .map(|t| index_only(&t, paths))
                .unwrap_or_default()
        });
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
    fn only_wanted_paths_are_indexed() {
        let text = "- id: a\n  cites: [s1, s2]\n- id: b\n  options:\n    - { id: x, why: w }\n";
        let idx = index_only(
            text,
            Some(with_ancestors(["[1].options[0].why"].into_iter())),
        );
        assert_eq!(idx["[1].options[0].why"], (5, 21));
        assert_eq!(idx["[1].options"], (4, 3));
        assert!(
            !idx.contains_key("[0].id") && !idx.contains_key("[1].id"),
            "{idx:?}"
        );
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
