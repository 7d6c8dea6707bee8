//! The page as HTML, rendered at build time (leptos `ssr`): the masthead, the steps beside their
//! sticky panel, the live region and the end matter, with the panel as it stands at a step.
//!
//! Every value that changes with the step comes from [`crate::paint`], the same values the
//! player writes into the live page, so a pre-rendered step and a played one are the same DOM.
//! The attributes `data-step` (a step) and `data-testid` (the parts the player and the tests
//! find) are the page's hooks.

mod chart;
mod map;

use crate::paint::{StepMarks, StepPaint};
use leptos::either::Either;
use leptos::prelude::*;
use story_compiler::model::{Block, Step};
use story_compiler::Compiled;

pub use chart::FactionChart;
pub use map::ControlMap;

/// The whole explainer, at step `index` (the page is pre-rendered at the first).
#[component]
pub fn App(compiled: &'static Compiled, #[prop(default = 0)] index: usize) -> impl IntoView {
    let paint = StepPaint::of(&compiled.script, index);
    view! {
        <div class="explainer">
            <Masthead compiled=compiled />
            <main class="scrolly">
                <Announcer />
                <Panel compiled=compiled index=index paint=paint.clone() />
                <StepList compiled=compiled paint=paint />
            </main>
            <EndMatter compiled=compiled />
        </div>
    }
}

/// A polite live region that announces the step the reader arrives at; silent until then.
#[component]
pub fn Announcer() -> impl IntoView {
    view! {
        <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer"></p>
    }
}

/// Headline, standfirst and credit.
#[component]
fn Masthead(compiled: &'static Compiled) -> impl IntoView {
    let meta = &compiled.story.meta;
    view! {
        <header class="masthead">
            <p class="kicker">{meta.kicker.as_str()}</p>
            <h1>{meta.headline.as_str()}</h1>
            <p class="standfirst">{meta.standfirst.as_str()}</p>
            <p class="credit" data-testid="credit">{meta.credit.as_str()}</p>
        </header>
    }
}

/// The steps of the story, in order, marked as `paint` says.
#[component]
fn StepList(compiled: &'static Compiled, paint: StepPaint) -> impl IntoView {
    let steps = compiled.story.steps.iter().enumerate().map(|(i, step)| {
        view! { <StepCard compiled=compiled step=step index=i marks=paint.cards[i] /> }
    });
    view! { <ol class="steps">{steps.collect_view()}</ol> }
}

/// One step: its time, its title and its text and quotes. The card stays the step's first child:
/// the player marks the reader's step on it.
#[component]
fn StepCard(
    compiled: &'static Compiled,
    step: &'static Step,
    index: usize,
    marks: StepMarks,
) -> impl IntoView {
    let story = &compiled.story;
    let body = step.body.iter().map(|block| match block {
        Block::Prose(text) | Block::Desk { text, .. } => {
            Either::Left(view! { <p>{text.as_str()}</p> })
        }
        Block::Quote { text, speaker } => {
            let speaker = story.speaker(speaker);
            let name = speaker.map(|s| s.name.as_str()).unwrap_or_default();
            let role = speaker.map(|s| s.role.as_str()).unwrap_or_default();
            Either::Right(view! {
                <figure class="quote" data-testid="quote">
                    <blockquote><p>"“"{text.as_str()}"”"</p></blockquote>
                    <figcaption>"— "<cite>{name}</cite>", "{role}</figcaption>
                </figure>
            })
        }
    });
    let notes = story.notes_for_step(index);
    let notes = (!notes.is_empty()).then(|| {
        let links = notes.into_iter().enumerate().map(|(i, note)| {
            view! {
                {(i > 0).then_some("; ")}
                <a href=format!("#note-{}", note.id)>{note.title.as_str()}</a>
            }
        });
        view! {
            <p class="step-notes" data-testid="step-notes">
                <span class="step-notes-label">"Uncertain: "</span>
                {links.collect_view()}
            </p>
        }
    });
    // Where the step's facts come from, by the sources' short names, each linked to its full
    // entry: a fact from elsewhere than the primary source is credited where it appears.
    let cited = step
        .sources
        .iter()
        .filter_map(|id| story.source(id))
        .enumerate()
        .map(|(i, s)| {
            view! {
                {(i > 0).then_some(", ")}
                <a href=format!("#source-{}", s.id)>{s.short_name()}</a>
            }
        })
        .collect_view();
    view! {
        <li
            class=marks.class()
            id=format!("step-{}", step.id)
            // Focusable from script: the keyboard and the rail move focus to the step.
            tabindex="-1"
            data-step=step.id.as_str()
            data-testid="step"
            data-active=marks.data_active()
        >
            <article class="card" aria-current=marks.current()>
                {(!step.time_label().is_empty()).then(|| view! { <p class="when">{step.time_label()}</p> })}
                <h2>{step.title.as_str()}</h2>
                {body.collect_view()}
                {notes}
                <p class="step-sources" data-testid="step-sources">
                    <span class="step-notes-label">"Sources: "</span>
                    {cited}
                </p>
            </article>
        </li>
    }
}

