//! The browser side of the step state: learns where the steps are relative to the reader's
//! window, keeps the URL on the reader's step, holds the reader's place through changes of
//! layout, and moves between steps on request (keyboard, links, `#step-` fragments).
//!
//! It knows the steps only as the elements it is given and the window only through a
//! [`Viewer`]: the page's own, or (embedded) a host's, which the embedding supplies. It knows
//! nothing of the page's styles.
//!
//! Scrolling reads no layout. The steps' extents are measured once per layout (at start, and
//! when the story or the window changes size); as the reader scrolls, the browser itself says
//! where the steps are: an IntersectionObserver per step, its root the band of the window just
//! above the trigger line as tall as the step, reports the step's position at every hundredth
//! of its way across the line, computed with the browser's own layout of the frame. (Reading
//! the position in a scroll handler would force the style and layout of every frame a second
//! time.) Embedded, the host's messages say where its window is.

use super::{
    anchor_offset, fragment_for, landing_offset, step_id_from_hash, Move, Position, Span,
    StepState, Viewport, TRIGGER,
};
use crate::num::fixed;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Element, HtmlElement, IntersectionObserver};

/// The reader's window onto the page, as the embedding supplies it.
pub trait Viewer {
    /// Where the reader's window is, in the page's coordinates, when a host that shows the whole
    /// page in a frame says so; `None` when the page's own window is the reader's.
    fn host_view(&self) -> Option<Viewport>;
    /// Scrolls so that the page's offset `y` is at the top of the reader's window.
    fn scroll_to(&self, y: f64);
}

/// The page's own window.
pub struct PageWindow;

