//! The database schema, as an ordered list of migrations; `PRAGMA user_version` counts how
//! many have run. A database with a higher version was written by a newer tutor and is
//! refused untouched.

/// Migration `i` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: attempts, review state per learning unit, lessons read, a quiz to resume.
    "CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        user TEXT NOT NULL,
        course TEXT NOT NULL,
        course_version INTEGER NOT NULL,
        question TEXT NOT NULL,
        item TEXT,
        template TEXT,
        unit TEXT NOT NULL,
        quiz_seed INTEGER NOT NULL,
        case_seed INTEGER,
        vars TEXT,
        options TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL,
        typo INTEGER NOT NULL,
        seconds REAL NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('practice', 'review', 'drill')),
        drill TEXT,
        cites TEXT NOT NULL
    );
    CREATE INDEX attempts_by_user ON attempts (user, course, at_ms);
    CREATE TABLE reviews (
        user TEXT NOT NULL,
        course TEXT NOT NULL,
        unit TEXT NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        last_ms INTEGER NOT NULL,
        due_ms INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        PRIMARY KEY (user, course, unit)
    );
    CREATE TABLE lessons_read (
        user TEXT NOT NULL,
        course TEXT NOT NULL,
        lesson TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        PRIMARY KEY (user, course, lesson)
    );
    CREATE TABLE resume (
        user TEXT NOT NULL,
        course TEXT NOT NULL,
        saved_ms INTEGER NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (user, course)
    );",
    // 2: statistics group attempts by item, template and cited sentences; this index covers
    // that query (about 10 ms instead of 60 ms over 100,000 attempts).
    "CREATE INDEX attempts_groups ON attempts (user, course, item, template, cites, correct);",
    // 3: answers per learner and UTC day, kept by triggers in the same transaction as each
    // attempt, so the home screen's figures read a few hundred rows, not every attempt.
    "CREATE TABLE daily (
        user TEXT NOT NULL,
        course TEXT NOT NULL,
        day INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        right INTEGER NOT NULL,
        PRIMARY KEY (user, course, day)
    ) WITHOUT ROWID;
    INSERT INTO daily (user, course, day, answered, right)
        SELECT user, course, at_ms / 86400000, count(*), sum(correct) FROM attempts
        GROUP BY user, course, at_ms / 86400000;
    CREATE TRIGGER daily_insert AFTER INSERT ON attempts BEGIN
        INSERT INTO daily (user, course, day, answered, right)
            VALUES (NEW.user, NEW.course, NEW.at_ms / 86400000, 1, NEW.correct)
            ON CONFLICT (user, course, day) DO UPDATE
            SET answered = answered + 1, right = right + NEW.correct;
    END;
    CREATE TRIGGER daily_delete AFTER DELETE ON attempts BEGIN
        UPDATE daily SET answered = answered - 1, right = right - OLD.correct
            WHERE user = OLD.user AND course = OLD.course AND day = OLD.at_ms / 86400000;
        DELETE FROM daily WHERE user = OLD.user AND course = OLD.course
            AND day = OLD.at_ms / 86400000 AND answered <= 0;
    END;",
    // 4: a drill's time limit can run out: the question is recorded as unanswered.
    "ALTER TABLE attempts ADD COLUMN timed_out INTEGER NOT NULL DEFAULT 0;",
    // 5: several quizzes kept at once, one per slot (a drill by its id, any other quiz by
    // its seed and title), so opening a second quiz never overwrites the first.
    "CREATE TABLE saved_quizzes (
        user TEXT NOT NULL,
        course TEXT NOT NULL,
        slot TEXT NOT NULL,
        saved_ms INTEGER NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (user, course, slot)
    );
    INSERT INTO saved_quizzes (user, course, slot, saved_ms, state)
        SELECT user, course, 'earlier', saved_ms, state FROM resume;
    DROP TABLE resume;",
    // 6: each step of an unfolding case is an answer of its own; this says which step.
    "ALTER TABLE attempts ADD COLUMN step INTEGER;",
    // 7: each drill's settings (lessons, time limit, exam, paced …), for the report.
    "CREATE TABLE drills (
        id TEXT PRIMARY KEY,
        course TEXT NOT NULL,
        course_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        settings TEXT NOT NULL,
        at_ms INTEGER NOT NULL
    );",
];

/// The oldest schema a reader can read: the attempts table has had its present columns
/// since migration 4 (but `step`, from 6, which readers select as NULL when it is missing),
/// and readers read nothing else that later migrations changed.
pub const READABLE_FROM: u32 = 4;

/// The schema version this build writes.
pub fn current() -> u32 {
    MIGRATIONS.len() as u32
}
