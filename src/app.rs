//! The page: masthead, the scroll steps beside their sticky panel (the page's `<main>`), a live
//! region announcing step changes, and the end matter.
//!
//! Views only read: the story is a static value and the step state is one signal, from which
//! everything shown is derived. The attributes `data-step` and `data-scroll-watch` are what
//! [`crate::scroll::observer`] measures (`STEP_ATTR`, `WATCH_ATTR`).
//!
//! Only [`Interactive`] (the live region and the panel) follows the reader. The rest is text that
//! never changes: pre-rendered, it stays as it is, and the wasm neither hydrates it nor carries
//! it (see `src/main.rs`); the step cards' marks of the reader's step are kept by an effect.

use crate::chart::view::FactionChart;
use crate::embed::child::{use_host, Host};
use crate::map::view::ControlMap;
use crate::print::use_print_maps;
use crate::rail::StepRail;
use crate::scroll::observer::{step_elements, use_step_state, StepNav};
use crate::story::{Story, STORY};
#[cfg(story_text)]
use crate::{
    scroll::StepState,
    story::{Block, Step},
};
use leptos::prelude::*;

/// The whole explainer.
#[cfg(story_text)] // the page's wasm has neither these views nor their text
#[component]
pub fn App() -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    view! {
        <div class="explainer" node_ref=root>
            <Masthead story=&STORY />
            <main class="scrolly" data-scroll-watch="">
                <Interactive root=root />
                <StepList story=&STORY active=StepState::default().index />
            </main>
            <EndMatter story=&STORY />
        </div>
    }
}

/// What follows the reader: the step state, the live region and the panel (the first children
/// of `<main>`, which is where the wasm hydrates them), the marks of the reader's step on the
/// step cards and, in print, a map for every step. `root` is the explainer's element.
#[component]
pub fn Interactive(root: NodeRef<leptos::html::Div>) -> impl IntoView {
    let host = use_host();
    let nav = use_step_state(root, host);
    let active = Memo::new(move |_| nav.state.get().index);
    // The cards are not hydrated: their marks follow the reader through the DOM.
    Effect::new(move |_| {
        let index = active.get();
        let Some(root) = root.get() else { return };
        for (i, step) in step_elements(&root).iter().enumerate() {
            let marks = StepMarks::of(i, index);
            let _ = step.class_list().toggle_with_force("active", marks.active);
            let _ = step.set_attribute("data-active", marks.data_active());
            if let Some(card) = step.first_element_child() {
                let _ = match marks.current() {
                    Some(value) => card.set_attribute("aria-current", value),
                    None => card.remove_attribute("aria-current"),
                };
            }
        }
    });
    use_print_maps(&STORY, root);
    view! {
        <StepAnnouncer story=&STORY active=active.into() />
        <Panel story=&STORY nav=nav host=host />
    }
}

/// How a step card shows whether it is the reader's step: the same in the pre-rendered page
/// and, as the reader moves, in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepMarks {
    pub active: bool,
}

impl StepMarks {
    /// The marks of step `index` while step `active` is the reader's.
    pub fn of(index: usize, active: usize) -> StepMarks {
        StepMarks {
            active: index == active,
        }
    }

    /// `data-active`, for the tests.
    pub fn data_active(self) -> &'static str {
        if self.active {
            "true"
        } else {
            "false"
        }
    }

    /// The card's `aria-current`.
    pub fn current(self) -> Option<&'static str> {
        self.active.then_some("step")
    }
}

/// What a screen reader hears when the active step changes: its number, title and time.
pub fn announcement(story: &Story, index: usize) -> String {
    let Some(step) = story.steps.get(index) else {
        return String::new();
    };
    format!(
        "Step {} of {}: {}. {}.",
        index + 1,
        story.steps.len(),
        step.title,
        step.time_label()
    )
}

/// A polite live region that announces the active step when it changes; silent on first
/// load (empty in the pre-rendered page and until the reader moves).
#[component]
pub fn StepAnnouncer(story: &'static Story, active: Signal<usize>) -> impl IntoView {
    let said = RwSignal::new(String::new());
    Effect::new(move |previous: Option<usize>| {
        let index = active.get();
        if previous.is_some_and(|p| p != index) {
            said.set(announcement(story, index));
        }
        index
    });
    view! {
        <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
            {move || said.get()}
        </p>
    }
}

