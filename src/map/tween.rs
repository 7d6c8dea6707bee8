//! Animates the shown scene towards the target scene with requestAnimationFrame.
//!
//! The target is a pure function of the step state; only the way there takes time. A change of
//! step starts a tween from whatever is on screen (so a change mid-tween does not jump); a
//! change of progress within a step follows at once. With `prefers-reduced-motion: reduce` every
//! change is immediate.

use super::scene::{ease, Scene};
use gloo::render::{request_animation_frame, AnimationFrame};
use leptos::prelude::*;
use std::{cell::RefCell, rc::Rc};

/// How long a move between two steps takes, in ms.
pub const TRANSITION_MS: f64 = 900.0;

/// A tween under way.
struct Running {
    from: Scene,
    start: Option<f64>,
    /// Dropping the handle cancels the next frame.
    frame: Option<AnimationFrame>,
}

/// Returns the scene to draw: `target`, reached through eased tweens when `step` changes.
pub fn use_tweened(target: Memo<Scene>, step: Memo<usize>) -> ReadSignal<Scene> {
    let (shown, set_shown) = signal(target.get_untracked());
    let running: Rc<RefCell<Option<Running>>> = Rc::default();

    Effect::new(move |previous_step: Option<usize>| {
        let goal = target.get();
        let step = step.get();
        let moved = previous_step.is_some_and(|p| p != step);
        let reduced = prefers_reduced_motion();
        if !moved || reduced {
            // Progress within a step, the first run, or no motion wanted: show it as it is,
            // unless a tween is on its way there (it reads the target every frame).
            if running.borrow().is_none() || reduced {
                *running.borrow_mut() = None;
                set_shown.set(goal);
            }
            return step;
        }
        *running.borrow_mut() = Some(Running {
            from: shown.get_untracked(),
            start: None,
            frame: None,
        });
        schedule(running.clone(), target, set_shown);
        step
    });

    shown
}

fn schedule(
    running: Rc<RefCell<Option<Running>>>,
    target: Memo<Scene>,
    set_shown: WriteSignal<Scene>,
) {
    let next = running.clone();
    let frame = request_animation_frame(move |now| {
        let done = {
            let mut guard = next.borrow_mut();
            let Some(tween) = guard.as_mut() else { return };
            let start = *tween.start.get_or_insert(now);
            let t = ((now - start) / TRANSITION_MS).min(1.0);
            set_shown.set(Scene::lerp(&tween.from, &target.get_untracked(), ease(t)));
            t >= 1.0
        };
        if done {
            *next.borrow_mut() = None;
        } else {
            schedule(next, target, set_shown);
        }
    });
    if let Some(tween) = running.borrow_mut().as_mut() {
        tween.frame = Some(frame);
    }
}

/// The reader's wish, read at each change so that a change of setting applies at once.
pub fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
