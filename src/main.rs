//! Entry point of the browser build: install the panic hook (debug builds) and mount the app.

fn main() {
    // Debug builds only: in release it would cost ~3 KB of wasm (see "Performance" in README.md).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(benghazi_explainer::app::App);
    // The app is mounted and listening: the benchmark (scripts/bench) waits for this attribute.
    let _ = gloo::utils::document_element().set_attribute("data-interactive", "");
}
