//! The pre-rendered page (the views rendered natively with leptos' `ssr`, as
//! `src/bin/prerender.rs` writes it into the build): every word of the story in order, the
//! panel at the first step, the live region silent, and the same HTML every time.
#![cfg(not(target_arch = "wasm32"))]

use benghazi_explainer::prerender::render_app;
use std::sync::LazyLock;
use story_compiler::model::Block;
use story_compiler::{compile_dir, Compiled};

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let root = &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("stories/benghazi-2014");
    compile_dir(root, |_| {}).unwrap_or_else(|e| panic!("{e}"))
});

/// The text of HTML as a reader gets it (leptos escapes only &, < and > in text).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_rendered_page_holds_the_headline_and_every_step_in_order() {
    let story = &COMPILED.story;
    let html = render_app(&COMPILED);
    assert!(
        html.starts_with("<div class=\"explainer\">"),
        "{}",
        &html[..80]
    );
    let text = unescape(&html);
    let mut from = text.find(&story.meta.headline).expect("the headline");
    for step in story.steps.iter() {
        let mut words = vec![step.title.clone()];
        for block in step.body.iter() {
            match block {
                Block::Prose(t) | Block::Desk { text: t, .. } => words.push(t.clone()),
                Block::Quote { text, .. } => words.push(text.clone()),
            }
        }
        for w in words {
            let at = text[from..]
                .find(&w)
                .unwrap_or_else(|| panic!("step {}: missing or out of order: {w}", step.id));
            from += at + w.len();
        }
    }
    for source in story.sources.iter() {
        assert!(text.contains(&source.title), "source {}", source.id);
    }
}

#[test]
fn the_rendered_page_shows_the_first_step_and_says_nothing_yet() {
    let html = render_app(&COMPILED);
    let first = &COMPILED.script.frames[0];
    assert!(html.contains(&format!("data-step-id=\"{}\"", first.step)));
    assert!(html.contains("id=\"map-summary\""));
    assert!(unescape(&html).contains(first.map_words.summary.as_ref()));
    assert!(unescape(&html).contains(first.chart.summary.as_ref()));
    // The live region is empty.
    let region = &html[html
        .find("data-testid=\"announcer\"")
        .expect("the live region")..];
    let said = &region[region.find('>').unwrap() + 1..region.find("</p>").unwrap()];
    assert_eq!(said.trim(), "", "the live region speaks on load");
    // Rendering twice gives the same page: nothing random, nothing measured.
    assert_eq!(html, render_app(&COMPILED));
}

#[test]
fn the_page_carries_no_style_attribute_and_no_inline_script() {
    // A strict Content-Security-Policy (docs/embedding.md) refuses both.
    let html = render_app(&COMPILED);
    assert!(!html.contains(" style="), "a style attribute");
    assert!(!html.contains("<script"), "an inline script");
}

#[test]
fn every_step_card_names_its_sources_linked_to_their_entries() {
    let story = &COMPILED.story;
    let html = render_app(&COMPILED);
    for (i, step) in story.steps.iter().enumerate() {
        let start = html
            .find(&format!("data-step=\"{}\"", step.id))
            .expect("the step's card");
        let end = story
            .steps
            .get(i + 1)
            .and_then(|next| html.find(&format!("data-step=\"{}\"", next.id)))
            .unwrap_or(html.len());
        let card = &html[start..end];
        let line = card
            .split("data-testid=\"step-sources\"")
            .nth(1)
            .unwrap_or_else(|| panic!("step {} lists no sources", step.id));
        let line = &line[..line.find("</p>").expect("the line's end")];
        for id in step.sources.iter() {
            let source = story.source(id).expect("a known source");
            assert!(
                line.contains(&format!("href=\"#source-{id}\"")),
                "{}: {id}",
                step.id
            );
            assert!(
                line.contains(&unescape_free(source.short_name())),
                "{}: {id}",
                step.id
            );
            assert!(
                html.contains(&format!("id=\"source-{id}\"")),
                "no entry for {id}"
            );
        }
    }
}

/// A text as leptos writes it into HTML.
fn unescape_free(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn the_page_says_how_it_was_made_and_lists_the_corrections() {
    let story = &COMPILED.story;
    let html = unescape(&render_app(&COMPILED));
    let made = &html[html.find("How this page was made").expect("the section")..];
    let primary = story.source(&story.meta.source).unwrap().short_name();
    let said = made
        .find("The text and the quotes of every step are")
        .expect("the primary's part");
    assert!(
        made[said..said + 200].contains(primary),
        "{}",
        &made[said..said + 200]
    );
    for source in story.sources.iter().filter(|s| s.id != story.meta.source) {
        assert!(
            made.contains(&format!("href=\"#source-{}\"", source.id)),
            "{}",
            source.id
        );
    }
    for correction in story.corrections.iter() {
        assert!(made.contains(correction.text.as_str()));
        assert!(made.contains(&correction.date.long()));
    }
    if story.corrections.is_empty() {
        assert!(made.contains("None since publication."));
    }
}
