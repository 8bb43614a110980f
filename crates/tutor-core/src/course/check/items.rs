//! Each item type has the fields it needs, and only those, and a well-defined key.

use super::{ITEMS, duplicates, err};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::{ItemSpec, ItemType};

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    for (i, it) in course.items.iter().enumerate() {
        item(course, i, it, out);
    }
}

/// Reports the problems of one item, each at a field of the item and naming the item first.
struct Needs<'a> {
    out: &'a mut Vec<Diagnostic>,
    /// The item's path, `[i]`.
    p: String,
    id: &'a str,
}

impl Needs<'_> {
    /// Reports `what` at `field` of the item unless `ok`.
    fn need(&mut self, ok: bool, field: &str, what: &str) {
        if !ok {
            err(
                self.out,
                ITEMS,
                format!("{}.{field}", self.p),
                format!("item {}: {what}", self.id),
            );
        }
    }
}

/// Checks item `it`, the `i`th: the fields every item needs, no field its type does not use,
/// the fields its type needs, then its answers and options.
fn item(course: &Course, i: usize, it: &ItemSpec, out: &mut Vec<Diagnostic>) {
    let n = &mut Needs {
        out,
        p: format!("[{i}]"),
        id: &it.id,
    };
    n.need(!it.id.trim().is_empty(), "id", "empty id");
    n.need(!it.cites.is_empty(), "cites", "cites no sentence");
    n.need(
        !it.explanation.trim().is_empty(),
        "explanation",
        "empty explanation",
    );
    unused_fields(it, n);
    match it.kind {
        ItemType::SingleBest | ItemType::MultiSelect => choice_fields(it, n),
        ItemType::TrueFalse => {
            n.need(!blank(&it.stem), "stem", "needs a stem (the statement)");
            n.need(
                it.answer.is_some(),
                "answer",
                "true_false needs `answer: true` or `answer: false`",
            );
        }
        ItemType::ShortAnswer => {
            n.need(!blank(&it.stem), "stem", "needs a stem");
            n.need(
                !it.accept.is_empty(),
                "accept",
                "short_answer needs at least one accepted answer",
            );
        }
        ItemType::Cloze => cloze_fields(course, it, n),
    }
    texts(it, n);
}

/// Whether an optional text is missing or only whitespace.
fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// Fields the item's type does not use are not set, so nothing written is silently ignored.
fn unused_fields(it: &ItemSpec, n: &mut Needs<'_>) {
    let choice = matches!(it.kind, ItemType::SingleBest | ItemType::MultiSelect);
    let free = matches!(it.kind, ItemType::ShortAnswer | ItemType::Cloze);
    let kind = type_name(it.kind);
    n.need(
        choice || it.options.is_empty(),
        "options",
        &format!("`options` is not used by {kind} items"),
    );
    n.need(
        choice || !it.fixed_order,
        "fixed_order",
        &format!("`fixed_order` is not used by {kind} items"),
    );
    n.need(
        it.kind == ItemType::TrueFalse || it.answer.is_none(),
        "answer",
        &format!("`answer` is not used by {kind} items"),
    );
    n.need(
        it.kind == ItemType::Cloze || (it.sentence.is_none() && it.blank.is_none()),
        "sentence",
        &format!("`sentence` and `blank` are used by cloze items only, not {kind}"),
    );
    n.need(
        free || (it.accept.is_empty() && it.synonyms.is_empty() && it.wrong.is_empty()),
        "accept",
        &format!("`accept`, `synonyms` and `wrong` are not used by {kind} items"),
    );
}

/// A single_best or multi_select item: a stem, a question, at least two options, and the
/// right number of keys for its type.
fn choice_fields(it: &ItemSpec, n: &mut Needs<'_>) {
    n.need(!blank(&it.stem), "stem", "needs a stem");
    n.need(
        !blank(&it.lead_in),
        "lead_in",
        "needs a lead_in (the question)",
    );
    let keys = it.options.iter().filter(|o| o.correct).count();
    if it.options.is_empty() {
        n.need(false, "options", "empty option set");
    } else if it.options.len() < 2 {
        n.need(false, "options", "needs at least two options");
    } else if it.kind == ItemType::SingleBest {
        n.need(
            keys == 1,
            "options",
            &format!("single_best needs exactly one option with `correct: true`, found {keys}"),
        );
    } else {
        n.need(
            keys >= 1,
            "options",
            "multi_select needs at least one option with `correct: true`",
        );
    }
}

/// A cloze item: a known, cited sentence and a non-empty blank that is verbatim in it.
fn cloze_fields(course: &Course, it: &ItemSpec, n: &mut Needs<'_>) {
    match (&it.sentence, &it.blank) {
        (Some(sid), Some(b)) => {
            n.need(!b.trim().is_empty(), "blank", "empty blank");
            match course.sentence(sid) {
                None => n.need(false, "sentence", &format!("unknown sentence `{sid}`")),
                Some(s) if !b.is_empty() && !s.text.contains(b.as_str()) => n.need(
                    false,
                    "blank",
                    &format!(
                        "blank {b:?} is not verbatim in sentence {sid}: {}",
                        super::verbatim::where_differs("blank", b, &s.text)
                    ),
                ),
                Some(_) => {}
            }
            n.need(
                it.cites.contains(sid),
                "cites",
                &format!("cloze sentence {sid} is not among the cites"),
            );
        }
        (None, _) => n.need(false, "sentence", "cloze needs `sentence`"),
        (_, None) => n.need(false, "blank", "cloze needs `blank`"),
    }
}

/// No empty accepted answer, every option with text and feedback, and distinct option ids.
fn texts(it: &ItemSpec, n: &mut Needs<'_>) {
    for (j, a) in it.accept.iter().enumerate() {
        n.need(
            !a.trim().is_empty(),
            &format!("accept[{j}]"),
            "empty accepted answer",
        );
    }
    for (j, o) in it.options.iter().enumerate() {
        n.need(
            !o.text.trim().is_empty(),
            &format!("options[{j}].text"),
            &format!("option {} has no text", o.id),
        );
        n.need(
            !o.why.trim().is_empty(),
            &format!("options[{j}].why"),
            &format!("option {} has no feedback (`why`)", o.id),
        );
    }
    for (j, oid) in duplicates(it.options.iter().map(|o| o.id.as_str())) {
        n.need(
            false,
            &format!("options[{j}].id"),
            &format!("duplicate option id `{oid}`"),
        );
    }
}

pub(crate) fn type_name(k: ItemType) -> &'static str {
    match k {
        ItemType::SingleBest => "single_best",
        ItemType::MultiSelect => "multi_select",
        ItemType::TrueFalse => "true_false",
        ItemType::ShortAnswer => "short_answer",
        ItemType::Cloze => "cloze",
    }
}
