//! The views and the player in a real browser (headless Chromium via wasm-bindgen-test-runner):
//! the story is compiled and its page rendered to HTML here, in the browser, by the same
//! components as the pre-render; the player then writes frames into it.
//!
//! The contract between the two halves: at every step, the page the player writes (from the
//! first step's pre-render) is the page the views render for that step. And the page plays: the
//! reader's scrolling, keys and rail move the panel, the live region announces, print maps come.
#![cfg(all(target_arch = "wasm32", feature = "render"))]

use benghazi_explainer::dom::{all, MapDom, StepDom};
use benghazi_explainer::paint::{MapPaint, StepPaint};
use benghazi_explainer::views::App;
use leptos::prelude::*;
use std::sync::OnceLock;
use story_compiler::{compile, Compiled, DataFiles};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, Node};

wasm_bindgen_test_configure!(run_in_browser);

/// The bundled story, compiled in the browser once.
fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let files = DataFiles {
            story: include_str!("../stories/benghazi-2014/story.toml").into(),
            places: include_str!("../stories/benghazi-2014/places.toml").into(),
            speakers: include_str!("../stories/benghazi-2014/speakers.toml").into(),
            sources: include_str!("../stories/benghazi-2014/sources.toml").into(),
            factions: include_str!("../stories/benghazi-2014/factions.toml").into(),
            control: include_str!("../stories/benghazi-2014/control.toml").into(),
            events: include_str!("../stories/benghazi-2014/events.toml").into(),
            notes: include_str!("../stories/benghazi-2014/notes.toml").into(),
            land: include_str!("../stories/benghazi-2014/geo/land.toml").into(),
            locator: include_str!("../stories/benghazi-2014/geo/locator.toml").into(),
            article: Some((
                "meed-2014-08.txt".into(),
                include_str!("../stories/benghazi-2014/meed-2014-08.txt").into(),
            )),
        };
        compile(&files).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The explainer rendered at step `index`, in a fresh element of the document.
fn rendered(index: usize) -> Element {
    let compiled = compiled();
    let owner = Owner::new_root(None);
    let html = owner.with(|| view! { <App compiled=compiled index=index /> }.to_html());
    owner.unset();
    let document = document();
    let host = document.create_element("div").unwrap();
    host.set_inner_html(&html);
    document.body().unwrap().append_child(&host).unwrap();
    host.query_selector(".explainer").unwrap().unwrap()
}

/// A node as a canonical string: attributes sorted, comments and the CSSOM's `style` (which no
/// pre-rendered element has) left out.
fn canonical(node: &Node) -> String {
    match node.node_type() {
        Node::TEXT_NODE => node.text_content().unwrap_or_default(),
        Node::ELEMENT_NODE => {
            let el: &Element = node.unchecked_ref();
            let names = el.get_attribute_names();
            let mut attrs: Vec<String> = (0..names.length())
                .filter_map(|i| names.get(i).as_string())
                .filter(|n| n != "style")
                .map(|n| format!("{n}=\"{}\"", el.get_attribute(&n).unwrap_or_default()))
                .collect();
            attrs.sort();
            let children = el.child_nodes();
            let inner: String = (0..children.length())
                .filter_map(|i| children.item(i))
                .map(|c| canonical(&c))
                .collect();
            format!(
                "<{} {}>{inner}</{}>",
                el.local_name(),
                attrs.join(" "),
                el.local_name()
            )
        }
        _ => String::new(),
    }
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn at_every_step_the_page_the_player_writes_is_the_page_the_views_render() {
    let script = &compiled().script;
    let page = rendered(0);
    let steps = all(&page, "[data-step]");
    let map = MapDom::bind(&page.query_selector("[data-testid=map]").unwrap().unwrap());
    let parts = StepDom::bind(&page, &steps);
    let mut was = (
        MapPaint::of(script, &script.frames[0].map, 0.0),
        StepPaint::of(script, 0),
    );
    // Forward through every step, then back to the first: each write starts from the last.
    let order: Vec<usize> = (1..script.frames.len()).chain([3, 0]).collect();
    for i in order {
        let now = (
            MapPaint::of(script, &script.frames[i].map, 0.0),
            StepPaint::of(script, i),
        );
        map.write(&now.0, Some(&was.0));
        map.write_words(&now.1, Some(&was.1));
        parts.write(&now.1, Some(&was.1));
        was = now;
        let expected = rendered(i);
        for part in ["[data-testid=panel]", ".steps"] {
            let played = canonical(&page.query_selector(part).unwrap().unwrap());
            let drawn = canonical(&expected.query_selector(part).unwrap().unwrap());
            if played != drawn {
                let (p, d): (Vec<char>, Vec<char>) =
                    (played.chars().collect(), drawn.chars().collect());
                let at = p.iter().zip(&d).take_while(|(a, b)| a == b).count();
                let around = |s: &[char]| -> String {
                    s[at.saturating_sub(300)..(at + 200).min(s.len())]
                        .iter()
                        .collect()
                };
                panic!(
                    "step {i}: {part} differs from the views' rendering:\nplayed: …{}…\ndrawn:  …{}…",
                    around(&p),
                    around(&d)
                );
            }
        }
        expected.parent_element().unwrap().remove();
    }
    page.parent_element().unwrap().remove();
}

#[wasm_bindgen_test]
fn the_views_render_every_step_and_the_first_steps_panel() {
    let compiled = compiled();
    let page = rendered(0);
    let steps = all(&page, "[data-testid=step]");
    assert_eq!(steps.len(), compiled.story.steps.len());
    for (el, step) in steps.iter().zip(compiled.story.steps.iter()) {
        assert_eq!(
            el.get_attribute("data-step").as_deref(),
            Some(step.id.as_str())
        );
        assert!(el.text_content().unwrap().contains(&step.title));
    }
    assert_eq!(
        all(&page, "[data-testid=marker]").len(),
        compiled.script.markers.len()
    );
    assert_eq!(all(&page, ".locator-city").len(), 3);
    assert!(text(&page, "[data-testid=key]").contains("Shipna"));
    // Both drawings of the chart carry every relation; those not told yet are hidden.
    let relations = all(&page, ".wide [data-testid=relation]");
    assert_eq!(relations.len(), compiled.story.relations.len());
    let shown = compiled.script.frames[0]
        .chart
        .relations
        .iter()
        .filter(|r| r.shown)
        .count();
    let visible = relations
        .iter()
        .filter(|r| r.get_attribute("display").is_none())
        .count();
    assert_eq!(visible, shown);
    page.parent_element().unwrap().remove();
}

/// Resolves at the next animation frame.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits, a frame at a time (at most 600), until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..600 {
        if done() {
            return;
        }
        next_frame().await;
    }
    panic!("waited in vain for {what}");
}

