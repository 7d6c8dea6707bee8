//! Entry point of the browser build: installs the panic hook (debug builds) and starts the
//! player on the pre-rendered explainer: on its own page in the body, or in a host page that
//! mounts it directly inside `<div id="benghazi-explainer">` (where `boot.js` has put it).

/// The id a host page gives the element the explainer mounts in.
#[cfg(target_arch = "wasm32")]
const MOUNT_ID: &str = "benghazi-explainer";

#[cfg(target_arch = "wasm32")]
fn main() {
    // Debug builds only: in release it would cost ~3 KB of wasm (see docs/performance.md).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let scope = document
        .get_element_by_id(MOUNT_ID)
        .or_else(|| document.body().map(Into::into));
    let Some(root) = scope.and_then(|s| s.query_selector(".explainer").ok().flatten()) else {
        web_sys::console::error_1(&"benghazi-explainer: no pre-rendered explainer to play".into());
        return;
    };
    benghazi_explainer::page::start(root, &benghazi_explainer::script::SCRIPT);
    // The page is live: the benchmark (scripts/bench) waits for this attribute.
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-interactive", "");
    }
}

/// The page is a browser build; natively there is nothing to run.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
