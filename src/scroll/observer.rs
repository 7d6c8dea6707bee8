//! The browser side of the step state: measures where the steps are, follows the reader's
//! window, keeps the URL on the reader's step, holds the reader's place through changes of
//! layout, and moves between steps on request (keyboard, links, `#step-` fragments).
//!
//! It knows the steps only as the elements it is given and the window only through a
//! [`Viewer`]: the page's own, or (embedded) a host's, which the embedding supplies. It knows
//! nothing of the page's styles. The steps' extents are measured on a change of layout, not on
//! every scroll: a scroll event costs one read of the root's position and a little arithmetic.

use super::{
    anchor_offset, fragment_for, landing_offset, step_id_from_hash, Move, Position, Span,
    StepState, Viewport, TRIGGER,
};
use crate::num::fixed;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Element, HtmlElement, IntersectionObserver, IntersectionObserverInit};

/// The reader's window onto the page: where it is and how to move it. The page's own window,
/// or a host's when the page is embedded in a frame that never scrolls.
pub trait Viewer {
    /// The part of the page the reader sees, in the page's coordinates (from the top of the
    /// document).
    fn viewport(&self) -> Viewport;
    /// Scrolls so that the page's offset `y` is at the top of the reader's window.
    fn scroll_to(&self, y: f64);
    /// Whether the page scrolls itself: only then does it scroll to keep the reader's place
    /// across a change of layout (a host scrolls its own page).
    fn scrolls_itself(&self) -> bool;
}

/// The page's own window.
pub struct PageWindow;

impl Viewer for PageWindow {
    fn viewport(&self) -> Viewport {
        let window = web_sys::window().expect("a window");
        Viewport {
            top: window.scroll_y().unwrap_or_default(),
            height: window
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or_default(),
        }
    }

    fn scroll_to(&self, y: f64) {
        // Without smoothing: a jump goes straight to its step, replaying none between.
        let options = web_sys::ScrollToOptions::new();
        options.set_top(y);
        options.set_behavior(web_sys::ScrollBehavior::Instant);
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_scroll_to_options(&options);
        }
    }

    fn scrolls_itself(&self) -> bool {
        true
    }
}

/// The steps the scroller follows.
pub struct Steps {
    /// The element that holds them (and is measured for changes of layout).
    pub root: Element,
    /// The step elements, in reading order; each focusable (`tabindex="-1"`).
    pub elements: Vec<Element>,
    /// Their ids, for the URL's `#step-<id>`.
    pub ids: Vec<String>,
    /// How much of the window's top the page's sticky graphic hides from a step whose box (on
    /// screen) is given: 0 where the graphic stands beside the steps.
    pub covered: Box<dyn Fn(&web_sys::DomRect) -> f64>,
}

struct Inner {
    steps: Steps,
    viewer: Rc<dyn Viewer>,
    /// The steps' extents, relative to the root's top, as last measured.
    spans: RefCell<Vec<Span>>,
    /// The root's size at that measurement: a new size means the layout changed.
    size: Cell<(f64, f64)>,
    /// Where the trigger line was at the last measurement: what keys move from and what a
    /// change of layout keeps.
    position: Cell<Position>,
    state: Cell<StepState>,
    /// The step the URL names.
    named: Cell<Option<usize>>,
    on_change: RefCell<Box<dyn FnMut(StepState)>>,
}

/// Follows the reader through the steps. Cloning gives another handle to the same scroller.
#[derive(Clone)]
pub struct Scroller(Rc<Inner>);