/// The sticky graphic panel at step `index` (whose step-level paint is `paint`): where and when
/// it happens, the step rail, the map and the chart.
#[component]
pub fn Panel(compiled: &'static Compiled, index: usize, paint: StepPaint) -> impl IntoView {
    let total = compiled.story.steps.len();
    let rail = compiled
        .story
        .steps
        .iter()
        .zip(&paint.rail)
        .enumerate()
        .map(|(i, (step, &(class, current)))| {
            let label = format!(
                "Step {} of {total}: {}, {}",
                i + 1,
                step.title,
                step.time_label()
            );
            view! {
                <li>
                    // Plain links: they work before the wasm has loaded.
                    <a
                        href=format!("#step-{}", step.id)
                        aria-label=label
                        title=step.title.as_str()
                        aria-current=current
                        class=class
                        data-testid="rail-step"
                    >
                        <span class="rail-mark"></span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section
            class="panel"
            aria-label="Map and chart of the active step"
            data-testid="panel"
            data-step-id=paint.step.clone()
        >
            <div class="panel-inner">
                <div class="panel-head">
                    <p class="panel-count">
                        "Step " <span data-testid="panel-index">{paint.number.clone()}</span>
                        " of " {total}
                    </p>
                    <p class="panel-when" data-testid="panel-when">{paint.when.clone()}</p>
                    <p class="panel-place" data-testid="panel-place">{paint.place.clone()}</p>
                </div>
                <nav class="rail" aria-label="Steps of the story" data-testid="rail">
                    <ol>{rail}</ol>
                </nav>
                // On phones only one graphic fits: the reader switches between them without
                // scrolling (the stylesheet shows both where there is room).
                <div class="panel-tabs" role="group" aria-label="Graphic">
                    <button type="button" data-testid="show-map" aria-pressed="true">"Map"</button>
                    <button type="button" data-testid="show-chart" aria-pressed="false">"Who’s who"</button>
                </div>
                <div class="graphics" data-testid="graphics">
                    <ControlMap compiled=compiled index=index words=paint.clone() />
                    <FactionChart compiled=compiled paint=paint.clone() />
                </div>
            </div>
        </section>
    }
}

/// How the page was made: what is the primary source's, what is the desk's, what each other
/// source gave, and the corrections since publication, dated.
#[component]
fn MadeHow(compiled: &'static Compiled) -> impl IntoView {
    let story = &compiled.story;
    let primary = story.source(&story.meta.source);
    let primary_name = primary.map_or("", |s| s.short_name());
    let others = story
        .sources
        .iter()
        .filter(|s| s.id != story.meta.source)
        .map(|s| {
            view! {
                <li>
                    <a href=format!("#source-{}", s.id)>{s.short_name()}</a>
                    ": "{s.used_for.as_deref().unwrap_or(s.title.as_str())}
                </li>
            }
        })
        .collect_view();
    let corrections = story
        .corrections
        .iter()
        .map(|c| view! { <li><time datetime=c.date.to_string()>{c.date.long()}</time>": "{c.text.as_str()}</li> })
        .collect_view();
    let none = story
        .corrections
        .is_empty()
        .then(|| view! { <p>"None since publication."</p> });
    view! {
        <section class="made-how" data-testid="made-how" aria-labelledby="made-how">
            <h2 id="made-how">"How this page was made"</h2>
            <p>
                "The text and the quotes of every step are "{primary_name}"’s, as published; a \
                 misspelling in it is kept and marked [sic]. The headline, the standfirst, the \
                 step titles, the notes on what is uncertain, the map and the chart are the \
                 desk’s, from that text and the sources below. "
                {story.meta.credit.as_str()}
            </p>
            <p>"Other sources, and what each gave:"</p>
            <ul>{others}</ul>
            <h3>"Corrections"</h3>
            {none}
            <ul class="corrections" data-testid="corrections">{corrections}</ul>
        </section>
    }
}

/// Sources and notes after the story: where every fact comes from, and what is uncertain.
#[component]
fn EndMatter(compiled: &'static Compiled) -> impl IntoView {
    let story = &compiled.story;
    let primary = story
        .source(&story.meta.source)
        .map_or("", |s| s.short_name());
    let sources = story.sources.iter().map(|s| {
        let url = s.url.as_deref().map(|url| {
            view! { " " <a href=url rel="noopener noreferrer">{url}</a> }
        });
        view! {
            <li id=format!("source-{}", s.id) data-testid="source">
                <cite>{s.title.as_str()}</cite>", "{s.outlet.as_str()}", "{s.date_label()}"."
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
                <strong>{n.title.as_str()}</strong>" "{n.text.as_str()}
                <span class="cited">" (Sources: "{cited.collect_view()}")"</span>
            </li>
        }
    });
    view! {
        <footer class="end-matter">
            <h2>"Sources and notes"</h2>
            <h3>"What is uncertain"</h3>
            <ul class="notes">{notes.collect_view()}</ul>
            <h3 id="map-data">"Map data"</h3>
            <p class="map-data">
                {compiled.geometry.credits.as_str()}". "
                {compiled.geometry.odbl.then(|| view! {
                    "The OpenStreetMap extract is available under the "
                    <a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="noopener noreferrer">"Open Database License"</a>
                    "; see "<a href="https://www.openstreetmap.org/copyright" rel="noopener noreferrer">"openstreetmap.org/copyright"</a>". "
                })}
                "Positions of places: see the notes above."
            </p>
            <h3>"Sources"</h3>
            <p>"The report by "{primary}" is the primary source: the steps above are its text. Facts from elsewhere cite their source."</p>
            <ul class="sources">{sources.collect_view()}</ul>
            <MadeHow compiled=compiled />
        </footer>
    }
}
