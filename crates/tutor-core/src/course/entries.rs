//! Every bad entry of a list file at once. serde stops at the first entry that does not fit
//! its type; the entries after it are then read on their own, so that an author sees each bad
//! entry, at its own place, in one run (a syntax error still stops the file).

use super::diag::Diagnostic;
use super::load::{parse, yaml_error};
use serde::de::DeserializeOwned;

/// Most entries of one list file reported with errors of their own.
pub const MAX_ENTRY_ERRORS: usize = 10;

/// Parses a list file (glossary, lessons, items, cases). When an entry does not fit its type,
/// the entries after it are read on their own too, so that every bad entry is reported, each
/// at its own place. A syntax error stops the parser and stays the only error of the file.
pub(super) fn parse_list<T: DeserializeOwned>(
    name: &str,
    text: Option<&str>,
) -> Result<Option<Vec<T>>, Vec<Diagnostic>> {
    parse::<Vec<T>>(name, text, false).map_err(|first| {
        let Some(text) = text else {
            return vec![first];
        };
        let mut all = vec![first];
        let more = later_entry_errors::<T>(name, text, &all[0].path);
        all.extend(more);
        all
    })
}

/// Index of the list entry that a field path (`[3].cites`) points into.
fn entry_index(path: &str) -> Option<usize> {
    path.strip_prefix('[')?.split_once(']')?.0.parse().ok()
}

/// Errors of the entries after the one at `first_path`, each entry read on its own: written
/// back to YAML and parsed as `T`, so that serde_yaml names the field. Their paths are put
/// under the entry's index; `locate` then finds their lines in the file.
fn later_entry_errors<T: DeserializeOwned>(
    name: &str,
    text: &str,
    first_path: &str,
) -> Vec<Diagnostic> {
    let Some(k) = entry_index(first_path) else {
        return Vec::new();
    };
    let Ok(entries) = serde_yaml::from_str::<Vec<serde_yaml::Value>>(text) else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    let mut more = 0usize;
    for (i, entry) in entries.into_iter().enumerate().skip(k + 1) {
        let Some(e) = serde_yaml::to_string(&entry)
            .ok()
            .and_then(|t| serde_yaml::from_str::<T>(&t).err())
        else {
            continue;
        };
        if errors.len() + 1 >= MAX_ENTRY_ERRORS {
            more += 1;
            continue;
        }
        let d = yaml_error(name, e);
        // An unknown field is best shown where it is written.
        let unknown = d
            .message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split_once('`'))
            .map(|(f, _)| f);
        let path = match (d.path.as_str(), unknown) {
            ("", Some(f)) => format!("[{i}].{f}"),
            ("", None) => format!("[{i}]"),
            (p, Some(f)) => format!("[{i}].{p}.{f}"),
            (p, None) if p.starts_with('[') => format!("[{i}]{p}"),
            (p, None) => format!("[{i}].{p}"),
        };
        errors.push(Diagnostic::error(name, path, d.message));
    }
    if more > 0 {
        errors.push(Diagnostic::error(
            name,
            "",
            format!("{more} more entries of this file have errors"),
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::MAX_ENTRY_ERRORS;
    use crate::course::check::{ITEMS, testing};

    fn errors(items: &str) -> Vec<String> {
        match testing::load(&[(ITEMS, items)]) {
            Ok(_) => Vec::new(),
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn every_bad_entry_of_a_list_file_is_reported_at_its_place() {
        let items = testing::ITEMS
            .replace(
                "  objective: local-when
  cites: [s1]
  quotes",
                "  objective: local-when
  cites: s1
  quotes",
            )
            .replace(
                "  accept: [\"endocrine therapy\", \"hormone therapy\"]\n",
                "  accept: [\"endocrine therapy\"]\n  acept: []\n",
            )
            .replace(
                "  blank: \"local therapy\"\n",
                "  blank: \"local therapy\"\n  accept: \"local\"\n",
            );
        let found = errors(&items);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("items.yaml:4:10: error: [0].cites: invalid type"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("items.yaml:19:3: error: [1].acept: unknown field `acept`"),
            "{found:?}"
        );
        assert!(
            found[2]
                .starts_with("items.yaml:27:11: error: [2].accept: invalid type: string \"local\""),
            "{found:?}"
        );
    }

    #[test]
    fn a_syntax_error_stays_the_only_error_of_its_file() {
        let items = testing::ITEMS
            .replace("  cites: [s2]\n", "  cites: [s2\n")
            .replace(
                "  blank: \"local therapy\"\n",
                "  blank: \"local therapy\"\n  accept: \"local\"\n",
            );
        assert_eq!(errors(&items).len(), 1, "{:?}", errors(&items));
    }

    #[test]
    fn entry_errors_are_capped() {
        let bad =
            "- { id: x, type: cloze, cites: s1, explanation: e }\n".repeat(3 * MAX_ENTRY_ERRORS);
        let found = errors(&bad);
        assert_eq!(found.len(), MAX_ENTRY_ERRORS + 1, "{found:?}");
        assert!(
            found[MAX_ENTRY_ERRORS].ends_with(&format!(
                "{} more entries of this file have errors",
                2 * MAX_ENTRY_ERRORS
            )),
            "{found:?}"
        );
    }
}
