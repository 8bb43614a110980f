//! "Discuss next": after a drill, the items the class found hardest come first, each with the
//! sentence of the source its answers cite first, so the discussion starts from the text.

use super::{Discuss, ItemRow, SentenceRow};

/// How many items the list names: what one discussion after a drill takes up.
pub const DISCUSS: usize = 5;

/// The question as asked: its lead-in, then its stem (a case's vignette); a lead-in longer
/// than the stem stands alone (a cloze's blanked sentence, not "Fill in the blank").
fn question(i: &ItemRow) -> Option<String> {
    let len = |s: &Option<String>| s.as_ref().map_or(0, |s| s.chars().count());
    match (&i.lead_in, &i.stem) {
        (Some(lead), Some(stem)) if len(&i.lead_in) <= len(&i.stem) => {
            Some(format!("{lead} {stem}"))
        }
        (Some(lead), _) => Some(lead.clone()),
        (None, stem) => stem.clone(),
    }
}

/// The items of lowest facility first (ties in drill order; items nobody answered left out),
/// at most [`DISCUSS`].
pub fn discuss_next(items: &[ItemRow], sentences: &[SentenceRow]) -> Vec<Discuss> {
    let mut hardest: Vec<&ItemRow> = items.iter().filter(|i| i.facility.is_some()).collect();
    // Stable: equal facilities keep the drill's order.
    hardest.sort_by(|a, b| {
        let f = |i: &ItemRow| i.facility.unwrap_or(1.0);
        f(a).total_cmp(&f(b))
    });
    hardest
        .into_iter()
        .take(DISCUSS)
        .map(|i| {
            let sentence = i.cites.first().cloned();
            let text = sentence.as_ref().and_then(|id| {
                sentences
                    .iter()
                    .find(|s| &s.id == id)
                    .and_then(|s| s.text.clone())
            });
            Discuss {
                position: i.position,
                key: i.key.clone(),
                facility: i.facility,
                question: question(i),
                sentence,
                text,
            }
        })
        .collect()
}
