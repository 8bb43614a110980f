//! Item analysis on a hand-computed example (the arithmetic is in the comments), on edge
//! cases, and through the `tutor report` binary in all three formats.

use crate::report_fixture as fixture;

use crate::support::report_cmd;
use fixture::{attempt, csv_rows, hand_example, json_close, store_per_user, text};
use tutor::report::analysis::render::{self, Table};
use tutor::report::analysis::{ItemKind, Report, analyze};

const PRACTICE: &str =
    "1 answer given in practice or review not analysed: the report covers drills only";
const RETAKE: &str = "1 repeated answer not analysed (first attempts only)";

fn close(got: Option<f64>, want: f64) {
    let g = got.expect("defined");
    assert!((g - want).abs() < 1e-9, "got {g}, want {want}");
}

#[test]
fn hand_computed_example() {
    let r = analyze(&hand_example(), None, Some("d1"));
    assert_eq!(r.note, None);
    // Nothing left out silently: bob's practice answer and ann's retake are counted.
    assert_eq!(r.notes, [PRACTICE]);
    assert!(r.warnings.is_empty());
    let [d] = &r.drills[..] else {
        panic!("one drill: {r:?}")
    };
    assert_eq!(d.drill, "d1");
    assert_eq!(d.notes.len(), 1);
    assert!(d.notes[0].starts_with(RETAKE), "{:?}", d.notes);

    // Scores 4 3 2 2 1: mean 12/5 = 2.4, median 2. Deviations 1.6 .6 −.4 −.4 −1.4, squares
    // 2.56 + .36 + .16 + .16 + 1.96 = 5.2, sample variance 5.2/4 = 1.3, SD √1.3.
    let s = &d.summary;
    assert_eq!((s.students, s.items, s.complete), (5, 4, 5));
    close(s.mean, 2.4);
    close(s.median, 2.0);
    close(s.sd, 1.3f64.sqrt());
    // Item variances p(1−p)·5/4: i1 .8·.2·1.25 = .2; i2, t1, i4 .6·.4·1.25 = .3; sum 1.1.
    // Alpha = 4/3 × (1 − 1.1/1.3) = 4/3 × 2/13 = 8/39.
    close(s.alpha, 8.0 / 39.0);
    // Bin min(9, 10·score/4): 4 → 9, 3 → 7, 2 → 5 (twice), 1 → 2.
    assert_eq!(s.histogram, [0, 0, 1, 0, 0, 2, 0, 1, 0, 1]);

    // Students: time is the sum of first attempts; eve's i4 ran out of time.
    let st: Vec<_> = d
        .students
        .iter()
        .map(|s| {
            (
                s.user.as_str(),
                s.right,
                s.answered,
                s.unanswered,
                s.timed_out,
                s.seconds,
            )
        })
        .collect();
    assert_eq!(
        st,
        [
            ("ann", 4, 4, 0, 0, 28.0),
            ("bob", 3, 4, 0, 0, 42.0),
            ("cat", 2, 4, 0, 0, 56.0),
            ("dan", 2, 4, 0, 0, 70.0),
            ("eve", 1, 3, 1, 1, 139.0),
        ]
    );

    let keys: Vec<_> = d
        .items
        .iter()
        .map(|i| (i.position, i.key.as_str(), i.kind))
        .collect();
    assert_eq!(
        keys,
        [
            (1, "i1", ItemKind::Item),
            (2, "i2", ItemKind::Item),
            (3, "t1", ItemKind::Case),
            (4, "i4", ItemKind::Item)
        ]
    );
    let [i1, i2, t1, i4] = &d.items[..] else {
        panic!("four items")
    };
    for (item, f, sd, median) in [
        (i1, 0.8, 0.2f64.sqrt(), 30.0),
        (i2, 0.6, 0.3f64.sqrt(), 7.0),
        (t1, 0.4, 0.3f64.sqrt(), 16.0),
        (i4, 0.6, 0.3f64.sqrt(), 3.0),
    ] {
        assert_eq!(item.n, 5);
        close(item.facility, f);
        close(item.sd, sd);
        close(item.median_seconds, median);
    }
    // i1: x = 1 1 1 1 0, rest = 3 2 1 1 1 (means .8, 1.6). Sxy = .2(1.4 + .4 − .6 − .6)
    // + (−.8)(−.6) = .6; Sxx = .8; Syy = 1.96 + .16 + 3 × .36 = 3.2; r = .6/√2.56 = .375.
    close(i1.discrimination, 37.5);
    // i2: x = 1 1 0 0 1, rest = 3 2 2 2 0 (means .6, 1.8). Sxy = .48 + .08 − .12 − .12 − .72
    // = −.4; Sxx = 1.2; Syy = 1.44 + 3 × .04 + 3.24 = 4.8; r = −.4/√5.76 = −1/6.
    close(i2.discrimination, -100.0 / 6.0);
    // t1: x = 1 0 1 0 0, rest = 3 3 1 2 1 (means .4, 2). Sxy = .6 − .4 − .6 + 0 + .4 = 0.
    close(t1.discrimination, 0.0);
    // i4: x = 1 1 0 1 0, rest = 3 2 2 1 1 (means .6, 1.8). Sxy = .48 + .08 − .12 − .32 + .48
    // = .6; Sxx = 1.2; Syy = 1.44 + .04 + .04 + .64 + .64 = 2.8; r = .6/√3.36.
    close(i4.discrimination, 60.0 / 3.36f64.sqrt());

    // Options: share of the five first attempts; cat chose D of d c b a, which is a.
    let opts = |i: &tutor::report::analysis::ItemRow| -> Vec<(String, bool, u32, f64, bool)> {
        i.options
            .iter()
            .map(|o| (o.id.clone(), o.key, o.chosen, o.share, o.non_functional))
            .collect()
    };
    let o = |id: &str, key, chosen, share, nf| (id.to_owned(), key, chosen, share, nf);
    assert_eq!(
        opts(i1),
        [
            o("a", true, 4, 0.8, false),
            o("b", false, 1, 0.2, false),
            o("c", false, 0, 0.0, true),
            o("d", false, 0, 0.0, true),
        ]
    );
    assert_eq!(
        opts(i2),
        [
            o("true", true, 3, 0.6, false),
            o("false", false, 2, 0.4, false)
        ]
    );
    // t1 without the course: keys are what right answers chose (k1, k2); x chosen by 1 of
    // the 5 shown it as a distractor (20%), y by 2 of 5. By the letter most students saw
    // each under: 3 saw seed 11 (k1 x y), 2 seed 12 (y k2 x), so k1 A, k2 B, x B/C, y C/A.
    assert_eq!(
        opts(t1),
        [
            o("k1", true, 1, 0.2, false),
            o("k2", true, 1, 0.2, false),
            o("x", false, 1, 0.2, false),
            o("y", false, 2, 0.4, false),
        ]
    );
    let letters: Vec<_> = t1.options.iter().map(|o| o.letter.as_deref()).collect();
    assert_eq!(letters, [Some("A"), Some("B"), Some("B/C"), Some("C/A")]);
    assert!(i4.options.is_empty());
    let wrong: Vec<_> = i4
        .wrong_answers
        .iter()
        .map(|w| (w.answer.as_str(), w.count))
        .collect();
    assert_eq!(
        wrong,
        [("chemo therapy", 1)],
        "eve's timed-out answer is not counted"
    );

    // Sentences: s1 ← i1 (4/5) + i2 (3/5) = 7/10; s2 ← i2 + i4 = 6/10; s3 ← t1 = 2/5;
    // s4 ← t1 seed 12 only (bob ✗, cat ✓) = 1/2.
    let sent: Vec<_> = d
        .sentences
        .iter()
        .map(|s| (s.id.as_str(), s.items, s.n, s.right, s.facility))
        .collect();
    assert_eq!(
        sent,
        [
            ("s1", 2, 10, 7, Some(0.7)),
            ("s2", 2, 10, 6, Some(0.6)),
            ("s3", 1, 5, 2, Some(0.4)),
            ("s4", 1, 2, 1, Some(0.5)),
        ]
    );
}

