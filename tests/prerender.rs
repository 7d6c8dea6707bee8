//! The pre-rendered page (the app rendered natively with leptos' `ssr`, as `src/bin/prerender.rs`
//! writes it into the build) and the words that stand in for the graphics: the map and the chart
//! described from the same data they draw, and the live region's announcement.
#![cfg(not(target_arch = "wasm32"))]

use benghazi_explainer::app::announcement;
use benghazi_explainer::chart::layout::ChartState;
use benghazi_explainer::chart::view::summary;
use benghazi_explainer::map::describe::{describe, status_words};
use benghazi_explainer::map::scene::Scene;
use benghazi_explainer::prerender::render_app;
use benghazi_explainer::story::{Block, STORY};

/// The text of HTML as a reader gets it (leptos escapes only &, < and > in text).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_rendered_page_holds_the_headline_and_every_step_in_order() {
    let html = render_app();
    assert!(
        html.starts_with("<div class=\"explainer\">"),
        "{}",
        &html[..80]
    );
    let text = unescape(&html);
    let mut from = text.find(&*STORY.meta.headline).expect("the headline");
    for step in STORY.steps.iter() {
        let mut words = vec![step.title.to_string()];
        for block in step.body.iter() {
            match block {
                Block::Prose(t) => words.push(t.to_string()),
                Block::Quote { text, .. } => words.push(text.to_string()),
            }
        }
        for w in words {
            let at = text[from..]
                .find(&w)
                .unwrap_or_else(|| panic!("step {}: missing or out of order: {w}", step.id));
            from += at + w.len();
        }
    }
    for source in STORY.sources.iter() {
        assert!(text.contains(&*source.title), "source {}", source.id);
    }
}

#[test]
fn the_rendered_page_shows_the_first_step_and_says_nothing_yet() {
    let html = render_app();
    let first = &STORY.steps[0];
    assert!(html.contains(&format!("data-step-id=\"{}\"", first.id)));
    assert!(html.contains("id=\"map-summary\""));
    assert!(html.contains("aria-live=\"polite\""));
    // The live region is empty (a single space stands for the empty text node).
    let region = &html[html
        .find("data-testid=\"announcer\"")
        .expect("the live region")..];
    let said = &region[region.find('>').unwrap() + 1..region.find("</p>").unwrap()];
    assert_eq!(said.trim(), "", "the live region speaks on load");
    // Rendering twice gives the same page: nothing random, nothing measured.
    assert_eq!(html, render_app());
}

#[test]
fn the_map_in_words_says_who_holds_each_drawn_place_as_the_map_draws_it() {
    for i in 0..STORY.steps.len() {
        let words = describe(&STORY, i);
        let scene = Scene::at(&STORY, i, 0.0);
        let text = words.sentences.join(" ");
        assert_eq!(words.rows.len(), STORY.control_at(i).len(), "step {i}");
        for m in scene.markers.iter() {
            let (Some(status), Some(holder)) = (m.status, m.holder) else {
                continue;
            };
            let place = &STORY.places[m.place];
            let row = words
                .rows
                .iter()
                .find(|r| r.place == *place.name)
                .unwrap_or_else(|| panic!("step {i}: no row for {}", place.id));
            assert_eq!(row.status, status_words(status), "step {i}: {}", place.id);
            assert_eq!(row.holder, *STORY.factions[holder].name, "step {i}");
            assert!(row.drawn);
            assert!(text.contains(&format!("{}: {}", place.name, row.status)));
        }
        let step = &STORY.steps[i];
        for event in STORY.events.iter().filter(|e| e.step == step.id) {
            assert!(
                text.contains(event.title.trim_end_matches('.')),
                "{}",
                event.id
            );
        }
        assert_eq!(
            scene.retreat.is_some(),
            text.contains("retreat from"),
            "step {i}"
        );
        assert_eq!(
            scene.sorties.is_some(),
            text.contains("air raids from"),
            "step {i}"
        );
    }
}

#[test]
fn places_no_source_locates_are_said_to_be_off_the_map() {
    let words = describe(&STORY, STORY.step_index("bases-seized").unwrap());
    let base_21 = words.rows.iter().find(|r| r.place == "Base 21").unwrap();
    assert!(!base_21.drawn);
    assert_eq!(base_21.status, "claimed, unconfirmed, by");
    assert!(words
        .sentences
        .join(" ")
        .contains("Base 21: claimed, unconfirmed, by"));
}

#[test]
fn the_chart_in_words_names_the_steps_parties_and_counts_the_bases() {
    for i in 0..STORY.steps.len() {
        let chart = ChartState::at(&STORY, i);
        let said = summary(&STORY, &chart);
        for &f in &chart.highlighted {
            assert!(said.contains(&*STORY.factions[f].name), "step {i}: {said}");
        }
        for count in &chart.counts {
            assert!(
                said.contains(&format!(" {}", count.held)),
                "step {i}: {said}"
            );
        }
    }
}

#[test]
fn a_step_change_is_announced_by_number_title_and_time() {
    let i = STORY.step_index("bu-attni").unwrap();
    assert_eq!(
        announcement(&STORY, i),
        format!(
            "Step {} of {}: Bu Attni base overrun. 29 July 2014.",
            i + 1,
            STORY.steps.len()
        )
    );
    assert_eq!(announcement(&STORY, STORY.steps.len()), "");
}
