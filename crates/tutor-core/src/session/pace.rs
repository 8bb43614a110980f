//! Paced drills: the instructor opens each question for the whole class, closes it to
//! answers, and reveals its key with the class's answers, the way Kahoot or Socrative run a
//! class. [`Pace`] is where the instructor has the class; every student's [`Session`]
//! follows it ([`Session::follow`]) instead of moving on by itself.

use super::{Answered, Phase, Session};
use serde::{Deserialize, Serialize};

/// Where the instructor has the class. Questions are counted from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", content = "question", rename_all = "snake_case")]
pub enum Pace {
    /// Nothing opened yet: students wait.
    Waiting,
    /// The question takes answers.
    Open(usize),
    /// The question takes no more answers; its key is not shown yet.
    Locked(usize),
    /// The question's key, explanation and the class's answers are shown.
    Revealed(usize),
    /// Every question was revealed: the results.
    Finished,
}

/// What every student's session is told when the instructor moves: the drill, where the
/// class is, and at a reveal how the class answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaceUpdate {
    pub drill: crate::quiz::drill::DrillId,
    pub pace: Pace,
    pub class: Option<ClassAnswers>,
}

/// Why the instructor's key did nothing, said on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PaceError {
    #[error("reveal the open question (r) before opening the next")]
    NotRevealed,
    #[error("no question is open to lock: open one with n")]
    NothingOpen,
    #[error("the drill is over: every question was revealed")]
    Over,
}

impl Pace {
    /// The question the class is on, if any.
    pub fn question(self) -> Option<usize> {
        match self {
            Pace::Open(k) | Pace::Locked(k) | Pace::Revealed(k) => Some(k),
            Pace::Waiting | Pace::Finished => None,
        }
    }

    /// `n`: the next question of `count` opens (the first from [`Pace::Waiting`]); after the
    /// last, the results. Only once the question before is revealed, so nobody's answer is
    /// cut off unseen.
    pub fn next(self, count: usize) -> Result<Pace, PaceError> {
        let next = match self {
            Pace::Waiting => 0,
            Pace::Revealed(k) => k + 1,
            Pace::Open(_) | Pace::Locked(_) => return Err(PaceError::NotRevealed),
            Pace::Finished => return Err(PaceError::Over),
        };
        Ok(if next < count {
            Pace::Open(next)
        } else {
            Pace::Finished
        })
    }

    /// `l`: the open question takes no more answers.
    pub fn lock(self) -> Result<Pace, PaceError> {
        match self {
            Pace::Open(k) | Pace::Locked(k) => Ok(Pace::Locked(k)),
            Pace::Finished => Err(PaceError::Over),
            Pace::Waiting | Pace::Revealed(_) => Err(PaceError::NothingOpen),
        }
    }

    /// `r`: the open or locked question is revealed (which locks it too).
    pub fn reveal(self) -> Result<Pace, PaceError> {
        match self {
            Pace::Open(k) | Pace::Locked(k) | Pace::Revealed(k) => Ok(Pace::Revealed(k)),
            Pace::Finished => Err(PaceError::Over),
            Pace::Waiting => Err(PaceError::NothingOpen),
        }
    }

    /// Whether the question takes answers.
    pub fn open(self) -> bool {
        matches!(self, Pace::Open(_))
    }
}

/// How the class answered one question of a paced drill, shown to everyone at the reveal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClassAnswers {
    /// The question (from 0).
    pub question: usize,
    /// Per option, by its position as shown (the same for the whole class): students who
    /// chose it. Empty for a free-text question.
    pub chose: Vec<u32>,
    /// Students who answered, and of those, right.
    pub answered: u32,
    pub right: u32,
    /// Students in the drill when it was counted.
    pub present: u32,
}