/// Headline, standfirst and credit.
#[cfg(story_text)] // the page's wasm has neither these views nor their text
#[component]
pub fn Masthead(story: &'static Story) -> impl IntoView {
    let meta = &story.meta;
    view! {
        <header class="masthead" data-scroll-watch="">
            <p class="kicker">"Libya · Benghazi · Summer 2014"</p>
            <h1>{meta.headline.as_ref()}</h1>
            <p class="standfirst">{meta.standfirst.as_ref()}</p>
            <p class="credit" data-testid="credit">{meta.credit.as_ref()}</p>
        </header>
    }
}

/// The steps of the story, in order, with step `active` marked as the reader's (as the page
/// opens; [`Interactive`] keeps the marks after that).
#[cfg(story_text)] // the page's wasm has neither these views nor their text
#[component]
pub fn StepList(story: &'static Story, active: usize) -> impl IntoView {
    let steps = story.steps.iter().enumerate().map(|(i, step)| {
        view! { <StepCard story=story step=step index=i marks=StepMarks::of(i, active) /> }
    });
    view! { <ol class="steps">{steps.collect_view()}</ol> }
}

/// One step: its time, its title and its text and quotes.
#[cfg(story_text)] // the page's wasm has neither these views nor their text
#[component]
fn StepCard(
    story: &'static Story,
    step: &'static Step,
    index: usize,
    marks: StepMarks,
) -> impl IntoView {
    let body = step.body.iter().map(|block| match block {
        Block::Prose(text) => view! { <p>{text.as_ref()}</p> }.into_any(),
        Block::Quote { text, speaker } => {
            let speaker = story.speaker(speaker);
            let name = speaker.map(|s| s.name.as_ref()).unwrap_or_default();
            let role = speaker.map(|s| s.role.as_ref()).unwrap_or_default();
            view! {
                <figure class="quote" data-testid="quote">
                    <blockquote><p>"“"{text.as_ref()}"”"</p></blockquote>
                    <figcaption>"— "<cite>{name}</cite>", "{role}</figcaption>
                </figure>
            }
            .into_any()
        }
    });
    let notes = story.notes_for_step(index);
    let notes = (!notes.is_empty()).then(|| {
        let links = notes.into_iter().enumerate().map(|(i, note)| {
            view! {
                {(i > 0).then_some("; ")}
                <a href=format!("#note-{}", note.id)>{note.title.as_ref()}</a>
            }
        });
        view! {
            <p class="step-notes" data-testid="step-notes">
                <span class="step-notes-label">"Uncertain: "</span>
                {links.collect_view()}
            </p>
        }
    });
    // The card must stay the step's first child: the marks are set on it (see `Interactive`).
    view! {
        <li
            class="step"
            class:active=marks.active
            id=format!("step-{}", step.id)
            // Focusable from script: the keyboard and the rail move focus to the step.
            tabindex="-1"
            data-step=step.id.as_ref()
            data-scroll-watch=""
            data-testid="step"
            data-active=marks.data_active()
        >
            <article class="card" aria-current=marks.current()>
                <p class="when">{step.time_label()}</p>
                <h2>{step.title.as_ref()}</h2>
                {body.collect_view()}
                {notes}
            </article>
        </li>
    }
}

