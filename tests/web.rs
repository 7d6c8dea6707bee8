//! Components rendered in a real browser (headless Chromium via wasm-bindgen-test-runner).
//!
//! Built without `hydrate`, so with the whole story (`story_text`, see `build.rs`): the page's
//! own wasm leaves out the text that only the pre-rendered HTML shows.
#![cfg(all(target_arch = "wasm32", story_text))]

use benghazi_explainer::app::{App, Panel, StepList};
use benghazi_explainer::scroll::observer::StepNav;
use benghazi_explainer::scroll::StepState;
use benghazi_explainer::story::{Block, STORY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document body to mount a component into.
fn host() -> HtmlElement {
    let document = document();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_step_list_renders_every_step_of_the_embedded_story_in_order() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), || {
        view! { <StepList story=&STORY active=4 /> }
    });

    let steps = all(&host, "[data-testid=step]");
    assert_eq!(steps.len(), STORY.steps.len());
    for (el, step) in steps.iter().zip(STORY.steps.iter()) {
        assert_eq!(el.get_attribute("data-step").as_deref(), Some(&*step.id));
        assert_eq!(el.id(), format!("step-{}", step.id));
        let shown = text(el);
        assert!(shown.contains(&*step.title), "{} lacks its title", step.id);
        assert!(
            shown.contains(&step.time_label()),
            "{} lacks its time",
            step.id
        );
        let mut quotes = 0;
        for block in step.body.iter() {
            match block {
                Block::Prose(t) => assert!(shown.contains(&**t), "{} lacks {t}", step.id),
                Block::Quote { text: t, speaker } => {
                    quotes += 1;
                    assert!(shown.contains(&**t), "{} lacks the quote {t}", step.id);
                    let who = STORY.speaker(speaker).unwrap();
                    assert!(shown.contains(&*who.name), "{} lacks {}", step.id, who.name);
                }
            }
        }
        assert_eq!(all(el, "[data-testid=quote]").len(), quotes, "{}", step.id);
    }

    let active: Vec<_> = steps
        .iter()
        .filter(|el| el.get_attribute("data-active").as_deref() == Some("true"))
        .collect();
    assert_eq!(active.len(), 1);
    assert_eq!(
        active[0].get_attribute("data-step").as_deref(),
        Some("bu-attni")
    );
}

#[wasm_bindgen_test]
async fn the_panel_follows_the_active_step() {
    let host = host();
    let at = |id: &str| StepState {
        index: STORY.step_index(id).unwrap(),
        progress: 0.0,
    };
    let state = RwSignal::new(at("bu-attni"));
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        let nav = StepNav::new(state.into(), NodeRef::new(), None);
        view! { <Panel story=&STORY nav=nav /> }
    });
    let panel = host.query_selector("[data-testid=panel]").unwrap().unwrap();
    let field = |id: &str| {
        text(
            &panel
                .query_selector(&format!("[data-testid={id}]"))
                .unwrap()
                .unwrap(),
        )
    };

    assert_eq!(
        panel.get_attribute("data-step-id").as_deref(),
        Some("bu-attni")
    );
    assert_eq!(field("panel-when"), "29 July 2014");
    assert_eq!(
        field("panel-place"),
        "Bu Attni Special Forces base, Benghazi"
    );
    assert_eq!(field("panel-index"), "5");

    state.set(at("hor"));
    leptos::task::tick().await;
    assert_eq!(panel.get_attribute("data-step-id").as_deref(), Some("hor"));
    assert_eq!(field("panel-when"), "4 August 2014");
    assert_eq!(field("panel-place"), "Tobruk");

    state.set(at("bases-seized"));
    leptos::task::tick().await;
    // Undated steps show the article's own words for the time.
    assert_eq!(field("panel-when"), "In recent weeks");
}