impl ClassAnswers {
    /// Counts the answers of the students present to question `question` (`None`: not
    /// answered, or the time or the instructor closed it first).
    pub fn count<'a>(
        question: usize,
        options: usize,
        answers: impl IntoIterator<Item = Option<(&'a crate::grade::Answer, bool)>>,
    ) -> ClassAnswers {
        let mut c = ClassAnswers {
            question,
            chose: vec![0; options],
            ..ClassAnswers::default()
        };
        for a in answers {
            c.present += 1;
            let Some((answer, right)) = a else { continue };
            // A question closed before an answer is recorded with an empty one.
            match answer {
                crate::grade::Answer::Choices(picked) if picked.is_empty() => continue,
                crate::grade::Answer::Text(typed) if typed.trim().is_empty() => continue,
                crate::grade::Answer::Choices(picked) => {
                    for &i in picked {
                        if let Some(n) = c.chose.get_mut(i) {
                            *n += 1;
                        }
                    }
                }
                crate::grade::Answer::Text(_) => {}
            }
            c.answered += 1;
            c.right += u32::from(right);
        }
        c
    }
}

impl Session {
    /// Whether the instructor paces this session ([`Session::follow`]).
    pub fn paced(&self) -> bool {
        self.drill.as_ref().is_some_and(|d| d.paced)
    }

