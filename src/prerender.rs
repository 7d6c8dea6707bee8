//! The page rendered to HTML at build time (native only, leptos' `ssr`): the same components as
//! in the browser, at the first step, so that the wasm finds exactly what it would have rendered
//! and hydrates it (see `src/bin/prerender.rs` and trunk's `post_build` hook in `Trunk.toml`).

use crate::app::App;
use leptos::prelude::*;

/// The whole app as HTML, as the browser would first render it (step state at its default:
/// the first step, nothing measured yet).
pub fn render_app() -> String {
    let owner = Owner::new_root(None);
    let html = owner.with(|| view! { <App /> }.to_html());
    owner.unset();
    html
}

/// Writes `app` into `page` right after its `<body>` tag, with nothing between them: hydration
/// starts at the body's first child. Fails if the page has no empty `<body>` to fill.
pub fn insert_into_body(page: &str, app: &str) -> Result<String, String> {
    const BODY: &str = "<body>";
    let Some(at) = page.find(BODY) else {
        return Err("no <body> tag (with no attributes) in the page".into());
    };
    let after = &page[at + BODY.len()..];
    let rest = after.trim_start();
    if !(rest.is_empty() || rest.starts_with("</body>") || rest.starts_with("<script")) {
        return Err("the page's <body> is not empty: already pre-rendered?".into());
    }
    Ok(format!("{}{BODY}{app}{}", &page[..at], after.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_goes_right_after_the_body_tag() {
        let page = "<html><head></head><body>\n  </body></html>";
        assert_eq!(
            insert_into_body(page, "<div>app</div>").unwrap(),
            "<html><head></head><body><div>app</div></body></html>"
        );
    }

    #[test]
    fn a_page_without_an_empty_body_is_refused() {
        assert!(insert_into_body("<html></html>", "x").is_err());
        assert!(insert_into_body("<body><div>old</div></body>", "x").is_err());
    }
}