impl Viewer for PageWindow {
    fn host_view(&self) -> Option<Viewport> {
        None
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
}

/// The steps the scroller follows.
pub struct Steps {
    /// The element that holds them (and is watched for changes of layout).
    pub root: Element,
    /// The step elements, in reading order; each focusable (`tabindex="-1"`).
    pub elements: Vec<Element>,
    /// Their ids, for the URL's `#step-<id>`.
    pub ids: Vec<String>,
    /// How much of the window's top the page's sticky graphic hides from a step whose box (on
    /// screen) is given: 0 where the graphic stands beside the steps.
    pub covered: Box<dyn Fn(&web_sys::DomRect) -> f64>,
}

/// What the observers call with their entries.
type EntriesCallback = Closure<dyn FnMut(js_sys::Array)>;

/// The layout, as last measured.
#[derive(Clone, Default)]
struct Layout {
    /// The steps' extents, relative to the root's top.
    spans: Vec<Span>,
    /// The root's size: a new size means the layout changed.
    size: (f64, f64),
    /// The root's top in the page's coordinates.
    root_top: f64,
    /// The page's own window's height.
    window_height: f64,
}

impl Layout {
    /// The steps' extents with the root's top at `root_top`.
    fn spans_at(&self, root_top: f64) -> Vec<Span> {
        self.spans
            .iter()
            .map(|s| Span {
                top: s.top + root_top,
                bottom: s.bottom + root_top,
            })
            .collect()
    }
}

struct Inner {
    steps: Steps,
    viewer: Rc<dyn Viewer>,
    layout: RefCell<Layout>,
    /// The observers that report the steps' positions (the page's own window only).
    observers: RefCell<Vec<IntersectionObserver>>,
    /// Their callback.
    on_entries: RefCell<Option<EntriesCallback>>,
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
            layout: RefCell::default(),
            observers: RefCell::default(),
            on_entries: RefCell::default(),
            position: Cell::new(Position::Before),
            state: Cell::new(StepState::default()),
            named: Cell::new(None),
            on_change: RefCell::new(Box::new(on_change)),
        }));
        let weak = Rc::downgrade(&scroller.0);
        *scroller.0.on_entries.borrow_mut() = Some(Closure::new(move |_: js_sys::Array| {
            if let Some(inner) = weak.upgrade() {
                Scroller(inner).on_entries();
            }
        }));
        scroller.remeasure();
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        if scroller.hash_target(&hash).is_some() {
            // The browser's own restoration of the last position would undo the landing.
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
            }
        }
        scroller.follow_hash(&hash);
        scroller.listen();
        scroller
    }

    /// Measures again where the reader is: embedded, from the host's word on its window (no
    /// layout is read); on its own, from the root's position.
    pub fn measure(&self) {
        let layout = self.0.layout.borrow().clone();
        match self.0.viewer.host_view() {
            Some(view) => self.apply(&layout, layout.root_top, view, view.top),
            None => {
                let top = self.0.steps.root.get_bounding_client_rect().top();
                self.seen_in_window(&layout, top);
            }
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

    /// The state with the root's top `root_top` px from the top of the page's own window.
    fn seen_in_window(&self, layout: &Layout, root_top: f64) {
        let view = Viewport {
            top: 0.0,
            height: layout.window_height,
        };
        // How far the window has scrolled, from the root's place in the page.
        let scrolled = layout.root_top - root_top;
        self.apply(layout, root_top, view, scrolled);
    }

    /// Works out the state and position with the root's top at `root_top`, seen through `view`
    /// (both in the same coordinates), the page's top `page_top` above the window's, and tells
    /// what changed.
    fn apply(&self, layout: &Layout, root_top: f64, view: Viewport, page_top: f64) {
        let inner = &self.0;
        let position = Position::at(&layout.spans_at(root_top), view);
        let next = position.state(layout.spans.len());
        inner.position.set(position);
        if inner.state.replace(next) != next {
            (inner.on_change.borrow_mut())(next);
        }
        // At the very top of the page the URL names no step, even where the first step is
        // already active there: the page opens with its URL untouched.
        let step = position.step().filter(|_| page_top > 0.0);
        if inner.named.replace(step) != step {
            self.follow_in_url(step);
        }
    }

    /// The browser's word that a step crossed a threshold: the reader's place follows from where
    /// the root is now, not from where the word saw it (a jump in between, a link followed, would
    /// otherwise be undone by a stale word).
    fn on_entries(&self) {
        // Embedded, the host's word says where the reader is.
        if self.0.viewer.host_view().is_none() {
            self.measure();
        }
    }

    /// Measures the steps, the root and the window, and (on its own) watches the steps anew.
    fn remeasure(&self) {
        let inner = &self.0;
        let root = inner.steps.root.get_bounding_client_rect();
        let spans: Vec<Span> = inner
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
        let layout = Layout {
            size: (root.width(), root.height()),
            root_top: root.top() + scroll_y(),
            window_height: window_height(),
            spans,
        };
        if inner.viewer.host_view().is_none() {
            self.watch(&layout);
        }
        *inner.layout.borrow_mut() = layout;
    }

    /// One observer per step, its root the band of the window that ends at the trigger line and
    /// is as tall as the step (to the next step's top): the share of the step inside it is the
    /// reader's progress through it, reported at every hundredth.
    fn watch(&self, layout: &Layout) {
        let inner = &self.0;
        for observer in inner.observers.borrow_mut().drain(..) {
            observer.disconnect();
        }
        let on_entries = inner.on_entries.borrow();
        let Some(callback) = on_entries.as_ref() else {
            return;
        };
        let document = web_sys::window().and_then(|w| w.document());
        let thresholds: js_sys::Array = (0..=100)
            .map(|i| JsValue::from(f64::from(i) / 100.0))
            .collect();
        let line = layout.window_height * TRIGGER;
        let observers = inner
            .steps
            .elements
            .iter()
            .zip(&layout.spans)
            .enumerate()
            .filter_map(|(i, (el, span))| {
                let end = layout.spans.get(i + 1).map_or(span.bottom, |next| next.top);
                let height = (end - span.top).max(1.0);
                let options = web_sys::IntersectionObserverInit::new();
                // The document's own viewport, also inside an iframe (where the implicit root
                // would be the top window's, and a root margin would not apply).
                if let Some(document) = &document {
                    let _ = js_sys::Reflect::set(&options, &"root".into(), document);
                }
                options.set_root_margin(&format!(
                    "{}px 0px {}px 0px",
                    fixed(height - line, 1),
                    fixed(line - layout.window_height, 1)
                ));
                options.set_threshold(&thresholds);
                let observer = IntersectionObserver::new_with_options(
                    callback.as_ref().unchecked_ref(),
                    &options,
                )
                .ok()?;
                observer.observe(el);
                Some(observer)
            })
            .collect();
        *inner.observers.borrow_mut() = observers;
    }

    /// After a change of layout: measures again and, if the story changed size, scrolls so
    /// that the trigger line is where it was in the story (a host scrolls its own page).
    fn relayout(&self) {
        let was = self.0.position.get();
        let (before, height) = {
            let layout = self.0.layout.borrow();
            (layout.size, layout.window_height)
        };
        // A resize observer reports once when it starts, and a window's resize may leave both
        // the story and the window's height as they were: then nothing has moved.
        let root = self.0.steps.root.get_bounding_client_rect();
        if (root.width(), root.height()) == before && window_height() == height {
            return;
        }
        self.remeasure();
        let layout = self.0.layout.borrow().clone();
        if layout.size != before && self.0.viewer.host_view().is_none() {
            if let Position::At { index, progress } = was {
                let scrolled = scroll_y();
                let spans = layout.spans_at(layout.root_top);
                let from_top = Viewport {
                    top: 0.0,
                    height: layout.window_height,
                };
                if let Some(to) = anchor_offset(0.0, &spans, index, progress, from_top) {
                    if (to - scrolled).abs() > 0.5 {
                        self.0.viewer.scroll_to(to);
                    }
                }
            }
        }
        self.measure();
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
        let height = match inner.viewer.host_view() {
            Some(view) => view.height,
            None => inner.layout.borrow().window_height,
        };
        // In the page's coordinates. A frame as tall as the page may still have scrolled
        // itself, to a fragment, before its host sized it.
        let scrolled = scroll_y();
        let span = Span {
            top: rect.top() + scrolled,
            bottom: rect.bottom() + scrolled,
        };
        inner
            .viewer
            .scroll_to(landing_offset(0.0, span, height, covered));
    }

    /// The step named by a URL fragment `#step-<id>`, if it is one of ours.
    fn hash_target(&self, hash: &str) -> Option<usize> {
        let id = step_id_from_hash(hash)?;
        self.0.steps.ids.iter().position(|s| s == id)
    }

    /// Lands on the step the fragment `hash` names, if any, then measures.
    fn follow_hash(&self, hash: &str) {
        if let Some(index) = self.hash_target(hash) {
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

    /// Listens, for the page's lifetime, for what changes the layout or moves the reader.
    fn listen(&self) {
        let window = web_sys::window().expect("a window");
        // The story's size changes with the width, browser zoom, fonts arriving or the phone
        // layout's graphic switch: each moves the steps under the reader, who stays put.
        let on_resized = Closure::<dyn FnMut()>::new({
            let scroller = self.clone();
            move || scroller.relayout()
        });
        let resized = web_sys::ResizeObserver::new(on_resized.as_ref().unchecked_ref())
            .expect("ResizeObserver is supported by every browser we target");
        resized.observe(&self.0.steps.root);
        std::mem::forget(resized);
        on_resized.forget();
        let on = |event: &'static str, f: Box<dyn Fn()>| {
            EventListener::new(&window, event, move |_| f()).forget();
        };
        // A change of the window's height alone (a phone's address bar sliding away
        // mid-fling) moves only the trigger line: measured again, nothing scrolls.
        on("resize", {
            let scroller = self.clone();
            Box::new(move || scroller.relayout())
        });
        // The fragment navigated to, as the event says: by the time it is heard, following the
        // reader may have replaced the URL's fragment (a link to a note, followed just as a
        // step's word came in, would land back on that step).
        {
            let scroller = self.clone();
            EventListener::new(&window, "hashchange", move |event| {
                let hash = js_sys::Reflect::get(event, &"newURL".into())
                    .ok()
                    .and_then(|url| url.as_string())
                    .and_then(|url| url.find('#').map(|at| url[at..].to_owned()))
                    .unwrap_or_default();
                scroller.follow_hash(&hash);
            })
            .forget();
        }
        // Arrows, PageUp/PageDown, j/k, Home/End move between steps; where there is no step
        // to go to (above the steps, below them) a key keeps its usual meaning.
        let scroller = self.clone();
        EventListener::new_with_options(
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
        )
        .forget();
    }
}

/// The page's own window's height.
fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or_default()
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