/// The sticky graphic panel: where and when the active step happens, the step rail, the map
/// and the chart.
#[component]
pub fn Panel(
    story: &'static Story,
    nav: StepNav,
    #[prop(optional)] host: Option<Host>,
) -> impl IntoView {
    let state = nav.state;
    let aside = NodeRef::<leptos::html::Section>::new();
    // In a pym iframe nothing scrolls inside the page, so `position: sticky` cannot hold the
    // panel: it follows the parent's window instead.
    Effect::new(move |_| {
        let (Some(view), Some(aside)) = (host.and_then(Host::viewport), aside.get()) else {
            return;
        };
        crate::embed::child::pin(&aside, view);
    });
    // A memo: progress changes on every scroll frame, the step only at a crossing.
    let active = Memo::new(move |_| state.get().index.min(story.steps.len() - 1));
    let step = move || &story.steps[active.get()];
    let place = move || {
        story
            .place(&step().place)
            .map(|p| p.name.to_string())
            .unwrap_or_default()
    };
    let total = story.steps.len();
    let show_chart = RwSignal::new(false);
    view! {
        <section
            class="panel"
            node_ref=aside
            aria-label="Map and chart of the active step"
            data-testid="panel"
            data-step-id=move || step().id.to_string()
        >
            <div class="panel-inner">
                <div class="panel-head">
                    <p class="panel-count">
                        "Step " <span data-testid="panel-index">{move || active.get() + 1}</span>
                        " of " {total}
                    </p>
                    <p class="panel-when" data-testid="panel-when">{move || step().time_label()}</p>
                    <p class="panel-place" data-testid="panel-place">{place}</p>
                </div>
                <StepRail story=story nav=nav />
                // On phones only one graphic fits: the reader switches between them without
                // scrolling (the stylesheet shows both where there is room).
                <div class="panel-tabs" role="group" aria-label="Graphic">
                    <button
                        type="button"
                        data-testid="show-map"
                        aria-pressed=move || (!show_chart.get()).to_string()
                        on:click=move |_| show_chart.set(false)
                    >
                        "Map"
                    </button>
                    <button
                        type="button"
                        data-testid="show-chart"
                        aria-pressed=move || show_chart.get().to_string()
                        on:click=move |_| show_chart.set(true)
                    >
                        "Who’s who"
                    </button>
                </div>
                <div class="graphics" class:chart-first=move || show_chart.get()>
                    <ControlMap story=story state=state />
                    <FactionChart story=story state=state />
                </div>
            </div>
        </section>
    }
}

/// Sources and notes after the story: where every fact comes from, and what is uncertain.
#[cfg(story_text)] // the page's wasm has neither these views nor their text
#[component]
pub fn EndMatter(story: &'static Story) -> impl IntoView {
    let sources = story.sources.iter().map(|s| {
        let url = s.url.as_deref().map(|url| {
            view! { " " <a href=url rel="noopener noreferrer">{url}</a> }
        });
        view! {
            <li id=format!("source-{}", s.id) data-testid="source">
                <cite>{s.title.as_ref()}</cite>", "{s.outlet.as_ref()}", "{s.date_label()}"."
                {s.used_for.as_deref().map(|u| view! { " " <span class="used-for">{u}</span> })}
                {url}
            </li>
        }
    });
    let notes = story.notes.iter().map(|n| {
        let cited = n.sources.iter().filter_map(|id| story.source(id));
        let cited = cited.enumerate().map(|(i, s)| {
            view! {
                {(i > 0).then_some(", ")}
                <a href=format!("#source-{}", s.id)>{s.short_name()}</a>
            }
        });
        view! {
            <li id=format!("note-{}", n.id) data-testid="note">
                <strong>{n.title.as_ref()}</strong>" "{n.text.as_ref()}
                <span class="cited">" (Sources: "{cited.collect_view()}")"</span>
            </li>
        }
    });
    view! {
        <footer class="end-matter" data-scroll-watch="">
            <h2>"Sources and notes"</h2>
            <h3>"What is uncertain"</h3>
            <ul class="notes">{notes.collect_view()}</ul>
            <h3 id="map-data">"Map data"</h3>
            <p class="map-data">
                {crate::map::geo::CREDITS}". The OpenStreetMap extract is available under the "
                <a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="noopener noreferrer">"Open Database License"</a>
                "; see "<a href="https://www.openstreetmap.org/copyright" rel="noopener noreferrer">"openstreetmap.org/copyright"</a>
                ". Positions of places: see the notes above."
            </p>
            <h3>"Sources"</h3>
            <p>"The report by MEED is the primary source: the steps above are its text. Facts from elsewhere cite their source."</p>
            <ul class="sources">{sources.collect_view()}</ul>
        </footer>
    }
}
