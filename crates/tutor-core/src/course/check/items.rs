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

fn item(course: &Course, i: usize, it: &ItemSpec, out: &mut Vec<Diagnostic>) {
    let p = format!("[{i}]");
    let id = &it.id;
    let mut need = |ok: bool, field: &str, what: &str| {
        if !ok {
            err(
                out,
                ITEMS,
                format!("{p}.{field}"),
                format!("item {id}: {what}"),
            );
        }
    };
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    need(!id.trim().is_empty(), "id", "empty id");
    need(!it.cites.is_empty(), "cites", "cites no sentence");
    need(
        !it.explanation.trim().is_empty(),
        "explanation",
        "empty explanation",
    );

    let choice = matches!(it.kind, ItemType::SingleBest | ItemType::MultiSelect);
    let free = matches!(it.kind, ItemType::ShortAnswer | ItemType::Cloze);
    let kind = type_name(it.kind);
    need(
        choice || it.options.is_empty(),
        "options",
        &format!("`options` is not used by {kind} items"),
    );
    need(
        choice || !it.fixed_order,
        "fixed_order",
        &format!("`fixed_order` is not used by {kind} items"),
    );
    need(
        it.kind == ItemType::TrueFalse || it.answer.is_none(),
        "answer",
        &format!("`answer` is not used by {kind} items"),
    );
    need(
        it.kind == ItemType::Cloze || (it.sentence.is_none() && it.blank.is_none()),
        "sentence",
        &format!("`sentence` and `blank` are used by cloze items only, not {kind}"),
    );
    need(
        free || (it.accept.is_empty() && it.synonyms.is_empty() && it.wrong.is_empty()),
        "accept",
        &format!("`accept`, `synonyms` and `wrong` are not used by {kind} items"),
    );

    match it.kind {
        ItemType::SingleBest | ItemType::MultiSelect => {
            need(!blank(&it.stem), "stem", "needs a stem");
            need(
                !blank(&it.lead_in),
                "lead_in",
                "needs a lead_in (the question)",
            );
            let keys = it.options.iter().filter(|o| o.correct).count();
            if it.options.is_empty() {
                need(false, "options", "empty option set");
            } else if it.options.len() < 2 {
                need(false, "options", "needs at least two options");
            } else if it.kind == ItemType::SingleBest {
                need(
                    keys == 1,
                    "options",
                    &format!(
                        "single_best needs exactly one option with `correct: true`, found {keys}"
                    ),
                );
            } else {
                need(
                    keys >= 1,
                    "options",
                    "multi_select needs at least one option with `correct: true`",
                );
            }
        }
        ItemType::TrueFalse => {
            need(!blank(&it.stem), "stem", "needs a stem (the statement)");
            need(
                it.answer.is_some(),
                "answer",
                "true_false needs `answer: true` or `answer: false`",
            );
        }
        ItemType::ShortAnswer => {
            need(!blank(&it.stem), "stem", "needs a stem");
            need(
                !it.accept.is_empty(),
                "accept",
                "short_answer needs at least one accepted answer",
            );
        }
        ItemType::Cloze => match (&it.sentence, &it.blank) {
            (Some(sid), Some(b)) => {
                need(!b.trim().is_empty(), "blank", "empty blank");
                match course.sentence(sid) {
                    None => need(false, "sentence", &format!("unknown sentence `{sid}`")),
                    Some(s) => need(
                        b.is_empty() || s.text.contains(b.as_str()),
                        "blank",
                        &format!("blank {b:?} is not verbatim in sentence {sid}"),
                    ),
                }
                need(
                    it.cites.contains(sid),
                    "cites",
                    &format!("cloze sentence {sid} is not among the cites"),
                );
            }
            (None, _) => need(false, "sentence", "cloze needs `sentence`"),
            (_, None) => need(false, "blank", "cloze needs `blank`"),
        },
    }
    for (j, a) in it.accept.iter().enumerate() {
        if a.trim().is_empty() {
            err(
                out,
                ITEMS,
                format!("{p}.accept[{j}]"),
                format!("item {id}: empty accepted answer"),
            );
        }
    }
    for (j, o) in it.options.iter().enumerate() {
        let op = format!("{p}.options[{j}]");
        if o.text.trim().is_empty() {
            err(
                out,
                ITEMS,
                format!("{op}.text"),
                format!("item {id}: option {} has no text", o.id),
            );
        }
        if o.why.trim().is_empty() {
            err(
                out,
                ITEMS,
                format!("{op}.why"),
                format!("item {id}: option {} has no feedback (`why`)", o.id),
            );
        }
    }
    for (j, oid) in duplicates(it.options.iter().map(|o| o.id.as_str())) {
        err(
            out,
            ITEMS,
            format!("{p}.options[{j}].id"),
            format!("item {id}: duplicate option id `{oid}`"),
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
