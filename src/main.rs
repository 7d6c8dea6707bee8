//! Entry point of the browser build: install the panic hook (debug builds) and start the app.
//!
//! With `hydrate` (the page trunk builds) the explainer is already in the page, pre-rendered: on
//! its own page in the body, in a host page that mounts it directly inside
//! `<div id="benghazi-explainer">` (where `boot.js` has put it). Only the parts that follow the
//! reader are hydrated ([`Interactive`]: the live region and the panel); the story's text stays
//! the static HTML it is, and its code and words are not in the wasm. Without `hydrate` the
//! whole app is rendered afresh.

#[cfg(feature = "hydrate")]
use benghazi_explainer::app::Interactive;
use wasm_bindgen::JsCast;

/// The id a host page gives the element the explainer mounts in.
const MOUNT_ID: &str = "benghazi-explainer";

fn main() {
    // Debug builds only: in release it would cost ~3 KB of wasm (see "Performance" in README.md).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let doc = leptos::prelude::document();
    let mount = doc.get_element_by_id(MOUNT_ID);

    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        use leptos::tachys::html::node_ref::NodeRefContainer;
        let scope = mount.or_else(|| doc.body().map(Into::into));
        let root = scope.and_then(|s| s.query_selector(".explainer").ok().flatten());
        let Some((root, main)) =
            root.and_then(|r| Some((r.clone(), r.query_selector("main").ok().flatten()?)))
        else {
            leptos::logging::error!("benghazi-explainer: no pre-rendered explainer to hydrate");
            return;
        };
        // Hydration starts at `<main>`'s first child: the live region, then the panel.
        leptos::mount::hydrate_from(main.unchecked_into(), move || {
            let node = NodeRef::<leptos::html::Div>::new();
            node.load(&root);
            view! { <Interactive root=node /> }
        })
        // Mounted for the page's lifetime: the handle would unmount it when dropped.
        .forget();
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let app = benghazi_explainer::app::App;
        match mount {
            Some(el) => leptos::mount::mount_to(el.unchecked_into(), app).forget(),
            None => leptos::mount::mount_to_body(app),
        }
    }
    // The app is running: the benchmark (scripts/bench) waits for this attribute.
    let _ = gloo::utils::document_element().set_attribute("data-interactive", "");
}
