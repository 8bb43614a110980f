//! `tutor report --regrade`: after a key is corrected in the course, the stored answers are
//! graded again, the changes said, and the report counts the new marks.

use super::{report, report_with_stderr, take_small_drill};
use crate::report_fixture::small_drill;
use tutor::quiz::Origin;

/// The course as it is, with the key of item `id` moved to its next option, in `dir`.
fn with_moved_key(dir: &std::path::Path, id: &str) {
    let from =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/metastatic-breast-cancer");
    crate::support::fixtures::copy_into(&from, dir);
    let path = dir.join("items.yaml");
    let yaml = std::fs::read_to_string(&path).expect("items");
    let start = yaml.find(&format!("- id: {id}\n")).expect("the item");
    let end = yaml[start + 1..]
        .find("\n- id: ")
        .map_or(yaml.len(), |e| start + 1 + e);
    let block = &yaml[start..end];
    let moved = block.replacen("      correct: true\n", "", 1);
    let key_option = block[..block.find("      correct: true").expect("a key")]
        .rfind("    - id: ")
        .expect("the key option");
    let options: Vec<usize> = moved.match_indices("    - id: ").map(|(i, _)| i).collect();
    let next = options
        .iter()
        .copied()
        .find(|&i| i > key_option)
        .unwrap_or(options[0]);
    let line_end = next + moved[next..].find('\n').expect("line");
    let mut block = moved.clone();
    block.insert_str(line_end + 1, "      correct: true\n");
    let yaml = format!("{}{block}{}", &yaml[..start], &yaml[end..]);
    std::fs::write(&path, yaml).expect("write");
}

/// After a key is corrected, `--regrade` grades the stored answers again: it says which
/// marks changed, and the report counts the new marks.
#[test]
fn a_regrade_follows_a_corrected_key_and_says_what_changed() {
    let root = tempfile::tempdir().expect("dir");
    let dir = take_small_drill(root.path(), "ann", "ann", true);
    let (_, questions) = small_drill();
    let item = questions
        .iter()
        .find_map(|q| match &q.origin {
            Origin::Item { id } if !q.options.is_empty() => Some(id.clone()),
            _ => None,
        })
        .expect("a fixed choice item in the drill");
    let course = root.path().join("course");
    with_moved_key(&course, &item);
    let dirs = [dir];
    let course_arg = course.display().to_string();
    let before = report(&dirs, &["--course", &course_arg, "--format", "json"]);
    let (after, err) = report_with_stderr(
        &dirs,
        &["--course", &course_arg, "--format", "json", "--regrade"],
    );
    assert!(
        err.contains("note: regraded against the course as it is now: 1 answers changed"),
        "{err}"
    );
    assert!(
        err.contains(&format!("ann: {item} in drill d-")) && err.contains("was right, now wrong"),
        "{err}"
    );
    let score = |json: &str| {
        let v: serde_json::Value = serde_json::from_str(json).expect("json");
        v["drills"][0]["summary"]["mean"].as_f64()
    };
    assert_eq!(score(&before), Some(4.0), "{before}");
    assert_eq!(
        score(&after),
        Some(3.0),
        "the report uses the new mark: {after}"
    );
}
