//! Entry point of the browser build: install the panic hook and mount the app, in the host
//! page's `<div id="benghazi-explainer">` when there is one (a direct mount), else in the body.

use wasm_bindgen::JsCast;

/// The id a host page gives the element the explainer mounts in.
const MOUNT_ID: &str = "benghazi-explainer";

fn main() {
    console_error_panic_hook::set_once();
    let app = benghazi_explainer::app::App;
    match leptos::prelude::document().get_element_by_id(MOUNT_ID) {
        // Mounted for the page's lifetime: the handle would unmount it when dropped.
        Some(el) => leptos::mount::mount_to(el.unchecked_into(), app).forget(),
        None => leptos::mount::mount_to_body(app),
    }
}
