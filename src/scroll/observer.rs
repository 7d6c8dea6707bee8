//! The browser side of the step state: measures the page and feeds [`StepState::at`], keeps
//! the URL on the reader's step, holds the reader's place through changes of layout, and moves
//! between steps on request (keyboard, step rail, `#step-` links).
//!
//! Browser APIs are touched only inside the effect and in event handlers, so the components that
//! use this hook also render natively (for the tests and for pre-rendering).

use super::{
    anchor_offset, fragment_for, landing_offset, step_id_from_hash, Move, Position, Span,
    StepState, Viewport, TRIGGER,
};
use crate::embed::child::Host;
use crate::num::fixed;
use gloo::events::{EventListener, EventListenerOptions};
use leptos::prelude::*;
use std::{cell::Cell, rc::Rc};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Element, HtmlElement, IntersectionObserver, IntersectionObserverInit};

/// Marks the elements whose crossing of the trigger line triggers a new measurement. Together
/// they must tile the page (masthead, story, end matter, and each step, with no gaps between
/// steps), so that however far a single scroll jumps, some watched element enters or leaves the
/// line and the state is measured again.
pub const WATCH_ATTR: &str = "data-scroll-watch";
/// Marks a step element (focusable with `tabindex="-1"`); steps are measured in document order.
pub const STEP_ATTR: &str = "data-step";

/// The reader's place in the story, and the way to move it.
#[derive(Clone, Copy)]
pub struct StepNav {
    /// The active step and the progress through it.
    pub state: Signal<StepState>,
    root: NodeRef<leptos::html::Div>,
    host: Option<Host>,
}

impl StepNav {
    /// The state of the steps inside `root`; moves scroll the window (or, embedded, the
    /// host's window) to them.
    pub fn new(
        state: Signal<StepState>,
        root: NodeRef<leptos::html::Div>,
        host: Option<Host>,
    ) -> StepNav {
        StepNav { state, root, host }
    }

    /// Scrolls straight to step `index` (no tour of the steps between) and moves focus to it.
    pub fn go_to(self, index: usize) {
        let Some(root) = self.root.get_untracked() else {
            return;
        };
        if let Some(step) = step_elements(&root).into_iter().nth(index) {
            land_on(&step, self.host);
        }
    }
}

