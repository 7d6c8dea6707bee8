//! The page rendered to HTML at build time (native only, leptos' `ssr`), at the first step, so
//! that it reads in full before (and without) the wasm, which then plays it (see
//! `src/bin/prerender.rs` and trunk's `post_build` hook in `Trunk.toml`).

use crate::views::App;
use leptos::prelude::*;
use serde::Serialize;
use std::path::Path;
use story_compiler::model::{Block, Meta};
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

/// `stem-<hash>.ext`, named for its content as trunk names its files, so that a host may cache
/// it for a year: another story's palette has another name. (FNV-1a, 64 bits.)
pub fn hashed_name(stem: &str, ext: &str, content: &str) -> String {
    let hash = content.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{stem}-{hash:016x}.{ext}")
}

/// Text made safe inside an HTML element or a quoted attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What the story adds to the page's `<head>`: its title and description, and its palette.
pub fn head(meta: &Meta, palette: &str) -> String {
    format!(
        "<title>{}</title><meta name=\"description\" content=\"{}\"><link rel=\"stylesheet\" href=\"./{}\">",
        escape(&meta.title),
        escape(&meta.description),
        escape(palette)
    )
}

/// Writes `head` into `page` just before its `</head>`. Fails if the page has no `</head>`, or
/// has a `<title>` already (the story gives it).
pub fn insert_into_head(page: &str, head: &str) -> Result<String, String> {
    if page.contains("<title>") {
        return Err("the page has a <title> already: the story gives it".into());
    }
    let at = page.find("</head>").ok_or("no </head> tag in the page")?;
    Ok(format!("{}{head}{}", &page[..at], &page[at..]))
}

/// The facts about the story that the end-to-end tests check the page against.
#[derive(Serialize)]
struct Manifest<'a> {
    /// The story's folder, as the build was given it.
    story: String,
    title: &'a str,
    headline: &'a str,
    steps: Vec<StepFacts<'a>>,
    /// Ids, in the page's order.
    sources: Vec<&'a str>,
    notes: Vec<&'a str>,
    factions: Vec<&'a str>,
    /// The places the main map draws.
    mapped: Vec<&'a str>,
    /// The sides the bars count, by name.
    counted: Vec<&'a str>,
    /// The sides the map's key shows, in its order: name and colour ("#rrggbb").
    key: Vec<(&'a str, String)>,
    /// The kinds of movement the map draws, by event kind id.
    lines: Vec<&'a str>,
}

#[derive(Serialize)]
struct StepFacts<'a> {
    id: &'a str,
    title: &'a str,
    /// "YYYY-MM-DD" or "YYYY-MM" where dated.
    date: Option<String>,
    /// The date or the source's words, as the panel shows it (empty for an undated step).
    when: String,
    place: Option<&'a str>,
    /// The map's zoom at the step.
    zoom: f64,
    /// The prose and quotes of its body, in order.
    texts: Vec<&'a str>,
}

/// The manifest of `compiled`, whose folder is `folder`, as JSON.
pub fn manifest(compiled: &Compiled, folder: &Path) -> String {
    let story = &compiled.story;
    let manifest = Manifest {
        story: folder.display().to_string(),
        title: &story.meta.title,
        headline: &story.meta.headline,
        steps: story
            .steps
            .iter()
            .zip(compiled.script.frames.iter())
            .map(|(step, frame)| StepFacts {
                id: &step.id,
                title: &step.title,
                date: step.date.map(|d| d.to_string()),
                when: step.time_label(),
                place: step.place.as_deref(),
                zoom: frame.map.camera.k,
                texts: step
                    .body
                    .iter()
                    .map(|b| match b {
                        Block::Prose(text)
                        | Block::Desk { text, .. }
                        | Block::Quote { text, .. } => text.as_str(),
                    })
                    .collect(),
            })
            .collect(),
        sources: story.sources.iter().map(|s| s.id.as_str()).collect(),
        notes: story.notes.iter().map(|n| n.id.as_str()).collect(),
        factions: story.factions.iter().map(|f| f.id.as_str()).collect(),
        mapped: story
            .places
            .iter()
            .filter(|p| story.on_map(p))
            .map(|p| p.id.as_str())
            .collect(),
        counted: story
            .sides
            .iter()
            .filter(|s| s.counted)
            .map(|s| s.name.as_str())
            .collect(),
        key: story_compiler::vocabulary::key_sides(story)
            .map(|s| (s.name.as_str(), s.colour.to_string()))
            .collect(),
        lines: compiled
            .plan
            .lines
            .iter()
            .map(|(_, kind, _, _)| kind.as_str())
            .collect(),
    };
    serde_json::to_string_pretty(&manifest).expect("the manifest serialises")
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
    fn the_head_goes_before_the_head_end_tag_once() {
        let page = "<html><head><meta charset=utf-8></head><body></body></html>";
        let done = insert_into_head(page, "<title>T</title>").unwrap();
        assert_eq!(
            done,
            "<html><head><meta charset=utf-8><title>T</title></head><body></body></html>"
        );
        assert!(insert_into_head(&done, "<title>T</title>").is_err());
    }

    #[test]
    fn a_hashed_name_follows_the_content() {
        assert_eq!(hashed_name("p", "css", "a"), hashed_name("p", "css", "a"));
        assert_ne!(hashed_name("p", "css", "a"), hashed_name("p", "css", "b"));
        assert!(hashed_name("p", "css", "").starts_with("p-"));
    }

    #[test]
    fn a_page_without_an_empty_body_is_refused() {
        assert!(insert_into_body("<html></html>", "x").is_err());
        assert!(insert_into_body("<body><div>old</div></body>", "x").is_err());
    }
}
