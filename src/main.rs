//! Entry point of the browser build: install the panic hook (debug builds) and start the app. In
//! a host page that has a `<div id="benghazi-explainer">` (a direct mount) it renders there; on
//! its own page it takes over the pre-rendered HTML (with `hydrate`, the page trunk builds) or
//! renders afresh.

use wasm_bindgen::JsCast;

/// The id a host page gives the element the explainer mounts in.
const MOUNT_ID: &str = "benghazi-explainer";

fn main() {
    // Debug builds only: in release it would cost ~3 KB of wasm (see "Performance" in README.md).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let app = benghazi_explainer::app::App;
    if let Some(el) = leptos::prelude::document().get_element_by_id(MOUNT_ID) {
        // Mounted for the page's lifetime: the handle would unmount it when dropped.
        leptos::mount::mount_to(el.unchecked_into(), app).forget();
        return;
    }
    #[cfg(feature = "hydrate")]
    leptos::mount::hydrate_body(app);
    #[cfg(not(feature = "hydrate"))]
    leptos::mount::mount_to_body(app);
    // The app is running: the benchmark (scripts/bench) waits for this attribute.
    let _ = gloo::utils::document_element().set_attribute("data-interactive", "");
}
