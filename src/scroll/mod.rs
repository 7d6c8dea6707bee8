//! The step state: which step the reader is at, and how far through it.
//!
//! The state is a pure function of geometry (where the steps are, where the visible window is),
//! never of the history of scroll events, so any scroll position, however it was reached, gives
//! the same state. The browser side ([`observer`]) only measures and calls [`StepState::at`].

pub mod observer;

/// Where the trigger line sits, as a fraction of the visible window's height from its top.
/// Below the middle so that on phones, where the graphic covers the top of the screen, the
/// line still falls in the text that the reader is reading.
pub const TRIGGER: f64 = 0.6;

/// Where a jump puts the target step's top, as a fraction of the window's height: a little above
/// the trigger line, so the step is clearly active and its first line is in view.
pub const LANDING: f64 = 0.45;

/// The part of the page the reader can see, in the same coordinates as the step [`Span`]s.
/// Standalone it is the browser viewport; embedded in an iframe it will be the host page's
/// visible window mapped into the iframe's coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub top: f64,
    pub height: f64,
}

impl Viewport {
    /// The y of the trigger line.
    pub fn trigger(&self) -> f64 {
        self.top + self.height * TRIGGER
    }
}

/// A step's vertical extent, top < bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub top: f64,
    pub bottom: f64,
}

/// The reader's place in the story.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StepState {
    /// Index of the active step.
    pub index: usize,
    /// 0 when the step's top meets the trigger line, 1 when the next step's top does (for the
    /// last step, its own bottom). Before the first step it stays 0.
    pub progress: f64,
}

impl StepState {
    /// The state for steps laid out at `spans` (in document order) seen through `viewport`.
    ///
    /// The active step is the last one whose top has reached the trigger line; before the first
    /// step it is the first. A gap between two steps belongs to the one above it.
    pub fn at(spans: &[Span], viewport: Viewport) -> StepState {
        let line = viewport.trigger();
        let Some(index) = spans.iter().rposition(|s| s.top <= line) else {
            return StepState::default();
        };
        let span = spans[index];
        let end = spans.get(index + 1).map_or(span.bottom, |next| next.top);
        let progress = if end > span.top {
            crate::num::within((line - span.top) / (end - span.top), 0.0, 1.0)
        } else {
            1.0
        };
        StepState { index, progress }
    }
}

/// Where the trigger line falls relative to the steps: what the keyboard moves from, what the
/// URL names and what a change of layout must keep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Position {
    /// Above the first step (the masthead): the URL names no step.
    Before,
    /// In step `index` (or the gap after it), `progress` of the way to the next step's top.
    At { index: usize, progress: f64 },
    /// Below the last step's bottom (the end matter).
    After,
}

impl Position {
    /// The trigger line's position among `spans` seen through `viewport`.
    pub fn at(spans: &[Span], viewport: Viewport) -> Position {
        let line = viewport.trigger();
        match (spans.first(), spans.last()) {
            (Some(first), Some(last)) if first.top <= line && line <= last.bottom => {
                let state = StepState::at(spans, viewport);
                Position::At {
                    index: state.index,
                    progress: state.progress,
                }
            }
            (Some(first), _) if line < first.top => Position::Before,
            (Some(_), _) => Position::After,
            _ => Position::Before,
        }
    }

    /// The step state at this position among `count` steps: the same as [`StepState::at`] of
    /// the same geometry (before the steps, the first at its start; after them, the last at its
    /// end), without working it out again.
    pub fn state(self, count: usize) -> StepState {
        match self {
            Position::At { index, progress } => StepState { index, progress },
            Position::After if count > 0 => StepState {
                index: count - 1,
                progress: 1.0,
            },
            _ => StepState::default(),
        }
    }

    /// The step the URL should name, if any.
    pub fn step(self) -> Option<usize> {
        match self {
            Position::At { index, .. } => Some(index),
            _ => None,
        }
    }
}

/// The scroll offset that puts the trigger line back at `index`, `progress` of the way through
/// it, after a change of layout (a resize, a rotation, fonts arriving) moved the steps: the
/// reader stays where they were in the story, not at the same pixel offset.
pub fn anchor_offset(
    scroll_y: f64,
    spans: &[Span],
    index: usize,
    progress: f64,
    viewport: Viewport,
) -> Option<f64> {
    let span = spans.get(index)?;
    let end = spans.get(index + 1).map_or(span.bottom, |next| next.top);
    let y = span.top + progress * (end - span.top);
    Some((scroll_y + y - viewport.trigger()).max(0.0))
}

