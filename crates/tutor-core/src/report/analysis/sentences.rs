//! Facility per source sentence: the first attempts at the items citing each, in document
//! order (ids in natural order, `s2` before `s10`, when the course does not say).

use super::{Firsts, SentenceRow, mark};
use crate::course::Course;
use std::collections::{HashMap, HashSet};

pub(super) fn sentences(firsts: &Firsts<'_>, course: Option<&Course>) -> Vec<SentenceRow> {
    struct Acc<'a> {
        n: u32,
        right: u32,
        items: HashSet<&'a str>,
    }
    let mut acc: HashMap<&str, Acc> = HashMap::new();
    for (key, a) in firsts.values().flatten() {
        let mut cites: Vec<&str> = a.cites.iter().map(String::as_str).collect();
        cites.sort_unstable();
        cites.dedup();
        for s in cites {
            let e = acc.entry(s).or_insert_with(|| Acc {
                n: 0,
                right: 0,
                items: HashSet::new(),
            });
            e.n += 1;
            e.right += mark(a) as u32;
            e.items.insert(key.as_str());
        }
    }
    let place = |id: &str| {
        course
            .and_then(|c| c.sentences().iter().position(|s| s.id == id))
            .unwrap_or(usize::MAX)
    };
    let mut ids: Vec<&str> = acc.keys().copied().collect();
    ids.sort_by_key(|id| (place(id), natural(id)));
    ids.into_iter()
        .map(|id| {
            let a = &acc[id];
            SentenceRow {
                id: id.to_owned(),
                text: course.and_then(|c| c.sentence(id)).map(|s| s.text.clone()),
                items: a.items.len() as u32,
                n: a.n,
                right: a.right,
                facility: (a.n > 0).then(|| f64::from(a.right) / f64::from(a.n)),
            }
        })
        .collect()
}

/// Sort key putting `s2` before `s10`: the text before trailing digits, then their value.
fn natural(id: &str) -> (&str, u64, &str) {
    let head = id.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &id[head.len()..];
    (head, digits.parse().unwrap_or(0), digits)
}
