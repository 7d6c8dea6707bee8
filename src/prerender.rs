//! The page rendered to HTML at build time (native only, leptos' `ssr`), at the first step, so
//! that it reads in full before (and without) the wasm, which then plays it (see
//! `src/bin/prerender.rs` and trunk's `post_build` hook in `Trunk.toml`).

use crate::views::App;
use leptos::prelude::*;
use story_compiler::Compiled;

/// The whole explainer as HTML, at the first step.
pub fn render_app(compiled: &'static Compiled) -> String {
    let owner = Owner::new_root(None);
    let html = owner.with(|| view! { <App compiled=compiled /> }.to_html());
    owner.unset();
    html
}

/// Writes `app` into `page` right after its `<body>` tag. Fails if the page has no empty
/// `<body>` to fill.
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
