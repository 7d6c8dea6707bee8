//! The browser side of embedding: speaks pym.js as a child when the parent named one with
//! `childId`, asks AMP for its size when framed, and hears the parent's view of the iframe.
//!
//! A pym iframe is as tall as the page and never scrolls itself, so the page cannot see where
//! the reader is: the parent's `viewport-iframe-position` messages (a pym parent created with
//! `trackscroll: true`) say it, and the step state and the pinned panel follow them.

use super::{is_amp, message, origin_allowed, parse_message, px_payload, Params, ParentView};
use crate::num::fixed;
use crate::scroll::observer::{PageWindow, Viewer};
use crate::scroll::Viewport;
use gloo::events::EventListener;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::MessageEvent;

/// The window height assumed until a pym parent has told its own (and always under AMP, which
/// never tells).
pub const FALLBACK_VIEW_HEIGHT: f64 = 800.0;

/// Where the page is shown: on its own (or in a frame that scrolls by itself), or in a frame as
/// tall as the page (pym's, AMP's), whose parent's window is the reader's.
pub struct Host {
    /// Whether the page is in a frame as tall as itself, which never scrolls.
    tall: bool,
    /// The pym child id; `None` on its own (or under AMP).
    id: Option<String>,
    /// The parent's latest view of the iframe.
    view: Cell<Option<ParentView>>,
    /// Called when the parent's view changes.
    on_view: RefCell<Option<Box<dyn Fn()>>>,
}

impl Host {
    /// The part of the page the reader sees in a frame as tall as the page: the pym parent's
    /// window mapped into the page or, until it has said (and under AMP), the top of the page.
    /// `None` when the page scrolls itself.
    pub fn parent_viewport(&self) -> Option<Viewport> {
        self.tall.then(|| {
            self.view.get().map_or(
                Viewport {
                    top: 0.0,
                    height: FALLBACK_VIEW_HEIGHT,
                },
                ParentView::viewport,
            )
        })
    }

    /// Calls `f` whenever the parent says where the frame is in its window.
    pub fn on_view(&self, f: impl Fn() + 'static) {
        *self.on_view.borrow_mut() = Some(Box::new(f));
    }
}

impl Viewer for Host {
    fn host_view(&self) -> Option<Viewport> {
        self.parent_viewport()
    }

    /// Embedded, asks the parent to scroll so that `y` (in the page) is at the top of its
    /// window.
    fn scroll_to(&self, y: f64) {
        if !self.tall {
            return PageWindow.scroll_to(y);
        }
        if let Some(id) = &self.id {
            post_to_parent(&JsValue::from_str(&message(
                id,
                "scrollToChildPos",
                &px_payload(y),
            )));
        }
    }
}