impl Scroller {
    /// Starts following the reader through `steps` as seen through `viewer`, calling
    /// `on_change` with every new state. A `#step-<id>` in the URL first lands on its step.
    pub fn start(
        steps: Steps,
        viewer: Rc<dyn Viewer>,
        on_change: impl FnMut(StepState) + 'static,
    ) -> Scroller {
        let scroller = Scroller(Rc::new(Inner {
            steps,
            viewer,
            spans: RefCell::new(Vec::new()),
            size: Cell::new((0.0, 0.0)),
            position: Cell::new(Position::Before),
            state: Cell::new(StepState::default()),
            named: Cell::new(None),
            on_change: RefCell::new(Box::new(on_change)),
        }));
        scroller.remeasure();
        if scroller.hash_target().is_some() {
            // The browser's own restoration of the last position would undo the landing.
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
            }
        }
        scroller.follow_hash();
        scroller.listen();
        scroller
    }

    /// The reader's place as last measured.
    pub fn state(&self) -> StepState {
        self.0.state.get()
    }

    /// Measures again where the reader is, and tells the change, if any. Cheap: one read of
    /// the root's position; the steps are measured again only if the root changed size.
    pub fn measure(&self) {
        let inner = &self.0;
        let mut rect = inner.steps.root.get_bounding_client_rect();
        if inner.size.get() != (rect.width(), rect.height()) {
            // The layout changed (width, zoom, fonts, the phone's map/chart switch): measure
            // the steps and put the reader back where they were in the story.
            let was = inner.position.get();
            self.remeasure();
            if self.keep_place(was) {
                rect = inner.steps.root.get_bounding_client_rect();
            }
        }
        let viewport = inner.viewer.viewport();
        let spans = self.spans_in_page(rect.top() + scroll_y());
        let next = StepState::at(&spans, viewport);
        let position = Position::at(&spans, viewport);
        inner.position.set(position);
        if inner.state.replace(next) != next {
            (inner.on_change.borrow_mut())(next);
        }
        // At the very top of the page the URL names no step, even where the first step is
        // already active there: the page opens with its URL untouched.
        let step = position.step().filter(|_| viewport.top > 0.0);
        if inner.named.replace(step) != step {
            self.follow_in_url(step);
        }
    }

    /// Scrolls straight to step `index` (no tour of the steps between) and gives it the focus,
    /// so that a screen reader reads it and Tab continues from there.
    pub fn go_to(&self, index: usize) {
        let Some(step) = self.0.steps.elements.get(index) else {
            return;
        };
        self.land_on(index);
        if let Some(step) = step.dyn_ref::<HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = step.focus_with_options(&options);
        }
    }

    /// The move a key press asks for, from where the reader is: the step it goes to, or `None`
    /// where there is none (the key then keeps its usual meaning).
    pub fn key_target(&self, key: &str) -> Option<usize> {
        Move::from_key(key)?.target(self.0.position.get(), self.0.steps.elements.len())
    }

    /// Measures every step, relative to the root's top.
    fn remeasure(&self) {
        let inner = &self.0;
        let root = inner.steps.root.get_bounding_client_rect();
        inner.size.set((root.width(), root.height()));
        let spans = inner
            .steps
            .elements
            .iter()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                Span {
                    top: r.top() - root.top(),
                    bottom: r.bottom() - root.top(),
                }
            })
            .collect();
        *inner.spans.borrow_mut() = spans;
    }

    /// The steps' extents in the page's coordinates, the root's top being at `top`.
    fn spans_in_page(&self, top: f64) -> Vec<Span> {
        self.0
            .spans
            .borrow()
            .iter()
            .map(|s| Span {
                top: s.top + top,
                bottom: s.bottom + top,
            })
            .collect()
    }

    /// The root's top in the page's coordinates now.
    fn root_top(&self) -> f64 {
        self.0.steps.root.get_bounding_client_rect().top() + scroll_y()
    }

    /// After a change of layout, scrolls so that the trigger line is where it was in the story
    /// (`was`, measured before the change). Returns whether it scrolled.
    fn keep_place(&self, was: Position) -> bool {
        let Position::At { index, progress } = was else {
            return false;
        };
        let viewer = &self.0.viewer;
        if !viewer.scrolls_itself() {
            return false;
        }
        let view = viewer.viewport();
        let spans = self.spans_in_page(self.root_top());
        // In the page's coordinates: the offset that puts the same point on the line.
        let from_top = Viewport {
            top: 0.0,
            height: view.height,
        };
        match anchor_offset(0.0, &spans, index, progress, from_top) {
            Some(to) if (to - view.top).abs() > 0.5 => {
                viewer.scroll_to(to);
                true
            }
            _ => false,
        }
    }

    /// Scrolls so that step `index` lands just above the trigger line (below the graphic where
    /// it covers the window's top).
    fn land_on(&self, index: usize) {
        let inner = &self.0;
        let Some(el) = inner.steps.elements.get(index) else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let covered = (inner.steps.covered)(&rect);
        let span = Span {
            top: rect.top() + scroll_y(),
            bottom: rect.bottom() + scroll_y(),
        };
        let view = inner.viewer.viewport();
        inner
            .viewer
            .scroll_to(landing_offset(0.0, span, view.height, covered));
    }

    /// The step named by the URL's `#step-<id>`, if it is one of ours.
    fn hash_target(&self) -> Option<usize> {
        let hash = web_sys::window()?.location().hash().ok()?;
        let id = step_id_from_hash(&hash)?;
        self.0.steps.ids.iter().position(|s| s == id)
    }

    /// Lands on the step the URL names, if any, then measures.
    fn follow_hash(&self) {
        if let Some(index) = self.hash_target() {
            self.land_on(index);
        }
        self.measure();
    }

    /// Puts the URL's fragment on the reader's step with `replaceState`: a reload or a shared
    /// link opens there, and scrolling adds nothing to the history.
    fn follow_in_url(&self, step: Option<usize>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let id = step
            .and_then(|i| self.0.steps.ids.get(i))
            .map(String::as_str);
        let location = window.location();
        let current = location.hash().unwrap_or_default();
        // The fragment is the explainer's if there is none or it names one of its elements;
        // any other belongs to the page the explainer is mounted in.
        let named = current.strip_prefix('#').unwrap_or(&current);
        let owned = named.is_empty()
            || window
                .document()
                .and_then(|d| d.get_element_by_id(named))
                .is_some_and(|el| self.0.steps.root.contains(Some(&el)));
        let Some(fragment) = fragment_for(&current, owned, id) else {
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
        if let Ok(history) = window.history() {
            // Browsers may refuse (rate limits, sandboxed documents): the URL is a convenience.
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }

    /// Listens, for the page's lifetime, for everything that moves the reader or the steps.
    fn listen(&self) {
        let window = web_sys::window().expect("a window");
        let measure = {
            let scroller = self.clone();
            move || scroller.measure()
        };
        // A band one pixel high at the trigger line: a step that enters or leaves it has
        // crossed the line, also when the page moved without a scroll (a host's content above
        // the explainer grew): the steps are measured again.
        let on_cross = Closure::<dyn FnMut()>::new({
            let scroller = self.clone();
            move || {
                scroller.remeasure();
                scroller.measure();
            }
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin(&format!(
            "-{}% 0px -{}% 0px",
            fixed(TRIGGER * 100.0, 3),
            fixed((1.0 - TRIGGER) * 100.0 - 0.1, 3)
        ));
        let crossings =
            IntersectionObserver::new_with_options(on_cross.as_ref().unchecked_ref(), &options)
                .expect("IntersectionObserver is supported by every browser we target");
        for el in &self.0.steps.elements {
            crossings.observe(el);
        }
        // The steps' size changes with the width, browser zoom, fonts arriving or the phone
        // layout's graphic switch: each moves the steps under the reader, who stays put.
        let on_resized = Closure::<dyn FnMut()>::new(measure.clone());
        let resized = web_sys::ResizeObserver::new(on_resized.as_ref().unchecked_ref())
            .expect("ResizeObserver is supported by every browser we target");
        resized.observe(&self.0.steps.root);

        let on = |event: &'static str, f: Box<dyn Fn()>| {
            EventListener::new(&window, event, move |_| f())
        };
        let mut events = vec![
            // A change of the window's height alone (a phone's address bar sliding away
            // mid-fling) moves only the trigger line; nothing scrolls.
            on("resize", Box::new(measure.clone())),
            // gloo listens passively, so this never delays scrolling; browsers send at most one
            // scroll event a frame.
            on("scroll", Box::new(measure)),
            on("hashchange", {
                let scroller = self.clone();
                Box::new(move || scroller.follow_hash())
            }),
        ];
        // Arrows, PageUp/PageDown, j/k, Home/End move between steps; where there is no step
        // to go to (above the steps, below them) a key keeps its usual meaning.
        let scroller = self.clone();
        events.push(EventListener::new_with_options(
            &window,
            "keydown",
            EventListenerOptions::enable_prevent_default(),
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
                if let Some(target) = scroller.key_target(&event.key()) {
                    event.prevent_default();
                    scroller.go_to(target);
                }
            },
        ));
        for listener in events {
            listener.forget();
        }
        std::mem::forget((crossings, resized));
        on_cross.forget();
        on_resized.forget();
    }
}

/// How far the page's own window has scrolled (0 in a frame as tall as the page).
fn scroll_y() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or_default()
}

/// Whether a key press is meant for a text field rather than for the story.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    el.is_content_editable() || matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
}