#[wasm_bindgen_test]
fn the_app_renders_masthead_steps_panel_and_sources() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), App);
    assert_eq!(
        text(&host.query_selector("h1").unwrap().unwrap()),
        STORY.meta.headline
    );
    assert!(text(
        &host
            .query_selector("[data-testid=credit]")
            .unwrap()
            .unwrap()
    )
    .contains("MEED"));
    assert_eq!(all(&host, "[data-testid=step]").len(), STORY.steps.len());
    assert_eq!(all(&host, "[data-testid=panel]").len(), 1);
    assert!(text(&host.query_selector(".sources").unwrap().unwrap()).contains("MEED"));
    assert_eq!(
        all(&host, "[data-testid=source]").len(),
        STORY.sources.len()
    );
    assert_eq!(all(&host, "[data-testid=note]").len(), STORY.notes.len());
    // Each step links the notes on what it tells, and each link has its target on the page.
    for (i, step) in STORY.steps.iter().enumerate() {
        let el = host
            .query_selector(&format!("[data-step={}]", step.id))
            .unwrap()
            .unwrap();
        let links = all(&el, "[data-testid=step-notes] a");
        assert_eq!(links.len(), STORY.notes_for_step(i).len(), "{}", step.id);
        for link in links {
            let target = link.get_attribute("href").unwrap();
            assert!(host.query_selector(&target).unwrap().is_some(), "{target}");
        }
    }
}

#[wasm_bindgen_test]
fn the_map_renders_each_located_place_in_its_holders_state() {
    use benghazi_explainer::map::view::ControlMap;
    let host = host();
    let state = RwSignal::new(StepState {
        index: STORY.step_index("bu-attni").unwrap(),
        progress: 0.0,
    });
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <ControlMap story=&STORY state=state.into() /> }
    });
    let markers = all(&host, "[data-testid=marker]");
    let drawn: Vec<_> = markers
        .iter()
        .map(|m| m.get_attribute("data-place").unwrap())
        .collect();
    assert_eq!(
        drawn,
        ["benghazi", "benina", "bu-attni", "base-319", "ar-rajmah"]
    );
    let marker = |place: &str| {
        host.query_selector(&format!("[data-testid=marker][data-place={place}]"))
            .unwrap()
            .unwrap()
    };
    assert_eq!(
        marker("bu-attni").get_attribute("data-status").as_deref(),
        Some("overrun")
    );
    assert_eq!(
        marker("benina").get_attribute("data-status").as_deref(),
        Some("under-threat")
    );
    // Approximate places carry their circle of uncertainty; exact ones do not.
    assert!(marker("bu-attni")
        .query_selector(".uncertainty")
        .unwrap()
        .is_some());
    assert!(marker("benghazi")
        .query_selector(".uncertainty")
        .unwrap()
        .is_none());
    let land = host.query_selector(".land").unwrap().unwrap();
    assert!(land.get_attribute("d").unwrap().len() > 100);
    let key = text(&host.query_selector("[data-testid=key]").unwrap().unwrap());
    assert!(key.contains("Base 21") && key.contains("Shipna"), "{key}");
    assert_eq!(all(&host, ".locator-city").len(), 3);
}