/// Scrolls so that step `index`'s top is just above the trigger line (60% down).
fn scroll_to_step(page: &Element, index: usize) {
    let step = &all(page, "[data-step]")[index];
    let top = step.get_bounding_client_rect().top() + window().scroll_y().unwrap();
    let y = top - window().inner_height().unwrap().as_f64().unwrap() * 0.6 + 20.0;
    window().scroll_to_with_x_and_y(0.0, y);
}

#[wasm_bindgen_test]
async fn the_page_plays_as_the_reader_scrolls_keys_clicks_and_prints() {
    let script = &compiled().script;
    // As the stylesheet lays the page out, in short: every step as tall as the window, and the
    // panel held in view beside them, out of their flow.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(
        ".step{min-height:100vh} .panel{position:fixed;top:0;right:0;width:40%;height:30vh;overflow:hidden}",
    ));
    document().head().unwrap().append_child(&style).unwrap();
    let page = rendered(0);
    benghazi_explainer::page::start(page.clone(), script);
    let panel = page.query_selector("[data-testid=panel]").unwrap().unwrap();
    let at = |i: usize| {
        let panel = panel.clone();
        move || panel.get_attribute("data-step-id").as_deref() == Some(&*script.frames[i].step)
    };
    let announcer = page
        .query_selector("[data-testid=announcer]")
        .unwrap()
        .unwrap();
    let hash = window().location().hash().unwrap();
    assert_eq!(
        announcer.text_content().unwrap_or_default(),
        "",
        "silent at first"
    );

    scroll_to_step(&page, 4);
    until("the panel at step 5", at(4)).await;
    assert_eq!(text(&panel, "[data-testid=panel-index]"), "5");
    assert_eq!(
        text(&panel, "[data-testid=panel-when]"),
        script.frames[4].when
    );
    assert_eq!(
        announcer.text_content().unwrap(),
        script.frames[4].announcement
    );
    // The map eases there, then settles on the step's camera.
    let settled = || {
        panel
            .query_selector("[data-testid=map][data-settled=true]")
            .unwrap()
            .is_some()
    };
    until("the map to settle", settled).await;
    let k = format!("{:.4}", script.frames[4].map.camera.k);
    assert_eq!(
        panel
            .query_selector("[data-testid=camera]")
            .unwrap()
            .unwrap()
            .get_attribute("data-k"),
        Some(k)
    );
    // The step card is marked, and the URL names the step.
    assert_eq!(
        all(&page, "[data-step].active")
            .iter()
            .map(|s| s.get_attribute("data-step").unwrap())
            .collect::<Vec<_>>(),
        [script.frames[4].step.to_string()]
    );
    // The test runner's page has a fragment of its own, which names no element of the
    // explainer: as a host page's, it stays.
    assert_eq!(window().location().hash().unwrap(), hash);

    // A key moves to the next step and gives it the focus.
    let key = web_sys::KeyboardEventInit::new();
    key.set_key("j");
    key.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &key).unwrap();
    window().dispatch_event(&event).unwrap();
    until("the panel at step 6", at(5)).await;
    let focused = document()
        .active_element()
        .and_then(|e| e.get_attribute("data-step"));
    assert_eq!(focused.as_deref(), Some(&*script.frames[5].step));

    // A rail mark goes to its step.
    let marks = all(&panel, "[data-testid=rail-step]");
    marks[9].unchecked_ref::<HtmlElement>().click();
    until("the panel at step 10", at(9)).await;
    assert_eq!(
        marks[9].get_attribute("aria-current").as_deref(),
        Some("step")
    );
    assert_eq!(all(&panel, "[data-testid=rail-step].done").len(), 9);

    // Printing gives every step a static map of its own state, and takes them away after.
    window()
        .dispatch_event(&web_sys::Event::new("beforeprint").unwrap())
        .unwrap();
    let prints = all(&page, "[data-testid=print-graphic] [data-testid=camera]");
    assert_eq!(prints.len(), script.frames.len());
    for (print, frame) in prints.iter().zip(script.frames.iter()) {
        assert_eq!(
            print.get_attribute("data-k"),
            Some(format!("{:.4}", frame.map.camera.k))
        );
    }
    window()
        .dispatch_event(&web_sys::Event::new("afterprint").unwrap())
        .unwrap();
    assert!(all(&page, "[data-testid=print-graphic]").is_empty());

    // The map/chart switch of phones.
    let chart = panel
        .query_selector("[data-testid=show-chart]")
        .unwrap()
        .unwrap();
    chart.unchecked_ref::<HtmlElement>().click();
    assert_eq!(chart.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(panel
        .query_selector(".graphics.chart-first")
        .unwrap()
        .is_some());
}