/// Returns the reader's place in the steps inside `root`, kept up to date as the reader
/// scrolls, resizes, zooms or follows a `#step-<id>` link. On mount, a `#step-<id>` in the URL
/// scrolls the page to that step first. Embedded by a pym parent, the parent's window is the
/// visible window, and moves ask the parent to scroll.
pub fn use_step_state(root: NodeRef<leptos::html::Div>, host: Host) -> StepNav {
    let (state, set_state) = signal(StepState::default());

    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let root: Element = root.into();
        // Where the trigger line was at the last measurement: what keys move from and what a
        // change of layout keeps.
        let position = Rc::new(Cell::new(Position::Before));
        // The step the URL names. At the very top of the page it names none, even where the
        // first step is already active there: the page opens with its URL untouched.
        let named = Rc::new(Cell::new(None));

        // The story's size at the last measurement: a new size means the layout changed (width,
        // zoom, fonts, content) since, whichever event reports it first.
        let size = Rc::new(Cell::new((0.0, 0.0)));

        let measure = {
            let (root, position) = (root.clone(), position.clone());
            move || {
                let rect = root.get_bounding_client_rect();
                let now = (rect.width(), rect.height());
                if size.replace(now) != now {
                    keep_place(&root, host, position.get());
                }
                let (spans, viewport) = geometry(&root, host);
                let next = StepState::at(&spans, viewport);
                // Only a real change notifies the views.
                if state.get_untracked() != next {
                    set_state.set(next);
                }
                let now = Position::at(&spans, viewport);
                position.set(now);
                let page_top = window().scroll_y().unwrap_or_default() + viewport.top;
                let step = now.step().filter(|_| page_top > 0.0);
                if named.replace(step) != step {
                    follow_in_url(&root, step);
                }
            }
        };

        // A deep link lands on its step before the first measurement, so the page opens there.
        let jump = {
            let (root, measure) = (root.clone(), measure.clone());
            move || {
                if let Some(target) = hash_target(&root) {
                    jump_to(&target, Some(host));
                }
                measure();
            }
        };
        if hash_target(&root).is_some() {
            // The browser's own restoration of the last position would undo the landing.
            if let Ok(history) = window().history() {
                let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
            }
        }
        jump();
        // Embedded, every word from the parent about its window is a new view of the steps.
        Effect::new({
            let measure = measure.clone();
            move |_| {
                if host.viewport().is_some() {
                    measure();
                }
            }
        });

        // A band one pixel high at the trigger line: an element that enters or leaves it has
        // crossed the line. The callback measures everything; it does not trust the entries.
        let on_cross = Closure::<dyn FnMut()>::new({
            let measure = measure.clone();
            move || measure()
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin(&format!(
            "-{}% 0px -{}% 0px",
            fixed(TRIGGER * 100.0, 3),
            fixed((1.0 - TRIGGER) * 100.0 - 0.1, 3)
        ));
        let observer =
            IntersectionObserver::new_with_options(on_cross.as_ref().unchecked_ref(), &options)
                .expect("IntersectionObserver is supported by every browser we target");
        let watched = root
            .query_selector_all(&format!("[{WATCH_ATTR}]"))
            .expect("a valid selector");
        for i in 0..watched.length() {
            if let Some(el) = watched.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                observer.observe(&el);
            }
        }

        // The story's size changes with the width, browser zoom, fonts arriving or the phone
        // layout's graphic switch: each moves the steps under the reader, who stays put.
        let on_resized = Closure::<dyn FnMut()>::new({
            let measure = measure.clone();
            move || measure()
        });
        let resized = web_sys::ResizeObserver::new(on_resized.as_ref().unchecked_ref())
            .expect("ResizeObserver is supported by every browser we target");
        resized.observe(&root);

        // A change of the window's height alone (a phone's address bar sliding away mid-fling)
        // moves only the trigger line; the story keeps its size, so nothing scrolls.
        let on_resize = EventListener::new(&window(), "resize", {
            let measure = measure.clone();
            move |_| measure()
        });
        // Crossings change the step; scrolling within a step changes its progress, which the
        // map follows (the sorties' dashes travel with the reader). gloo listens passively,
        // so this never delays scrolling; browsers send at most one scroll event a frame.
        let on_scroll = EventListener::new(&window(), "scroll", {
            let measure = measure.clone();
            move |_| measure()
        });
        let on_hash = EventListener::new(&window(), "hashchange", move |_| jump());
        // Arrows, PageUp/PageDown, j/k, Home/End move between steps; where there is no step to
        // go to (the masthead, the end matter) a key keeps its usual meaning.
        let on_key = EventListener::new_with_options(
            &window(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            {
                let root = root.clone();
                move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if event.default_prevented()
                        || event.alt_key()
                        || event.ctrl_key()
                        || event.meta_key()
                        || event.shift_key()
                        || typing_in(event.target())
                    {
                        return;
                    }
                    let steps = step_elements(&root);
                    let Some(target) = Move::from_key(&event.key())
                        .and_then(|m| m.target(position.get(), steps.len()))
                    else {
                        return;
                    };
                    event.prevent_default();
                    land_on(&steps[target], Some(host));
                }
            },
        );

        // Everything that listens lives until the component is unmounted.
        let guard = send_wrapper::SendWrapper::new((
            observer, on_cross, resized, on_resized, on_resize, on_scroll, on_hash, on_key,
        ));
        on_cleanup(move || {
            guard.0.disconnect();
            guard.2.disconnect();
        });
    });

    StepNav::new(state.into(), root, Some(host))
}

/// The step elements inside `root`, in document order.
pub fn step_elements(root: &Element) -> Vec<Element> {
    let steps = root
        .query_selector_all(&format!("[{STEP_ATTR}]"))
        .expect("a valid selector");
    (0..steps.length())
        .filter_map(|i| steps.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The step elements' extents and the visible window, as plain numbers.
fn geometry(root: &Element, host: Host) -> (Vec<Span>, Viewport) {
    let spans = step_elements(root)
        .iter()
        .map(|el| {
            let rect = el.get_bounding_client_rect();
            Span {
                top: rect.top(),
                bottom: rect.bottom(),
            }
        })
        .collect();
    let viewport = untrack(|| host.viewport()).unwrap_or(Viewport {
        top: 0.0,
        height: window_height(),
    });
    (spans, viewport)
}

fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or_default()
}

/// After a change of layout, scrolls so that the trigger line is where it was in the story
/// (`was`, measured before the change). Embedded, the parent owns the scrolling.
fn keep_place(root: &Element, host: Host, was: Position) {
    let Position::At { index, progress } = was else {
        return;
    };
    if host.embedded() {
        return;
    }
    let (spans, viewport) = geometry(root, host);
    let y = window().scroll_y().unwrap_or_default();
    if let Some(to) = anchor_offset(y, &spans, index, progress, viewport) {
        if (to - y).abs() > 0.5 {
            scroll_instantly(to);
        }
    }
}

/// Whether a key press is meant for a text field rather than for the story.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    el.is_content_editable() || matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
}

