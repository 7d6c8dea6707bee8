//! Entry point of the browser build: install the panic hook and start the app: with `hydrate`
//! (the page trunk builds) take over the pre-rendered HTML, without it render afresh.

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "hydrate")]
    leptos::mount::hydrate_body(benghazi_explainer::app::App);
    #[cfg(not(feature = "hydrate"))]
    leptos::mount::mount_to_body(benghazi_explainer::app::App);
}
