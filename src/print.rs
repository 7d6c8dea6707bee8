//! Print: on screen one sticky map serves every step; on paper every step carries a static map
//! of its own state, built when printing starts and removed when it ends.

use crate::map::view::ControlMap;
use crate::scroll::observer::step_elements;
use crate::scroll::StepState;
use crate::story::Story;
use gloo::events::EventListener;
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// True while the page is printed or shown as print (print preview, emulated print media).
pub fn use_printing() -> ReadSignal<bool> {
    let (printing, set_printing) = signal(false);
    Effect::new(move |_| {
        let window = window();
        // `beforeprint` comes before the browser lays out the pages, and the views it changes
        // are drawn in the microtasks that run straight after it; the media query also covers
        // emulated print media, which fires no `beforeprint`.
        let before = EventListener::new(&window, "beforeprint", move |_| set_printing.set(true));
        let after = EventListener::new(&window, "afterprint", move |_| set_printing.set(false));
        let media = window.match_media("print").ok().flatten().map(|query| {
            set_printing.set(query.matches());
            EventListener::new(&query, "change", move |event| {
                if let Some(query) = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::MediaQueryList>().ok())
                {
                    set_printing.set(query.matches());
                }
            })
        });
        let guard = send_wrapper::SendWrapper::new((before, after, media));
        on_cleanup(move || drop(guard));
    });
    printing
}

/// A step's print map: its element, last in the step, and the mounted view.
struct PrintMap {
    el: HtmlElement,
    _view: Box<dyn Any>,
}

impl Drop for PrintMap {
    fn drop(&mut self) {
        self.el.remove();
    }
}

/// While the page is printed, every step inside `root` ends with a map of the state a reader
/// arriving at it sees. The step cards are static HTML, so the maps are mounted into them.
pub fn use_print_maps(story: &'static Story, root: NodeRef<leptos::html::Div>) {
    let printing = use_printing();
    Effect::new(move |maps: Option<Vec<PrintMap>>| {
        // The previous maps go (their views unmount) before any new ones come.
        drop(maps);
        let printing = printing.get();
        let Some(root) = root.get_untracked().filter(|_| printing) else {
            return Vec::new();
        };
        let document = document();
        step_elements(&root)
            .into_iter()
            .enumerate()
            .filter_map(|(index, step)| {
                let el: HtmlElement = document.create_element("div").ok()?.unchecked_into();
                el.set_class_name("print-graphic");
                let _ = el.set_attribute("data-testid", "print-graphic");
                step.append_child(&el).ok()?;
                let state = Signal::stored(StepState {
                    index,
                    progress: 0.0,
                });
                let view = leptos::mount::mount_to(el.clone(), move || {
                    view! { <ControlMap story=story state=state /> }
                });
                Some(PrintMap {
                    el,
                    _view: Box::new(view),
                })
            })
            .collect()
    });
}
