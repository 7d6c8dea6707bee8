//! Print: whether the page is being printed, so that every step can carry a static map of its
//! state (on screen one sticky map serves them all).

use gloo::events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
