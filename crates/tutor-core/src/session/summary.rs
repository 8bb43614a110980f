//! What a finished quiz tells the learner to do next: the lesson whose questions went worst
//! at the first try, and the source sentences of those misses.

use super::Session;
use crate::course::Course;
use crate::quiz::{Origin, Question};

/// The lesson to study next, from a quiz's first tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyNext {
    /// Index of the lesson in the course.
    pub lesson: usize,
    /// First tries in the quiz on that lesson's material, and how many were missed.
    pub asked: usize,
    pub missed: usize,
    /// The primary sentences of the missed questions, once each, in the order asked.
    pub sentences: Vec<String>,
}

impl StudyNext {
    /// The line every front end prints: `Study next: the lesson "…" (2 of 3 missed);
    /// sentences s5, s8`.
    pub fn line(&self, course: &Course) -> String {
        let title = course
            .lessons
            .get(self.lesson)
            .map_or("", |l| l.title.as_str());
        let sentences = if self.sentences.is_empty() {
            String::new()
        } else {
            format!("; sentences {}", self.sentences.join(", "))
        };
        crate::text::sanitize(&format!(
            "Study next: the lesson \"{title}\" ({} of {} missed){sentences}",
            self.missed, self.asked
        ))
    }
}

/// `Due for review: 2 now, the next in 10 min`: units due at `now_ms` and when the next
/// falls due after it, from the review states.
pub fn due_line(
    due_now: u64,
    states: &[(String, crate::schedule::ReviewState)],
    now_ms: i64,
) -> String {
    let next = crate::quiz::review::next_due(states, now_ms).map_or(String::new(), |at| {
        format!(", the next in {}", crate::figures::span(at - now_ms))
    });
    format!("Due for review: {due_now} now{next}")
}

/// The one lesson an answer counts under, in the results as in the statistics: the first
/// that presents the sentence the question rests on (its key's first cite), so a case met
/// in a later synthesis lesson still sends the learner where its fact is taught; else the
/// first lesson that lists the item or template.
pub fn lesson_of(course: &Course, q: &Question) -> Option<usize> {
    let teaching = crate::quiz::draw::primary(q).and_then(|s| course.lesson_teaching(s));
    teaching.or_else(|| {
        course.lessons.iter().position(|l| match &q.origin {
            Origin::Item { id } => l.items.contains(id),
            Origin::Case { template, .. } => l.cases.contains(template),
        })
    })
}

/// The lesson with the most first-try misses (the earliest on a tie), or `None` when nothing
/// was missed.
pub fn study_next(course: &Course, s: &Session) -> Option<StudyNext> {
    // First tries answered (a timed-out question has a wrong outcome too).
    let first_tries: Vec<usize> = (0..s.questions().len())
        .filter(|&k| !s.again_at(k) && s.outcome_at(k).is_some())
        .collect();
    let missed: Vec<usize> = first_tries
        .iter()
        .copied()
        .filter(|&k| !s.outcome_at(k).is_some_and(|o| o.correct))
        .collect();
    let lessons: Vec<Option<usize>> = s.questions().iter().map(|q| lesson_of(course, q)).collect();
    let misses_in = |l: usize| missed.iter().filter(|&&k| lessons[k] == Some(l)).count();
    let lesson = (0..course.lessons.len())
        .filter(|&l| misses_in(l) > 0)
        .max_by_key(|&l| (misses_in(l), std::cmp::Reverse(l)))?;
    let asked = first_tries
        .iter()
        .filter(|&&k| lessons[k] == Some(lesson))
        .count();
    let mut sentences: Vec<String> = Vec::new();
    for &k in missed.iter().filter(|&&k| lessons[k] == Some(lesson)) {
        if let Some(id) = crate::quiz::draw::primary(&s.questions()[k])
            && !sentences.iter().any(|s| s == id)
        {
            sentences.push(id.to_owned());
        }
    }
    Some(StudyNext {
        lesson,
        asked,
        missed: misses_in(lesson),
        sentences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::Answer;
    use crate::store::Mode;

    /// The course's items of lesson `l`, as questions (choice items only).
    fn of_lesson(course: &Course, l: usize, n: usize) -> Vec<Question> {
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let items = course.lessons[l]
            .items
            .iter()
            .filter_map(|id| course.item(id));
        let qs = items.map(|i| crate::quiz::from_item(course, i, &mut rng));
        let owned: Vec<Question> = qs
            .filter(|q| !q.is_free_text() && lesson_of(course, q) == Some(l))
            .take(n)
            .collect();
        assert_eq!(owned.len(), n, "lesson {l} has {n} choice items of its own");
        owned
    }

    fn answer(s: &mut Session, right: bool) {
        let q = s.question().expect("a question").clone();
        let key = q.key();
        let pick = if right {
            key
        } else {
            vec![
                (0..q.options.len())
                    .find(|i| !key.contains(i))
                    .expect("a wrong option"),
            ]
        };
        s.answer(Answer::Choices(pick));
        s.advance();
    }

    #[test]
    fn a_case_counts_under_the_lesson_that_presents_its_sentence_not_the_one_listing_it() {
        let course = Course::embedded().expect("course");
        for template in ["case-duration", "case-regimen"] {
            let t = course.case_template(template).expect("template");
            let listing = course
                .lessons
                .iter()
                .position(|l| l.cases.iter().any(|c| c == template));
            let mut earlier = 0;
            for seed in 0..20 {
                for q in crate::quiz::case::generate(t, seed).expect("case") {
                    let primary = crate::quiz::draw::primary(&q).expect("cites");
                    let lesson = lesson_of(&course, &q).expect("a lesson");
                    assert!(
                        course.lessons[lesson]
                            .sentences
                            .iter()
                            .any(|s| s == primary),
                        "{template}: {primary} is presented by lesson {lesson}"
                    );
                    earlier += usize::from(Some(lesson) < listing);
                }
            }
            assert!(
                earlier > 0,
                "{template}: its s8-s10 cases count where s8-s10 are taught"
            );
        }
    }

    #[test]
    fn the_lesson_with_most_first_try_misses_is_studied_next() {
        let course = Course::embedded().expect("course");
        let (a, b) = (of_lesson(&course, 0, 2), of_lesson(&course, 1, 3));
        let questions: Vec<Question> = [a[0].clone(), b[0].clone(), a[1].clone()]
            .into_iter()
            .chain(b[1..].iter().cloned())
            .collect();
        let mut s = Session::new("t", 1, Mode::Practice, questions.clone());
        assert_eq!(
            study_next(&course, &s),
            None,
            "nothing answered, nothing missed"
        );
        // Lesson 0: one miss of two; lesson 1: two misses of three.
        for right in [false, false, true, false, true] {
            answer(&mut s, right);
        }
        while s.phase() != super::super::Phase::Done {
            answer(&mut s, true); // the misses asked again
        }
        let next = study_next(&course, &s).expect("misses");
        assert_eq!((next.lesson, next.asked, next.missed), (1, 3, 2));
        let primary = |q: &Question| crate::quiz::draw::primary(q).map(str::to_owned);
        let mut want: Vec<String> = [&b[0], &b[1]].iter().filter_map(|q| primary(q)).collect();
        want.dedup();
        assert_eq!(next.sentences, want);
    }
}
