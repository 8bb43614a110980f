//! Checks over the texts students read: lessons, glossary, items and case templates (with
//! each placeholder standing for every value it can take).

use super::article::misfits;
use super::{CASES, GLOSSARY, ITEMS, LESSONS, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::{CaseTemplateSpec, ItemSpec};
use crate::course::template::Domain;
use std::borrow::Cow;

/// A text shown to students: its file, field path, what it belongs to, and the text.
type Shown<'a> = (&'static str, String, String, &'a str);

/// Every text of the course shown to students, checked for articles that do not fit.
pub fn articles(course: &Course, out: &mut Vec<Diagnostic>) {
    let mut texts: Vec<Shown<'_>> = Vec::new();
    for (i, l) in course.lessons.iter().enumerate() {
        let owner = format!("lesson {}", l.id);
        texts.push((LESSONS, format!("[{i}].body"), owner.clone(), &l.body));
        for (j, o) in l.objectives.iter().enumerate() {
            let path = format!("[{i}].objectives[{j}].text");
            texts.push((LESSONS, path, owner.clone(), &o.text));
        }
        for (j, k) in l.key_points.iter().enumerate() {
            let path = format!("[{i}].key_points[{j}].text");
            texts.push((LESSONS, path, owner.clone(), &k.text));
        }
    }
    for (i, g) in course.glossary.iter().enumerate() {
        let owner = format!("term {}", g.term);
        texts.push((GLOSSARY, format!("[{i}].definition"), owner, &g.definition));
    }
    for (i, it) in course.items.iter().enumerate() {
        item_texts(i, it, &mut texts);
    }
    for (file, path, owner, text) in texts {
        report(out, file, path, &owner, misfits(text, |_| Vec::new()));
    }
    for (i, t) in course.cases.iter().enumerate() {
        template_articles(i, t, out);
    }
}

fn item_texts<'a>(i: usize, it: &'a ItemSpec, texts: &mut Vec<Shown<'a>>) {
    let p = format!("[{i}]");
    let owner = format!("item {}", it.id);
    let mut push = |path: String, text: &'a str| texts.push((ITEMS, path, owner.clone(), text));
    let optional = [("stem", &it.stem), ("lead_in", &it.lead_in)];
    for (field, text) in optional {
        if let Some(t) = text {
            push(format!("{p}.{field}"), t);
        }
    }
    push(format!("{p}.explanation"), &it.explanation);
    for (j, o) in it.options.iter().enumerate() {
        push(format!("{p}.options[{j}].text"), &o.text);
        push(format!("{p}.options[{j}].why"), &o.why);
    }
    for (j, w) in it.wrong.iter().enumerate() {
        push(format!("{p}.wrong[{j}].why"), &w.why);
    }
}

/// A case template's texts (of every step of an unfolding one), each placeholder after an
/// article tried with every value it can take, and its phrases and derived values as they
/// are.
fn template_articles(i: usize, t: &CaseTemplateSpec, out: &mut Vec<Diagnostic>) {
    let p = format!("[{i}]");
    let mut texts: Vec<(String, &str)> = Vec::new();
    for d in crate::course::template::decisions(t) {
        let dp = format!("{p}{}", d.path());
        texts.push((format!("{dp}.stem"), d.stem));
        texts.push((format!("{dp}.lead_in"), d.lead_in));
        for (j, o) in d.options.iter().enumerate() {
            texts.push((format!("{dp}.options[{j}].text"), &o.text));
            texts.push((format!("{dp}.options[{j}].why"), &o.why));
        }
        for (j, r) in d.rules.iter().enumerate() {
            texts.push((format!("{dp}.rules[{j}].explanation"), &r.explanation));
        }
    }
    for (name, by_value) in &t.phrases {
        for (value, text) in by_value {
            texts.push((format!("{p}.phrases.{name}.{value}"), text));
        }
    }
    for (name, d) in &t.derived {
        for (from, text) in &d.map {
            texts.push((format!("{p}.derived.{name}.map.{from}"), text));
        }
    }
    let owner = format!("case template {}", t.id);
    for (path, text) in texts {
        let found = misfits(text, |name| placeholder_values(t, name));
        report(out, CASES, path, &owner, found);
    }
}

/// Each value placeholder `name` can take in `t`, with the text that stands for it.
pub fn placeholder_values<'a>(
    t: &'a CaseTemplateSpec,
    name: &str,
) -> Vec<(Cow<'a, str>, Cow<'a, str>)> {
    let shown = |v: Cow<'a, str>| {
        let text = t
            .phrases
            .get(name)
            .and_then(|p| p.get(v.as_ref()))
            .map_or_else(|| v.clone(), |s| Cow::Borrowed(s.as_str()));
        (v, text)
    };
    if let Some(spec) = t.vars.get(name) {
        return Domain::of(spec)
            .map(|d| (0..d.len()).map(|i| shown(d.value(i))).collect())
            .unwrap_or_default();
    }
    t.derived.get(name).map_or_else(Vec::new, |d| {
        d.map
            .values()
            .map(|v| shown(Cow::Borrowed(v.as_str())))
            .collect()
    })
}

fn report(out: &mut Vec<Diagnostic>, file: &str, path: String, owner: &str, found: Vec<String>) {
    for m in found {
        warn(
            out,
            file,
            path.clone(),
            format!(
                "{owner}: {m}: the article does not fit the word after it (a before a consonant sound, an before a vowel sound)"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::course::check::{CASES, ITEMS, testing};

    const NEEDLE: &str = "the article does not fit";

    #[test]
    fn item_texts_are_checked() {
        let items = testing::ITEMS.replace("A 60-year-old woman", "A 80-year-old woman");
        let found = testing::warnings(&[(ITEMS, &items)], NEEDLE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("items.yaml:6:9: warning: [0].stem: item sb-fracture: \"A 80-year-old\": the article"),
            "{found:?}"
        );
    }

    #[test]
    fn template_placeholders_are_filled_with_every_value() {
        let cases = testing::CASES
            .replace("range: [50, 52]", "range: [78, 81]")
            .replace("fracture: \"an x-ray shows", "fracture: \"a x-ray shows");
        let found = testing::warnings(&[(CASES, &cases)], NEEDLE);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found.iter().any(|f| f.contains(
                "[0].stem: case template case-first: \"A {{age}}\" reads \"A 80\" when age is 80 (and 1 more of its values)"
            )),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f
                .contains("[0].phrases.problem.fracture: case template case-first: \"a x-ray\"")),
            "{found:?}"
        );
    }
}
