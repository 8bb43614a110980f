//! Who a student is: a user name *in a data directory*. The same name in two directories
//! (`ann` in `class-a/` and in `class-b/`, or a shared lab account used by everyone) is two
//! students; such names are labelled with the shortest distinguishing directory label
//! (`ann (class-a)`), and the report warns about each. A name found in one directory only
//! keeps its bare name.

use crate::store::Attempt;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The attempts read from one data directory.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The directory they came from (its trailing components label students).
    pub dir: &'a Path,
    pub attempts: &'a [Attempt],
}

/// A student: their user name and the index of their source (ordered by name, then source).
pub type StudentId<'a> = (&'a str, usize);

/// The shortest label of each directory that no other directory in `dirs` shares: its last
/// path component, or as many trailing components as it takes (`2024/class-a` against
/// `2025/class-a`); the whole path when even that collides, with `#N` (the directory's place
/// in the list, from 1) when two are the same path.
pub fn dir_labels(dirs: &[&Path]) -> Vec<String> {
    let parts: Vec<Vec<String>> = dirs
        .iter()
        .map(|d| {
            d.components()
                .filter_map(|c| match c {
                    std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let suffix = |p: &[String], m: usize| p[p.len().saturating_sub(m)..].join("/");
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let unique = |m: usize| {
                let mine = suffix(p, m);
                parts
                    .iter()
                    .enumerate()
                    .all(|(j, q)| j == i || suffix(q, m) != mine)
            };
            match (1..=p.len()).find(|&m| unique(m)) {
                Some(m) => suffix(p, m),
                None if dirs
                    .iter()
                    .enumerate()
                    .any(|(j, d)| j != i && *d == dirs[i]) =>
                {
                    format!("{}#{}", dirs[i].display(), i + 1)
                }
                None => dirs[i].display().to_string(),
            }
        })
        .collect()
}

/// The students of a report: which names occur in several sources, and how each student is
/// labelled.
pub struct Students {
    labels: Vec<String>,
    /// Each source's directory, as given.
    dirs: Vec<String>,
    /// Names found in more than one source, with those sources (in order).
    split: BTreeMap<String, Vec<usize>>,
}

impl Students {
    /// From the `(source, attempt)` pairs the report analyses.
    pub fn new<'a>(
        sources: &[Source<'_>],
        analysed: impl IntoIterator<Item = (usize, &'a Attempt)>,
    ) -> Students {
        let mut found: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (s, a) in analysed {
            found.entry(a.user.as_str()).or_default().insert(s);
        }
        let split: BTreeMap<String, Vec<usize>> = found
            .into_iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(u, s)| (u.to_owned(), s.into_iter().collect()))
            .collect();
        let dirs: Vec<&Path> = sources.iter().map(|s| s.dir).collect();
        // Labels are only shown for split names: none to work out without one.
        let labels = if split.is_empty() {
            Vec::new()
        } else {
            dir_labels(&dirs)
        };
        Students {
            labels,
            dirs: dirs.iter().map(|d| d.display().to_string()).collect(),
            split,
        }
    }

    /// Whether this student's name occurs in several sources.
    pub fn is_split(&self, (user, _): StudentId<'_>) -> bool {
        self.split.contains_key(user)
    }

    /// `ann`, or `ann (class-a)` when the name occurs in several sources.
    pub fn label(&self, id: StudentId<'_>) -> String {
        if self.is_split(id) {
            format!("{} ({})", id.0, self.labels[id.1])
        } else {
            id.0.to_owned()
        }
    }

    /// The directory of a student whose name occurs in several sources.
    pub fn source(&self, id: StudentId<'_>) -> Option<String> {
        self.is_split(id).then(|| self.dirs[id.1].clone())
    }

    /// One warning per name found in several sources: `user ann appears in 2 data
    /// directories (class-a, class-b): reported as 2 students`.
    pub fn warnings(&self) -> Vec<String> {
        self.split
            .iter()
            .map(|(user, sources)| {
                let dirs: Vec<&str> = sources.iter().map(|&s| self.labels[s].as_str()).collect();
                format!(
                    "user {user} appears in {n} data directories ({}): reported as {n} students",
                    dirs.join(", "),
                    n = sources.len()
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(dirs: &[&str]) -> Vec<String> {
        let paths: Vec<&Path> = dirs.iter().map(Path::new).collect();
        dir_labels(&paths)
    }

    #[test]
    fn labels_are_the_shortest_distinguishing_suffix() {
        assert_eq!(
            labels(&["/t/class-a", "/t/class-b/", "lab"]),
            ["class-a", "class-b", "lab"]
        );
        assert_eq!(
            labels(&["/x/2024/class-a", "/x/2025/class-a", "/x/2025/class-b"]),
            ["2024/class-a", "2025/class-a", "class-b"]
        );
        assert_eq!(
            labels(&["a/b", "b"]),
            ["a/b", "b"],
            "a path is its own suffix"
        );
        assert_eq!(labels(&["/s/lab", "/s/lab"]), ["/s/lab#1", "/s/lab#2"]);
    }

    fn attempt(user: &str) -> Attempt {
        Attempt {
            at_ms: 0,
            user: user.into(),
            course: "c".into(),
            course_version: 1,
            question: "q".into(),
            item: Some("q".into()),
            template: None,
            unit: "q".into(),
            quiz_seed: 1,
            case_seed: None,
            vars: None,
            options: Vec::new(),
            answer: String::new(),
            correct: true,
            typo: false,
            seconds: 1.0,
            mode: crate::store::Mode::Drill,
            drill: Some("d".into()),
            cites: Vec::new(),
            timed_out: false,
            step: None,
        }
    }

    #[test]
    fn a_name_in_several_directories_is_several_labelled_students() {
        let (a, b, c) = (
            [attempt("ann"), attempt("bob")],
            [attempt("ann")],
            [attempt("lab")],
        );
        let sources = [
            Source {
                dir: Path::new("/t/class-a"),
                attempts: &a,
            },
            Source {
                dir: Path::new("/t/class-b"),
                attempts: &b,
            },
            Source {
                dir: Path::new("/t/lab1"),
                attempts: &c,
            },
        ];
        let pairs = sources
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.attempts.iter().map(move |a| (i, a)));
        let st = Students::new(&sources, pairs);
        assert_eq!(st.label(("ann", 0)), "ann (class-a)");
        assert_eq!(st.label(("ann", 1)), "ann (class-b)");
        assert_eq!(
            st.label(("bob", 0)),
            "bob",
            "a name in one directory stays bare"
        );
        assert_eq!(st.source(("ann", 1)).as_deref(), Some("/t/class-b"));
        assert_eq!(st.source(("bob", 0)), None);
        assert_eq!(st.label(("lab", 2)), "lab");
        assert_eq!(
            st.warnings(),
            ["user ann appears in 2 data directories (class-a, class-b): reported as 2 students"]
        );
    }
}