#[wasm_bindgen_test]
async fn the_chart_shows_the_factions_and_follows_the_step() {
    use benghazi_explainer::chart::view::FactionChart;
    let host = host();
    let at = |id: &str| StepState {
        index: STORY.step_index(id).unwrap(),
        progress: 0.0,
    };
    let state = RwSignal::new(at("may-offensive"));
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <FactionChart story=&STORY state=state.into() /> }
    });
    // Drawn twice, for wide and narrow panels; the wide drawing is checked here.
    assert_eq!(
        all(&host, ".wide [data-testid=faction]").len(),
        STORY.factions.len()
    );
    assert_eq!(
        all(&host, ".narrow [data-testid=faction]").len(),
        STORY.factions.len()
    );
    let lit = |host: &HtmlElement| -> Vec<String> {
        all(host, ".wide [data-testid=faction][data-lit=true]")
            .iter()
            .map(|e| e.get_attribute("data-faction").unwrap())
            .collect()
    };
    assert!(lit(&host).contains(&"haftar".to_owned()));
    let relations_in_may = all(&host, ".wide [data-testid=relation]").len();

    state.set(at("bu-attni"));
    leptos::task::tick().await;
    let now = lit(&host);
    assert!(
        now.contains(&"special-forces".to_owned())
            && now.contains(&"islamist-coalition".to_owned()),
        "{now:?}"
    );
    assert!(all(&host, ".wide [data-testid=relation]").len() > relations_in_may);
    let held = |side: &str| {
        text(
            &host
                .query_selector(&format!("[data-side=\"{side}\"] [data-testid=held]"))
                .unwrap()
                .unwrap(),
        )
    };
    assert_eq!(held("Islamists"), "1");
    // The tables for screen readers carry the same relations.
    let rows = all(&host, "[data-testid=chart-tables] tbody tr").len();
    assert_eq!(rows, all(&host, ".wide [data-testid=relation]").len() + 3);
}

#[wasm_bindgen_test]
async fn the_step_rail_links_every_step_and_marks_the_readers() {
    let host = host();
    let state = RwSignal::new(StepState {
        index: 2,
        progress: 0.5,
    });
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        let nav = StepNav::new(state.into(), NodeRef::new(), None);
        view! { <benghazi_explainer::rail::StepRail story=&STORY nav=nav /> }
    });
    let marks = all(&host, "[data-testid=rail-step]");
    assert_eq!(marks.len(), STORY.steps.len());
    for (i, (mark, step)) in marks.iter().zip(STORY.steps.iter()).enumerate() {
        assert_eq!(
            mark.get_attribute("href").unwrap(),
            format!("#step-{}", step.id)
        );
        let label = mark.get_attribute("aria-label").unwrap();
        assert!(
            label.starts_with(&format!(
                "Step {} of {}: {}",
                i + 1,
                STORY.steps.len(),
                step.title
            )),
            "{label}"
        );
    }
    let current = || {
        all(&host, "[data-testid=rail-step]")
            .iter()
            .position(|m| m.get_attribute("aria-current").as_deref() == Some("step"))
    };
    let done = || all(&host, "[data-testid=rail-step].done").len();
    assert_eq!((current(), done()), (Some(2), 2));

    state.set(StepState {
        index: 9,
        progress: 0.0,
    });
    leptos::task::tick().await;
    assert_eq!((current(), done()), (Some(9), 9));
}

#[wasm_bindgen_test]
async fn a_step_change_is_announced_and_the_map_and_chart_words_follow() {
    use benghazi_explainer::app::{announcement, StepAnnouncer};
    let host = host();
    let active = RwSignal::new(0usize);
    let state = RwSignal::new(StepState::default());
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <StepAnnouncer story=&STORY active=active.into() />
            <Panel story=&STORY nav=StepNav::new(state.into(), NodeRef::new(), None) />
        }
    });
    leptos::task::tick().await;
    let region = host
        .query_selector("[data-testid=announcer]")
        .unwrap()
        .unwrap();
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    // Silent on first load.
    assert_eq!(text(&region).trim(), "");
    let summary = |id: &str| text(&host.query_selector(id).unwrap().unwrap());
    let map_before = summary("#map-summary");

    let i = STORY.step_index("bu-attni").unwrap();
    active.set(i);
    state.set(StepState {
        index: i,
        progress: 0.0,
    });
    leptos::task::tick().await;
    assert_eq!(text(&region), announcement(&STORY, i));
    let map_now = summary("#map-summary");
    assert_ne!(map_now, map_before);
    assert!(map_now.contains("overrun by"), "{map_now}");
    assert!(summary("#chart-summary").contains("Benghazi’s Special Forces"));
}