/// A move between steps asked for from the keyboard or the step rail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    First,
    Last,
}

impl Move {
    /// The move a key stands for (`KeyboardEvent.key`): arrows, PageUp/PageDown, j/k, Home/End.
    pub fn from_key(key: &str) -> Option<Move> {
        match key {
            "ArrowDown" | "ArrowRight" | "PageDown" | "j" => Some(Move::Next),
            "ArrowUp" | "ArrowLeft" | "PageUp" | "k" => Some(Move::Previous),
            "Home" => Some(Move::First),
            "End" => Some(Move::Last),
            _ => None,
        }
    }

    /// The step this move goes to from `position`, among `count` steps; `None` where there is
    /// no step to go to, so the key keeps its usual meaning (scrolling the masthead or the end
    /// matter).
    pub fn target(self, position: Position, count: usize) -> Option<usize> {
        let last = count.checked_sub(1)?;
        match (self, position) {
            (Move::First, _) => Some(0),
            (Move::Last, _) => Some(last),
            (Move::Next, Position::Before) => Some(0),
            (Move::Next, Position::At { index, .. }) => (index < last).then_some(index + 1),
            (Move::Previous, Position::At { index, .. }) => index.checked_sub(1),
            (Move::Previous, Position::After) => Some(last),
            (Move::Next, Position::After) | (Move::Previous, Position::Before) => None,
        }
    }
}

/// The room left between the graphic that covers the top of the window (phones) and a step a
/// jump lands on, in px: its first line is not flush with the graphic's edge.
pub const LANDING_GAP: f64 = 8.0;

/// The scroll offset that lands step `target` at [`LANDING`], given the current scroll offset
/// and spans measured relative to the viewport. `covered` is how much of the window's top the
/// sticky graphic hides (on phones; 0 beside the text): the step lands below it if that is
/// lower, but always above the trigger line, so that it is the active step.
pub fn landing_offset(scroll_y: f64, target: Span, viewport_height: f64, covered: f64) -> f64 {
    let at = (viewport_height * LANDING)
        .max(covered + LANDING_GAP)
        .min(viewport_height * TRIGGER - 1.0);
    (scroll_y + target.top - at).max(0.0)
}

/// The step id named by a URL fragment `#step-<id>`, if any.
pub fn step_id_from_hash(hash: &str) -> Option<&str> {
    hash.strip_prefix('#')
        .unwrap_or(hash)
        .strip_prefix("step-")
        .filter(|id| !id.is_empty())
}