    /// Moves a paced session to where the instructor has the class: waiting, on the open
    /// question (a student who joins late lands there), holding an answer, or showing the
    /// revealed feedback. A question closed or revealed before this student answered it is
    /// recorded as unanswered: the returned record. Unpaced sessions ignore it.
    pub fn follow(&mut self, pace: Pace) -> Option<Answered> {
        if !self.paced() {
            return None;
        }
        let n = self.questions.len();
        if let Some(k) = pace.question().filter(|&k| k < n) {
            self.current = k;
        }
        let answered = pace
            .question()
            .is_some_and(|k| self.outcomes.get(k).is_some_and(Option::is_some));
        let mut record = None;
        self.phase = match pace {
            Pace::Waiting => Phase::Waiting,
            Pace::Finished => Phase::Done,
            _ if pace.question().is_none_or(|k| k >= n) => Phase::Waiting,
            Pace::Open(_) if answered => Phase::Held,
            Pace::Open(_) => Phase::Asking,
            Pace::Locked(_) | Pace::Revealed(_) => {
                if !answered {
                    self.phase = Phase::Asking;
                    record = self.expire();
                }
                if matches!(pace, Pace::Revealed(_)) {
                    Phase::Feedback
                } else {
                    Phase::Held
                }
            }
        };
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;
    use crate::grade::Answer;
    use crate::quiz::drill::DrillSpec;

    fn paced_drill() -> (Session, Vec<crate::quiz::Question>) {
        let course = Course::embedded().expect("course");
        let spec = DrillSpec {
            seed: 4,
            count: 3,
            paced: true,
            ..DrillSpec::default()
        };
        let qs = spec.questions(&course).expect("questions");
        (Session::for_drill(&course, &spec, qs.clone()), qs)
    }

    fn right(q: &crate::quiz::Question) -> Answer {
        match &q.free {
            Some(f) => Answer::Text(f.accept[0].clone()),
            None => Answer::Choices(q.key()),
        }
    }

    #[test]
    fn the_class_answers_are_counted_per_option_and_blank_ones_are_not_answers() {
        use crate::grade::Answer::{Choices, Text};
        let (b, ac, none, typed) = (
            Choices(vec![1]),
            Choices(vec![0, 2]),
            Choices(vec![]),
            Text("x".into()),
        );
        let answers = [
            Some((&b, true)),
            Some((&b, true)),
            Some((&ac, false)),
            Some((&none, false)),
            None,
        ];
        let c = ClassAnswers::count(3, 4, answers);
        assert_eq!(c.chose, [1, 2, 1, 0]);
        assert_eq!((c.answered, c.right, c.present, c.question), (3, 2, 5, 3));
        // A free-text question locked before one student typed: not an answer (it was).
        let untyped = Text(String::new());
        let t = ClassAnswers::count(0, 0, [Some((&typed, true)), None, Some((&untyped, false))]);
        assert_eq!((t.answered, t.right, t.present), (1, 1, 3));
    }

    #[test]
    fn the_instructor_moves_the_class_one_step_at_a_time() {
        let count = 2;
        assert_eq!(Pace::Waiting.next(count), Ok(Pace::Open(0)));
        assert_eq!(Pace::Open(0).next(count), Err(PaceError::NotRevealed));
        assert_eq!(Pace::Open(0).lock(), Ok(Pace::Locked(0)));
        assert_eq!(Pace::Locked(0).reveal(), Ok(Pace::Revealed(0)));
        assert_eq!(
            Pace::Open(0).reveal(),
            Ok(Pace::Revealed(0)),
            "reveal locks too"
        );
        assert_eq!(Pace::Revealed(0).next(count), Ok(Pace::Open(1)));
        assert_eq!(Pace::Revealed(1).next(count), Ok(Pace::Finished));
        assert_eq!(Pace::Finished.next(count), Err(PaceError::Over));
        assert_eq!(Pace::Waiting.lock(), Err(PaceError::NothingOpen));
        assert_eq!(Pace::Revealed(1).lock(), Err(PaceError::NothingOpen));
    }

    #[test]
    fn a_paced_session_waits_holds_its_answer_and_shows_feedback_on_reveal() {
        let (mut s, qs) = paced_drill();
        assert!(s.paced());
        assert_eq!(s.phase(), Phase::Waiting, "nothing to answer before n");
        assert_eq!(s.answer(right(&qs[0])), None);
        assert_eq!(s.follow(Pace::Open(0)), None);
        assert_eq!((s.phase(), s.current()), (Phase::Asking, 0));
        let rec = s.answer(right(&qs[0])).expect("recorded");
        assert!(rec.outcome.correct);
        assert_eq!(s.phase(), Phase::Held, "no feedback before the reveal");
        s.advance();
        assert_eq!(
            s.phase(),
            Phase::Held,
            "Enter does not move a paced drill on"
        );
        assert_eq!(
            s.follow(Pace::Locked(0)),
            None,
            "answered: nothing to record"
        );
        assert_eq!(s.follow(Pace::Revealed(0)), None);
        assert_eq!(s.phase(), Phase::Feedback);
        s.advance();
        assert_eq!(
            (s.phase(), s.current()),
            (Phase::Feedback, 0),
            "still the instructor's"
        );
        // Question 2 is closed before this student answers: recorded unanswered.
        s.follow(Pace::Open(1));
        assert_eq!(s.phase(), Phase::Asking);
        let closed = s.follow(Pace::Locked(1)).expect("an unanswered record");
        assert!(closed.timed_out && !closed.outcome.correct);
        assert_eq!(s.phase(), Phase::Held);
        assert_eq!(s.follow(Pace::Revealed(1)), None, "recorded once");
        assert_eq!(s.phase(), Phase::Feedback);
        s.follow(Pace::Finished);
        assert_eq!(s.phase(), Phase::Done);
        assert_eq!((s.score(), s.answered()), (1, 2));
    }

    #[test]
    fn a_late_joiner_lands_on_the_open_question_and_a_returner_on_its_held_answer() {
        let (mut s, qs) = paced_drill();
        s.follow(Pace::Open(2));
        assert_eq!((s.phase(), s.current()), (Phase::Asking, 2));
        s.answer(right(&qs[2]));
        // Dropped and back: the saved session follows the same pace again.
        let mut back = s.clone();
        back.follow(Pace::Open(2));
        assert_eq!(back.phase(), Phase::Held, "the answer given stays given");
        let mut unpaced = Session::new("Practice", 1, crate::store::Mode::Practice, qs);
        assert_eq!(unpaced.follow(Pace::Open(2)), None);
        assert_eq!(
            (unpaced.phase(), unpaced.current()),
            (Phase::Asking, 0),
            "ignored"
        );
    }
}