#[test]
fn drills_are_reported_separately_and_empty_reports_say_why() {
    let all = analyze(&hand_example(), None, None);
    let ids: Vec<_> = all.drills.iter().map(|d| d.drill.as_str()).collect();
    assert_eq!(ids, ["d1", "d2"]);
    assert_eq!(all.drills[1].summary.students, 1);
    let none = analyze(&[], None, None);
    assert!(none.drills.is_empty());
    assert!(none.note.expect("note").contains("no drill attempts"));
    let typo = analyze(&hand_example(), None, Some("d9"));
    assert!(typo.note.expect("note").contains("drills found: d1, d2"));
}

#[test]
fn a_template_met_twice_in_a_drill_is_two_items_and_retakes_are_left_out() {
    let o = ["k", "x"];
    let v = vec![
        attempt("ann", 0, "t1", Some(1), &o, "A", true, 1.0, &["s1"]),
        attempt("ann", 1, "t1", Some(2), &o, "B", false, 1.0, &["s1"]),
        attempt("bob", 2, "t1", Some(1), &o, "B", false, 1.0, &["s1"]),
        attempt("bob", 3, "t1", Some(2), &o, "A", true, 1.0, &["s1"]),
        // Bob takes the drill again: the same questions, not first attempts.
        attempt("bob", 4, "t1", Some(1), &o, "A", true, 1.0, &["s1"]),
        attempt("bob", 5, "t1", Some(2), &o, "A", true, 1.0, &["s1"]),
    ];
    let d = &analyze(&v, None, None).drills[0];
    let items: Vec<_> = d
        .items
        .iter()
        .map(|i| (i.key.as_str(), i.n, i.right))
        .collect();
    assert_eq!(items, [("t1", 2, 1), ("t1/2", 2, 1)]);
    assert_eq!(d.sentences[0].items, 2);
    assert!(d.students.iter().all(|s| (s.right, s.items) == (1, 2)));
}