/// Reads the embedding from the URL and, when framed by pym or AMP, starts talking to the
/// parent.
pub fn start() -> Rc<Host> {
    let window = web_sys::window().expect("a window");
    let framed = window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| JsValue::from(parent) != JsValue::from(window.clone()));
    let params = window
        .location()
        .search()
        .ok()
        .and_then(|q| Params::from_query(&q));
    let pym = params.filter(|_| framed);
    // AMP marks the frame's URL with `amp=1` (in the fragment, unless the URL had one).
    let amp = framed && window.location().href().is_ok_and(|url| is_amp(&url));
    let host = Rc::new(Host {
        tall: pym.is_some() || amp,
        id: pym.map(|p| p.child_id),
        view: Cell::new(None),
        on_view: RefCell::new(None),
    });
    if !host.tall {
        // On its own, or in a plain iframe that scrolls by itself: nothing to say.
        return host;
    }
    let document = window.document().expect("a document");
    // pym's mark of a child page, and the stylesheet's switch to the layout of a frame as tall
    // as the page. Only then: mounted directly, the page's <html> is the host's.
    if let Some(html) = document.document_element() {
        let _ = html.class_list().add_1("embedded");
    }
    set_view_height(FALLBACK_VIEW_HEIGHT);

    // The height, to pym (`height`) and to AMP (`embed-size`), whenever it changes.
    let send_height = {
        let id = host.id.clone();
        let last = Cell::new(-1.0);
        move || {
            let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            else {
                return;
            };
            let height = html.get_bounding_client_rect().height().ceil();
            if height == last.replace(height) {
                return;
            }
            if let Some(id) = &id {
                post_to_parent(&JsValue::from_str(&message(
                    id,
                    "height",
                    &px_payload(height),
                )));
            }
            if amp {
                post_to_parent(&amp_embed_size(height));
            }
        }
    };
    let send_height = Rc::new(send_height);
    let on_resized = Closure::<dyn FnMut()>::new({
        let send_height = send_height.clone();
        move || send_height()
    });
    let resized = web_sys::ResizeObserver::new(on_resized.as_ref().unchecked_ref())
        .expect("ResizeObserver is supported by every browser we target");
    if let Some(body) = document.body() {
        resized.observe(&body);
    }
    send_height();
    // They live as long as the page.
    std::mem::forget((resized, on_resized));

    let Some(id) = host.id.clone() else {
        return host;
    };
    // Only the parent may speak, from an allowed origin, in pym's format, for this child.
    let allowed = allowed_origins();
    let on_message = EventListener::new(&window, "message", {
        let host = host.clone();
        move |event| {
            let Some(event) = event.dyn_ref::<MessageEvent>() else {
                return;
            };
            let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
            let from_parent = match (event.source(), parent) {
                (Some(source), Some(parent)) => JsValue::from(source) == JsValue::from(parent),
                _ => false,
            };
            if !from_parent || !origin_allowed(&event.origin(), &allowed) {
                return;
            }
            let Some(data) = event.data().as_string() else {
                return;
            };
            match parse_message(&data, &id) {
                Some(("width", _)) => send_height(),
                Some(("viewport-iframe-position", payload)) => {
                    if let Some(view) = ParentView::parse(payload) {
                        set_view_height(view.height);
                        host.view.set(Some(view));
                        if let Some(f) = &*host.on_view.borrow() {
                            f();
                        }
                    }
                }
                _ => {}
            }
        }
    });
    on_message.forget();
    if let Some(id) = &host.id {
        post_to_parent(&JsValue::from_str(&message(id, "parentPositionInfo", "")));
    }
    host
}

fn post_to_parent(data: &JsValue) {
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        // pym and AMP both post to any origin: the messages carry nothing private.
        let _ = parent.post_message(data, "*");
    }
}

/// AMP's resize request: `{sentinel: "amp", type: "embed-size", height}`.
fn amp_embed_size(height: f64) -> JsValue {
    let request = js_sys::Object::new();
    for (key, value) in [
        ("sentinel", JsValue::from_str("amp")),
        ("type", JsValue::from_str("embed-size")),
        ("height", JsValue::from_f64(height)),
    ] {
        let _ = js_sys::Reflect::set(&request, &JsValue::from_str(key), &value);
    }
    request.into()
}

/// The origins whose messages are heard: `<meta name="pym-xdomain" content="…">` in the page
/// (space-separated origins, or `*`), any origin without it.
fn allowed_origins() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=pym-xdomain]").ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_else(|| "*".into())
}

/// Heights in the stylesheet are fractions of `--view-h`: the parent's window, not the iframe
/// (which grows with the page: sizing by `vh` there would grow it without end).
fn set_view_height(height: f64) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = html
            .style()
            .set_property("--view-h", &format!("{}px", fixed(height, 0)));
    }
}

/// Moves `panel` down its story (its parent element) so that it stays in `view`, as sticky
/// positioning would in a page that scrolls. Only a transform changes: no layout.
pub fn pin(panel: &web_sys::HtmlElement, view: Viewport) {
    let Some(story) = panel.parent_element() else {
        return;
    };
    // Both rects in the page's coordinates; the panel's without the offset it has now.
    let scroll_y = web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or_default();
    let rect = story.get_bounding_client_rect();
    let offset = super::pinned_offset(
        view,
        rect.top() + scroll_y,
        rect.bottom() + scroll_y,
        f64::from(panel.offset_height()),
    );
    let _ = panel
        .style()
        .set_property("transform", &format!("translateY({}px)", fixed(offset, 0)));
}
