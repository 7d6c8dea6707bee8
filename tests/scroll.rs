//! Property tests of the step state: over random layouts (step positions and heights), windows
//! and scroll positions, the state is a function of the geometry alone, moves forward as the
//! reader scrolls down, and jumps, anchors and keys land where they say. Native only: proptest
//! is not built for wasm.
#![cfg(not(target_arch = "wasm32"))]

use benghazi_explainer::scroll::{
    anchor_offset, landing_offset, Move, Position, Span, StepState, Viewport, LANDING, TRIGGER,
};
use proptest::prelude::*;

/// Steps in document order: a first top, then (height, gap after) pairs. Whole pixels, so that
/// shifting a layout is exact arithmetic.
fn layout() -> impl Strategy<Value = Vec<Span>> {
    (
        -20_000i32..20_000,
        prop::collection::vec((40i32..3_000, 0i32..400), 1..20),
    )
        .prop_map(|(first, sizes)| {
            let mut top = f64::from(first);
            sizes
                .into_iter()
                .map(|(height, gap)| {
                    let span = Span {
                        top,
                        bottom: top + f64::from(height),
                    };
                    top = span.bottom + f64::from(gap);
                    span
                })
                .collect()
        })
}

fn window() -> impl Strategy<Value = Viewport> {
    (-30_000i32..30_000, 200i32..2_000).prop_map(|(top, height)| Viewport {
        top: f64::from(top),
        height: f64::from(height),
    })
}

fn shifted(spans: &[Span], by: f64) -> Vec<Span> {
    spans
        .iter()
        .map(|s| Span {
            top: s.top + by,
            bottom: s.bottom + by,
        })
        .collect()
}

/// Where the steps are once the page is scrolled by `y` from the layout measured at offset 0.
fn scrolled(spans: &[Span], y: f64) -> Vec<Span> {
    shifted(spans, -y)
}

fn at_window(height: f64) -> Viewport {
    Viewport { top: 0.0, height }
}

proptest! {
    #[test]
    fn the_position_gives_the_state_the_geometry_gives(spans in layout(), view in window()) {
        let state = StepState::at(&spans, view);
        prop_assert_eq!(Position::at(&spans, view).state(spans.len()), state);
    }

    #[test]
    fn only_the_relative_position_counts(spans in layout(), view in window(), by in -50_000i32..50_000) {
        let by = f64::from(by);
        let moved = Viewport { top: view.top + by, ..view };
        let (a, b) = (StepState::at(&spans, view), StepState::at(&shifted(&spans, by), moved));
        // The trigger line (60% down) is not a whole pixel: progress may differ by rounding.
        prop_assert_eq!(a.index, b.index);
        prop_assert!((a.progress - b.progress).abs() < 1e-9, "{a:?} {b:?}");
        prop_assert_eq!(
            Position::at(&spans, view).step(),
            Position::at(&shifted(&spans, by), moved).step()
        );
    }

    #[test]
    fn the_active_step_is_the_last_to_reach_the_line(spans in layout(), view in window()) {
        let state = StepState::at(&spans, view);
        let line = view.trigger();
        prop_assert!(state.index < spans.len());
        prop_assert!((0.0..=1.0).contains(&state.progress));
        match spans.iter().rposition(|s| s.top <= line) {
            Some(i) => prop_assert_eq!(state.index, i),
            None => prop_assert_eq!(state, StepState::default()),
        }
        // The position agrees with the state wherever it is in the steps.
        if let Position::At { index, progress } = Position::at(&spans, view) {
            prop_assert_eq!((index, progress), (state.index, state.progress));
        }
    }

    #[test]
    fn scrolling_down_never_goes_back(spans in layout(), view in window(), a in 0i32..40_000, b in 0i32..40_000) {
        let (near, far) = (f64::from(a.min(b)), f64::from(a.max(b)));
        let s1 = StepState::at(&scrolled(&spans, near), view);
        let s2 = StepState::at(&scrolled(&spans, far), view);
        prop_assert!(
            s1.index < s2.index || (s1.index == s2.index && s1.progress <= s2.progress),
            "{s1:?} at {near} then {s2:?} at {far}"
        );
    }

    #[test]
    fn however_the_reader_got_there_a_position_shows_one_state(
        spans in layout(),
        height in 200i32..2_000,
        detours in prop::collection::vec(-40_000i32..40_000, 0..30),
        y in -40_000i32..40_000,
    ) {
        // The state at y, computed afresh and after any path of other positions (a fling, a
        // jump, a slow scroll), is the same: nothing carries over between measurements.
        let view = at_window(f64::from(height));
        let direct = StepState::at(&scrolled(&spans, f64::from(y)), view);
        for d in detours {
            let _ = StepState::at(&scrolled(&spans, f64::from(d)), view);
        }
        prop_assert_eq!(StepState::at(&scrolled(&spans, f64::from(y)), view), direct);
    }

    #[test]
    fn a_jump_lands_on_its_step(
        spans in layout(),
        height in 200i32..2_000,
        pick in any::<prop::sample::Index>(),
        covered in 0.0f64..1.0,
    ) {
        let view = at_window(f64::from(height));
        let i = pick.index(spans.len());
        let to_next = spans.get(i + 1).map_or(spans[i].bottom, |n| n.top) - spans[i].top;
        // However much of the window's top a sticky graphic covers (phones), even all of it.
        let y = landing_offset(0.0, spans[i], view.height, covered * view.height);
        // A step shorter than the distance from the landing line to the trigger line, or one
        // that would need a scroll above the page's top, cannot land there.
        prop_assume!(to_next > (TRIGGER - LANDING) * view.height + 1.0);
        prop_assume!(y > 0.0);
        let state = StepState::at(&scrolled(&spans, y), view);
        prop_assert_eq!(state.index, i);
    }

    #[test]
    fn a_new_layout_keeps_the_reader_at_the_same_point_of_the_same_step(
        before in layout(),
        after in layout(),
        height in 200i32..2_000,
        y in -40_000i32..40_000,
    ) {
        let view = at_window(f64::from(height));
        let Position::At { index, progress } = Position::at(&scrolled(&before, f64::from(y)), view) else {
            return Ok(());
        };
        prop_assume!(index < after.len());
        let to = anchor_offset(0.0, &after, index, progress, view).unwrap();
        let span = after[index];
        let end = after.get(index + 1).map_or(span.bottom, |n| n.top);
        // Unless the page cannot scroll that far up, or the step has no height to hold a place.
        prop_assume!(to > 0.0 && end > span.top);
        let state = StepState::at(&scrolled(&after, to), view);
        prop_assert_eq!(state.index, index);
        prop_assert!((state.progress - progress).abs() < 1e-6);
    }

    #[test]
    fn keys_move_one_step_or_to_an_end_and_never_out_of_range(
        count in 1usize..30,
        index in 0usize..30,
        progress in 0.0f64..=1.0,
        before in any::<bool>(),
    ) {
        let position = if index >= count {
            if before { Position::Before } else { Position::After }
        } else {
            Position::At { index, progress }
        };
        for m in [Move::Next, Move::Previous, Move::First, Move::Last] {
            if let Some(t) = m.target(position, count) {
                prop_assert!(t < count);
                if let (Move::Next | Move::Previous, Position::At { index, .. }) = (m, position) {
                    prop_assert_eq!(t.abs_diff(index), 1);
                }
            }
        }
        prop_assert_eq!(Move::First.target(position, count), Some(0));
        prop_assert_eq!(Move::Last.target(position, count), Some(count - 1));
    }
}