/// Puts the URL's fragment on the reader's step with `replaceState`: a reload or a shared link
/// opens there, and scrolling adds nothing to the history.
fn follow_in_url(root: &Element, step: Option<usize>) {
    let id = step.and_then(|i| step_elements(root).get(i)?.get_attribute(STEP_ATTR));
    let location = window().location();
    let current = location.hash().unwrap_or_default();
    // The fragment is the explainer's if there is none or it names one of its elements; any
    // other belongs to the page the explainer is mounted in.
    let named = current.strip_prefix('#').unwrap_or(&current);
    let owned = named.is_empty()
        || document()
            .get_element_by_id(named)
            .is_some_and(|el| root.contains(Some(&el)));
    let Some(fragment) = fragment_for(&current, owned, id.as_deref()) else {
        return;
    };
    let url = if fragment.is_empty() {
        // Dropping the fragment keeps the path and the query (an embed's parameters).
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    } else {
        fragment
    };
    if let Ok(history) = window().history() {
        // Browsers may refuse (rate limits, sandboxed documents): the URL is a convenience.
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The step element named by the URL's `#step-<id>`, if it exists in `root`.
fn hash_target(root: &Element) -> Option<Element> {
    let hash = window().location().hash().ok()?;
    let id = step_id_from_hash(&hash)?;
    // Compare attributes, not a CSS id selector built from untrusted text.
    step_elements(root)
        .into_iter()
        .find(|el| el.get_attribute(STEP_ATTR).as_deref() == Some(id))
}

/// Lands on a step the reader asked for and gives it the focus, so that a screen reader reads it
/// and Tab continues from there. The scroll's own measurement updates the state and the URL.
fn land_on(step: &Element, host: Option<Host>) {
    jump_to(step, host);
    if let Some(step) = step.dyn_ref::<HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = step.focus_with_options(&options);
    }
}

/// Scrolls the window (or the host's) so that `target` lands just above the trigger line.
fn jump_to(target: &Element, host: Option<Host>) {
    let rect = target.get_bounding_client_rect();
    let span = Span {
        top: rect.top(),
        bottom: rect.bottom(),
    };
    let scroll_y = window().scroll_y().unwrap_or_default();
    let covered = covered_by_graphic(target, &rect);
    match host.and_then(|h| untrack(|| h.viewport()).map(|v| (h, v))) {
        // The parent puts the offset it is given at the top of its window.
        Some((host, view)) => host.scroll_to(landing_offset(scroll_y, span, view.height, covered)),
        None => scroll_instantly(landing_offset(scroll_y, span, window_height(), covered)),
    }
}

/// How much of the window's top the sticky panel hides from `step` (whose box is `s`): its
/// height where it stands over the step's column (phones), 0 where it stands beside it.
fn covered_by_graphic(step: &Element, s: &web_sys::DomRect) -> f64 {
    let panel = step
        .closest(".explainer")
        .ok()
        .flatten()
        .and_then(|root| root.query_selector(".panel").ok().flatten());
    let Some(panel) = panel else {
        return 0.0;
    };
    let p = panel.get_bounding_client_rect();
    if p.left() < s.right() && s.left() < p.right() {
        p.height()
    } else {
        0.0
    }
}

/// Scrolls without smoothing: a jump goes straight to its target state, with no replay of the
/// steps between.
fn scroll_instantly(y: f64) {
    let options = web_sys::ScrollToOptions::new();
    options.set_top(y);
    options.set_behavior(web_sys::ScrollBehavior::Instant);
    window().scroll_to_with_scroll_to_options(&options);
}