/// What the URL's fragment should become when the reader is at step `step` (its id), given the
/// fragment it has now: `Some` to replace it, `None` to leave it. `owned` says whether the
/// current fragment is the explainer's (none, or one naming an element of the explainer): a
/// host page's own fragment (the explainer mounted in it) is never touched. Only `#step-`
/// fragments are the explainer's to drop; a `#note-` or `#source-` the reader followed stays
/// until they are back in the steps.
pub fn fragment_for(current: &str, owned: bool, step: Option<&str>) -> Option<String> {
    if !owned && step_id_from_hash(current).is_none() {
        return None;
    }
    match step {
        Some(id) => {
            let wanted = format!("#step-{id}");
            (current != wanted).then_some(wanted)
        }
        None => step_id_from_hash(current).map(|_| String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: Viewport = Viewport {
        top: 0.0,
        height: 1000.0,
    };

    /// Three 800 px steps with 200 px gaps, starting at `first_top`.
    fn spans(first_top: f64) -> Vec<Span> {
        (0..3)
            .map(|i| {
                let top = first_top + f64::from(i) * 1000.0;
                Span {
                    top,
                    bottom: top + 800.0,
                }
            })
            .collect()
    }

    #[test]
    fn before_the_first_step_the_first_is_active_at_zero_progress() {
        let state = StepState::at(&spans(1200.0), VIEW);
        assert_eq!(state, StepState::default());
    }

    #[test]
    fn a_step_becomes_active_when_its_top_reaches_the_trigger_line() {
        let line = VIEW.trigger();
        assert_eq!(StepState::at(&spans(line + 0.5), VIEW).index, 0);
        // Second step's top exactly on the line.
        let s = StepState::at(&spans(line - 1000.0), VIEW);
        assert_eq!((s.index, s.progress), (1, 0.0));
    }

    #[test]
    fn progress_runs_from_this_top_to_the_next_top() {
        // First step's top 250 px above the line: a quarter of the 1000 px to the next top.
        let s = StepState::at(&spans(VIEW.trigger() - 250.0), VIEW);
        assert_eq!(s.index, 0);
        assert!((s.progress - 0.25).abs() < 1e-9);
    }

    #[test]
    fn a_gap_between_steps_belongs_to_the_step_above() {
        // Line in the gap after step 0 (its bottom at line - 50).
        let s = StepState::at(&spans(VIEW.trigger() - 850.0), VIEW);
        assert_eq!(s.index, 0);
        assert!((s.progress - 0.85).abs() < 1e-9);
    }

    #[test]
    fn the_last_step_stays_active_past_its_end_with_full_progress() {
        let s = StepState::at(&spans(-5000.0), VIEW);
        assert_eq!((s.index, s.progress), (2, 1.0));
    }

    #[test]
    fn the_viewport_offset_moves_the_trigger_line() {
        // The same spans seen through a window 1000 px lower is the same as spans 1000 px higher.
        let moved = Viewport {
            top: 1000.0,
            height: 1000.0,
        };
        assert_eq!(
            StepState::at(&spans(0.0), moved),
            StepState::at(&spans(-1000.0), VIEW)
        );
    }

    #[test]
    fn the_state_depends_on_position_alone() {
        // Arriving at the same layout via any sequence of positions gives the same state.
        let target = StepState::at(&spans(-1234.0), VIEW);
        for detour in [-9000.0, 0.0, 500.0, -1234.0, 3000.0] {
            let _ = StepState::at(&spans(detour), VIEW);
            assert_eq!(StepState::at(&spans(-1234.0), VIEW), target);
        }
    }

    #[test]
    fn landing_puts_the_step_top_just_above_the_trigger_line() {
        let target = spans(600.0)[2]; // top at 2600, relative to a viewport scrolled by 400
        let y = landing_offset(400.0, target, VIEW.height, 0.0);
        // After scrolling to y, the step's top is at (2600 + 2000 + 400 - y) in the viewport.
        let top_after = target.top + 400.0 - y;
        assert!((top_after - VIEW.height * LANDING).abs() < 1e-9);
        let after = spans(600.0 + 400.0 - y);
        assert_eq!(StepState::at(&after, VIEW).index, 2);
    }

    #[test]
    fn landing_never_scrolls_above_the_page() {
        let first = Span {
            top: 10.0,
            bottom: 800.0,
        };
        assert_eq!(landing_offset(0.0, first, 1000.0, 0.0), 0.0);
    }

    #[test]
    fn landing_puts_the_step_below_the_graphic_that_covers_the_window_and_keeps_it_active() {
        let target = spans(600.0)[2];
        let top_after =
            |covered: f64| target.top + 400.0 - landing_offset(400.0, target, VIEW.height, covered);
        // A graphic lower than the landing line: the step's top lands just below it.
        let covered = VIEW.height * 0.52;
        assert!((top_after(covered) - (covered + LANDING_GAP)).abs() < 1e-9);
        // A graphic over the trigger line: the step still lands above the line, active.
        let covered = VIEW.height * 0.7;
        assert!(top_after(covered) < VIEW.height * TRIGGER);
        let y = landing_offset(400.0, target, VIEW.height, covered);
        assert_eq!(StepState::at(&spans(600.0 + 400.0 - y), VIEW).index, 2);
        // A low graphic changes nothing.
        assert_eq!(top_after(10.0), top_after(0.0));
    }

    #[test]
    fn the_position_tells_the_masthead_and_the_end_matter_from_the_steps() {
        let line = VIEW.trigger();
        assert_eq!(Position::at(&spans(line + 1.0), VIEW), Position::Before);
        assert_eq!(
            Position::at(&spans(line), VIEW),
            Position::At {
                index: 0,
                progress: 0.0
            }
        );
        // The last step's bottom is 2800 px below the first top.
        assert_eq!(Position::at(&spans(line - 2800.0), VIEW).step(), Some(2));
        assert_eq!(Position::at(&spans(line - 2801.0), VIEW), Position::After);
        assert_eq!(Position::at(&[], VIEW), Position::Before);
    }

    #[test]
    fn anchoring_puts_the_same_point_of_the_same_step_on_the_line() {
        // Step 1 half-way: its top 500 px above the line.
        let before = spans(VIEW.trigger() - 1500.0);
        let Position::At { index, progress } = Position::at(&before, VIEW) else {
            panic!("in the steps")
        };
        // A narrower layout: steps twice as tall, the page scrolled by 300, steps start at 40.
        let after: Vec<Span> = (0..3)
            .map(|i| {
                let top = 40.0 + f64::from(i) * 2000.0;
                Span {
                    top,
                    bottom: top + 1600.0,
                }
            })
            .collect();
        let y = anchor_offset(300.0, &after, index, progress, VIEW).unwrap();
        let moved: Vec<Span> = after
            .iter()
            .map(|s| Span {
                top: s.top + 300.0 - y,
                bottom: s.bottom + 300.0 - y,
            })
            .collect();
        let again = StepState::at(&moved, VIEW);
        assert_eq!(again.index, index);
        assert!((again.progress - progress).abs() < 1e-9);
    }

    #[test]
    fn keys_move_between_steps_as_documented() {
        let at = |index| Position::At {
            index,
            progress: 0.3,
        };
        for key in ["ArrowDown", "ArrowRight", "PageDown", "j"] {
            assert_eq!(Move::from_key(key), Some(Move::Next), "{key}");
        }
        for key in ["ArrowUp", "ArrowLeft", "PageUp", "k"] {
            assert_eq!(Move::from_key(key), Some(Move::Previous), "{key}");
        }
        assert_eq!(Move::from_key("Home"), Some(Move::First));
        assert_eq!(Move::from_key("End"), Some(Move::Last));
        assert_eq!(Move::from_key(" "), None);
        assert_eq!(Move::from_key("J"), None);

        assert_eq!(Move::Next.target(Position::Before, 3), Some(0));
        assert_eq!(Move::Next.target(at(1), 3), Some(2));
        assert_eq!(Move::Next.target(at(2), 3), None);
        assert_eq!(Move::Next.target(Position::After, 3), None);
        assert_eq!(Move::Previous.target(Position::Before, 3), None);
        assert_eq!(Move::Previous.target(at(0), 3), None);
        assert_eq!(Move::Previous.target(at(2), 3), Some(1));
        assert_eq!(Move::Previous.target(Position::After, 3), Some(2));
        assert_eq!(Move::First.target(Position::After, 3), Some(0));
        assert_eq!(Move::Last.target(Position::Before, 3), Some(2));
        assert_eq!(Move::Last.target(Position::Before, 0), None);
    }

    #[test]
    fn the_url_names_the_step_and_leaves_other_fragments_alone() {
        assert_eq!(
            fragment_for("", true, Some("hor")),
            Some("#step-hor".into())
        );
        assert_eq!(fragment_for("#step-hor", true, Some("hor")), None);
        assert_eq!(
            fragment_for("#step-hor", true, Some("un-talks")),
            Some("#step-un-talks".into())
        );
        assert_eq!(
            fragment_for("#note-x", true, Some("hor")),
            Some("#step-hor".into())
        );
        // Out of the steps: our fragment goes, the reader's own stays.
        assert_eq!(fragment_for("#step-hor", true, None), Some(String::new()));
        assert_eq!(fragment_for("#note-x", true, None), None);
        assert_eq!(fragment_for("", true, None), None);
        // A host page's own fragment stays, in the steps and out of them.
        assert_eq!(fragment_for("#comments", false, Some("hor")), None);
        assert_eq!(fragment_for("#comments", false, None), None);
    }

    #[test]
    fn step_ids_come_from_step_fragments_only() {
        assert_eq!(step_id_from_hash("#step-bu-attni"), Some("bu-attni"));
        assert_eq!(step_id_from_hash("step-hor"), Some("hor"));
        assert_eq!(step_id_from_hash("#step-"), None);
        assert_eq!(step_id_from_hash("#top"), None);
        assert_eq!(step_id_from_hash(""), None);
    }
}
