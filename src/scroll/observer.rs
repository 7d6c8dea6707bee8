//! The browser side of the step state: measures the page and feeds [`StepState::at`].
//!
//! Browser APIs are touched only inside the effect, so the components that use this hook also
//! render natively (for the tests now and for pre-rendering later).

use super::{landing_offset, step_id_from_hash, Span, StepState, Viewport, TRIGGER};
use gloo::events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, IntersectionObserver, IntersectionObserverInit};

/// Marks the elements whose crossing of the trigger line triggers a new measurement. Together
/// they must tile the page (masthead, story, end matter, and each step, with no gaps between
/// steps), so that however far a single scroll jumps, some watched element enters or leaves the
/// line and the state is measured again.
pub const WATCH_ATTR: &str = "data-scroll-watch";
/// Marks a step element; steps are measured in document order.
pub const STEP_ATTR: &str = "data-step";

/// Returns the step state of the steps inside `root`, kept up to date as the reader scrolls,
/// resizes or follows a `#step-<id>` link. On mount, a `#step-<id>` in the URL scrolls the page
/// to that step first.
pub fn use_step_state(root: NodeRef<leptos::html::Div>) -> ReadSignal<StepState> {
    let (state, set_state) = signal(StepState::default());

    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let root: Element = root.into();

        let measure = {
            let root = root.clone();
            move || {
                let next = measure(&root);
                // Only a real change notifies the views.
                if state.get_untracked() != next {
                    set_state.set(next);
                }
            }
        };

        // A deep link lands on its step before the first measurement, so the page opens there.
        let jump = {
            let root = root.clone();
            let measure = measure.clone();
            move || {
                if let Some(target) = hash_target(&root) {
                    jump_to(&target);
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

        // A band one pixel high at the trigger line: an element that enters or leaves it has
        // crossed the line. The callback measures everything; it does not trust the entries.
        let on_cross = Closure::<dyn FnMut()>::new({
            let measure = measure.clone();
            move || measure()
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin(&format!(
            "-{:.3}% 0px -{:.3}% 0px",
            TRIGGER * 100.0,
            (1.0 - TRIGGER) * 100.0 - 0.1
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

        // Everything that listens lives until the component is unmounted.
        let guard =
            send_wrapper::SendWrapper::new((observer, on_cross, on_resize, on_scroll, on_hash));
        on_cleanup(move || guard.0.disconnect());
    });

    state
}

/// The step elements' extents and the viewport, as plain numbers.
fn measure(root: &Element) -> StepState {
    let steps = root
        .query_selector_all(&format!("[{STEP_ATTR}]"))
        .expect("a valid selector");
    let spans: Vec<Span> = (0..steps.length())
        .filter_map(|i| steps.item(i)?.dyn_into::<Element>().ok())
        .map(|el| {
            let rect = el.get_bounding_client_rect();
            Span {
                top: rect.top(),
                bottom: rect.bottom(),
            }
        })
        .collect();
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or_default();
    StepState::at(&spans, Viewport { top: 0.0, height })
}

/// The step element named by the URL's `#step-<id>`, if it exists in `root`.
fn hash_target(root: &Element) -> Option<Element> {
    let hash = window().location().hash().ok()?;
    let id = step_id_from_hash(&hash)?;
    // Query by attribute, not by building a CSS id selector from untrusted text.
    let steps = root.query_selector_all(&format!("[{STEP_ATTR}]")).ok()?;
    (0..steps.length())
        .filter_map(|i| steps.item(i)?.dyn_into::<Element>().ok())
        .find(|el| el.get_attribute(STEP_ATTR).as_deref() == Some(id))
}

/// Scrolls the window so that `target` lands just above the trigger line.
fn jump_to(target: &Element) {
    let window = window();
    let rect = target.get_bounding_client_rect();
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or_default();
    let y = landing_offset(
        window.scroll_y().unwrap_or_default(),
        Span {
            top: rect.top(),
            bottom: rect.bottom(),
        },
        height,
    );
    window.scroll_to_with_x_and_y(0.0, y);
}
