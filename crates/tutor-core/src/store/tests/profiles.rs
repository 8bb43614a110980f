//! What a learner's profile holds besides attempts: saved quizzes per slot, lessons read, a
//! reset of one user, and the names profiles get.

use super::*;

#[test]
fn reset_of_one_user_removes_only_that_users_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    for user in ["ann", "bob"] {
        for (i, unit) in ["u1", "u2", "u3"].iter().enumerate() {
            s.record(&item(user, unit, T0 + i as i64, i % 2 == 0), &sch)
                .expect("record");
        }
        s.record(&case(user, T0), &sch).expect("record");
        s.mark_read(user, "course-a", "lesson-1", T0).expect("mark");
        s.save_quiz(user, "course-a", "quiz:1", "{}", T0)
            .expect("saved quiz");
    }
    assert_eq!(s.reset(Some("ann")).expect("reset"), 4);
    for table in ["attempts", "reviews", "lessons_read", "saved_quizzes"] {
        assert_eq!(rows(&s, table, "ann"), 0, "{table} of ann");
        assert!(rows(&s, table, "bob") > 0, "{table} of bob kept");
    }
    assert_eq!(s.attempts(Some("bob"), None).expect("attempts").len(), 4);
    assert_eq!(rows(&s, "reviews", "bob"), 4);
    assert_eq!(s.reset(Some("ann")).expect("reset again"), 0);
    assert_eq!(s.reset(Some("nobody")).expect("reset"), 0);
    assert_eq!(s.reset(None).expect("reset all"), 4);
    for table in ["attempts", "reviews", "lessons_read", "saved_quizzes"] {
        assert_eq!(rows(&s, table, "bob"), 0, "{table} of bob");
    }
    s.integrity_check().expect("integrity");
}

#[test]
fn saved_quizzes_are_kept_per_slot_replaced_listed_newest_first_and_cleared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let slots = |s: &Store, user: &str, course: &str| -> Vec<(String, String)> {
        s.saved_quizzes(user, course)
            .expect("list")
            .into_iter()
            .map(|q| (q.slot, q.state))
            .collect()
    };
    assert!(slots(&s, "ann", "course-a").is_empty());
    s.save_quiz("ann", "course-a", "quiz:1", r#"{"seed":1}"#, T0)
        .expect("save");
    s.save_quiz("ann", "course-a", "drill:d-1", r#"{"seed":9}"#, T0 + 1)
        .expect("a second slot");
    s.save_quiz("ann", "course-a", "quiz:1", r#"{"seed":2}"#, T0 + 2)
        .expect("replace");
    s.save_quiz("ann", "course-b", "quiz:1", r#"{"seed":3}"#, T0)
        .expect("save");
    s.save_quiz("bob", "course-a", "quiz:1", r#"{"seed":4}"#, T0)
        .expect("save");
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        slots(&s, "ann", "course-a"),
        [
            pair("quiz:1", r#"{"seed":2}"#),
            pair("drill:d-1", r#"{"seed":9}"#)
        ],
        "both kept, the newest first"
    );
    s.clear_quiz("ann", "course-a", "quiz:1").expect("clear");
    assert_eq!(
        slots(&s, "ann", "course-a"),
        [pair("drill:d-1", r#"{"seed":9}"#)],
        "the other slot stays"
    );
    assert_eq!(slots(&s, "ann", "course-b").len(), 1);
    s.clear_quiz("ann", "course-a", "quiz:1")
        .expect("clearing twice is fine");
    // It survives reopening.
    drop(s);
    let s = open(dir.path());
    assert_eq!(
        slots(&s, "bob", "course-a"),
        [pair("quiz:1", r#"{"seed":4}"#)]
    );
}

#[test]
fn lessons_read_are_marked_once_per_lesson() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    s.mark_read("ann", "course-a", "l1", T0).expect("mark");
    s.mark_read("ann", "course-a", "l1", T0 + 1)
        .expect("mark again");
    s.mark_read("ann", "course-a", "l2", T0).expect("mark");
    s.mark_read("ann", "course-b", "l3", T0).expect("mark");
    let mut read = s.lessons_read("ann", "course-a").expect("read");
    read.sort();
    assert_eq!(read, ["l1", "l2"]);
    assert!(s.lessons_read("bob", "course-a").expect("read").is_empty());
}

#[test]
fn login_names_become_valid_profile_names_the_same_way_every_time() {
    for (login, want) in [
        ("José", "jose"),
        ("Ann", "ann"),
        ("Jean Luc", "jean_luc"),
        ("-x", "x"),
        ("ÅSA.ÖBERG", "asa.oberg"),
    ] {
        assert_eq!(profile_name_from(login), want, "{login}");
        assert!(valid_user(want).is_ok());
    }
    let long = "Ä".repeat(40);
    assert_eq!(profile_name_from(&long), "a".repeat(32));
    let cjk = profile_name_from("李小龍");
    assert!(
        cjk.starts_with("user-") && valid_user(&cjk).is_ok(),
        "{cjk}"
    );
    assert_eq!(cjk, profile_name_from("李小龍"), "deterministic");
    assert_ne!(cjk, profile_name_from("王小明"));
    for odd in ["", ".", "..", "___", "-"] {
        let n = profile_name_from(odd);
        assert!(valid_user(&n).is_ok(), "{odd:?} -> {n:?}");
    }
}