#[test]
fn five_percent_boundary_top_wrong_answers_missing_items_and_csv_guard() {
    // 20 students. q: 19 choose the key k, one chooses b (exactly 5%: functional), none
    // chooses c (non-functional). f: free text, wrong for students 0-10, right for 11-18;
    // student 19 stopped before f.
    let typed = [
        "=2+2",
        "=2+2",
        "=2+2",
        "=2+2",
        "chemo",
        " CHEMO ",
        "Chemo",
        "radiation",
        "Radiation",
        "rt",
        "RT",
    ];
    let mut v = Vec::new();
    for s in 0..20 {
        let user = format!("u{s:02}");
        let ans = if s == 0 { "B" } else { "A" };
        v.push(attempt(
            &user,
            s,
            "q",
            None,
            &["k", "b", "c"],
            ans,
            s != 0,
            1.0,
            &["s1"],
        ));
        if s < 19 {
            let text = typed.get(s as usize).copied().unwrap_or("surgery");
            v.push(attempt(
                &user,
                100 + s,
                "f",
                None,
                &[],
                text,
                s >= 11,
                1.0,
                &["s2"],
            ));
        }
    }
    let r = analyze(&v, None, None);
    let d = &r.drills[0];
    let q = &d.items[0];
    let nf: Vec<_> = q.non_functional().collect();
    assert_eq!(nf, ["c"], "b at exactly 5% is functional");
    let f = &d.items[1];
    assert_eq!((f.n, f.right), (19, 8));
    let wrong: Vec<_> = f
        .wrong_answers
        .iter()
        .map(|w| (w.answer.as_str(), w.count))
        .collect();
    assert_eq!(wrong, [("=2+2", 4), ("chemo", 3), ("radiation", 2)]);
    assert_eq!(d.summary.complete, 19, "u19 did not answer every item");
    let u19 = d.students.iter().find(|s| s.user == "u19").expect("u19");
    assert_eq!((u19.answered, u19.unanswered, u19.timed_out), (1, 1, 0));

    let mut out = Vec::new();
    render::write_csv(&mut out, &r, Table::Items).expect("csv");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(
        text.contains(",'=2+2 (4); chemo (3); radiation (2),"),
        "formula guarded: {text}"
    );
    let formula = |c: &str| c.starts_with(['=', '+', '-', '@']) && c.parse::<f64>().is_err();
    assert!(!text.split([',', '\n']).any(formula), "{text}");
}

#[test]
fn the_binary_reports_the_hand_computed_figures_in_every_format() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dirs = store_per_user(tmp.path(), &hand_example());
    assert_eq!(dirs.len(), 5, "one data directory per student");

    let json = report_cmd(&dirs, &["--drill", "d1", "--format", "json"]);
    // What is left out is counted on stderr too; a directory given twice is read once.
    let err = String::from_utf8_lossy(&json.stderr);
    assert!(err.contains(&format!("note: {PRACTICE}")), "{err}");
    assert!(err.contains(&format!("note: drill d1: {RETAKE}")), "{err}");
    let twice = [&dirs[..], &dirs[..1]].concat();
    let again = report_cmd(&twice, &["--drill", "d1", "--format", "json"]);
    assert_eq!(again.stdout, json.stdout, "read once");
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("given more than once: read once"), "{err}");
    let got: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json report");
    // The binary passes its course, which is not the one the drill was taken in: it says so.
    let course = tutor::course::Course::embedded().expect("course");
    let want = analyze(&hand_example(), Some(&course), Some("d1"));
    assert!(want.drills[0].notes[1].starts_with("taken in course mini version 1"));
    let want = serde_json::to_value(want).expect("value");
    assert!(json_close(&got, &want), "{got:#}");
    let _: Report = serde_json::from_value(got).expect("a Report");

    let items = text(&report_cmd(&dirs, &["--drill", "d1", "--format", "csv"]));
    let rows = csv_rows(&items);
    assert_eq!(
        rows[0][..7],
        [
            "drill", "position", "item", "kind", "n", "right", "facility"
        ]
    );
    let facility: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[2].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(
        facility,
        [("i1", "0.8"), ("i2", "0.6"), ("t1", "0.4"), ("i4", "0.6")]
    );
    close(rows[1][8].parse().ok(), 37.5);
    close(rows[2][8].parse().ok(), -100.0 / 6.0); // a number, not guarded text
    assert_eq!(rows[1][10], "c d", "non-functional distractors of i1");

    let drills = text(&report_cmd(
        &dirs,
        &["--format", "csv", "--table", "drills"],
    ));
    let rows = csv_rows(&drills);
    assert_eq!(rows[1][..5], ["d1", "5", "4", "2.4", "2"]);
    close(rows[1][5].parse().ok(), 1.3f64.sqrt());
    close(rows[1][6].parse().ok(), 8.0 / 39.0);
    assert_eq!(rows[1][7], "5");
    assert_eq!(
        rows[1][8..18],
        ["0", "0", "1", "0", "0", "2", "0", "1", "0", "1"]
    );
    assert_eq!(
        rows[1][18..].join(","),
        "\"seed 7, 4 questions (other settings not recorded)\""
    );
    assert_eq!(rows[2][0], "d2");

    let table = text(&report_cmd(&dirs, &["--drill", "d1"]));
    assert!(
        table.starts_with(&format!("Note: {PRACTICE}\n\n")),
        "{table}"
    );
    for line in [
        "Item analysis of drill \"d1\": 5 students, 4 items (first attempts only)",
        "Score (of 4): mean 2.40, median 2.00, SD 1.14; Cronbach's alpha 0.205 (5 students answered every item)",
        "   20-29%     1  ####################",
        "   50-59%     2  ########################################",
        "  eve       1/4    25.0%         3           1    139.0 s",
        "    1  i1    item     5     80.0%  0.447            37.5       30.0 s",
        "       A/D) a   80.0% (4)  ✓ key",
        "       D/A) d    0.0% (0)  non-functional",
        "    2  i2    item     5     60.0%  0.548           -16.7        7.0 s",
        "    3  t1    case     5     40.0%  0.548             0.0       16.0 s",
        "       B/C) x   20.0% (1)",
        "       C/A) y   40.0% (2)",
        "  user   1   2   3   4",
        "  ann   A✓  A✓  A✓   ✓",
        "       wrong answers: \"chemo therapy\" ×1",
        "  s4            1     2     50.0%",
    ] {
        assert!(
            table.lines().any(|l| l == line),
            "missing {line:?} in\n{table}"
        );
    }
}

#[path = "item_analysis/instructor.rs"]
mod instructor;

#[path = "item_analysis/class_view.rs"]
mod class_view;
