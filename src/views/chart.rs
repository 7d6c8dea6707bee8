//! The faction chart at a step, as SVG in each layout (the stylesheet shows the one that suits
//! the chart's width), the bases per side as bars, and both as tables for screen readers. Every relation is
//! drawn at every step, hidden where the story has not told it yet.

use crate::num::fixed;
use crate::paint::StepPaint;
use leptos::prelude::*;
use story_compiler::chart::{Layout, SIDE_BAR};
use story_compiler::vocabulary::{counted_sides, relation_directed, relation_label, side_colour};
use story_compiler::{ChartLayout, Compiled};

/// The chart as `paint` shows it.
#[component]
pub fn FactionChart(compiled: &'static Compiled, paint: StepPaint) -> impl IntoView {
    view! {
        <figure class="chart" data-testid="chart">
            <p class="visually-hidden" id="chart-summary" data-testid="chart-summary">{paint.chart_summary.clone()}</p>
            // The factions are focusable and labelled; the lines are left to the tables below.
            // (A group of its own around the drawings: HTML gives an svg no role "group".)
            <div class="chart-network" role="group" aria-label="The parties to the fighting" aria-describedby="chart-summary">
                {compiled.charts.iter().map(|chart| view! { <ChartSvg compiled=compiled chart=chart paint=paint.clone() /> }).collect_view()}
            </div>
            <BaseBars compiled=compiled paint=paint.clone() />
            <ChartTables compiled=compiled paint=paint.clone() />
            // Last: a figure's caption is its first or its last child.
            <figcaption class="chart-caption">
                "Relations as told so far; highlighted, the parties this step speaks of. Bars: bases held, as reported, and claimed (dashed outline)."
            </figcaption>
        </figure>
    }
}

/// The network of factions and relations in one layout.
#[component]
fn ChartSvg(
    compiled: &'static Compiled,
    chart: &'static ChartLayout,
    paint: StepPaint,
) -> impl IntoView {
    let story = &compiled.story;
    let g = &chart.geometry;
    // Each drawing has its own arrowhead: ids are unique in the page.
    let name = match chart.layout {
        Layout::Wide => "wide",
        Layout::Medium => "medium",
        Layout::Narrow => "narrow",
    };
    let (class, arrow_id) = (format!("chart-svg {name}"), format!("rel-arrow-{name}"));
    let arrow_url = format!("url(#{arrow_id})");
    let point = |(x, y): (f64, f64)| format!("{},{}", fixed(x, 1), fixed(y, 1));
    let edges = story
        .relations
        .iter()
        .zip(&chart.links)
        .zip(&paint.relations)
        .map(|((rel, link), (class, shown))| {
            let d = format!(
                "M{}Q{} {}",
                point(link.start),
                point(link.control),
                point(link.end)
            );
            view! {
                <g class=class.clone() data-testid="relation" data-kind=relation_label(rel.kind) display=(!shown).then_some("none")>
                    <path
                        d=d
                        marker-end=relation_directed(rel.kind).then(|| arrow_url.clone())
                        pathLength="100"
                    />
                </g>
            }
        })
        .collect_view();
    // The labels over every line: one that has to sit on another line reads on its halo. Each
    // in a group that shows and is lit as its line's.
    let labels = story
        .relations
        .iter()
        .zip(&chart.links)
        .zip(&paint.relations)
        .map(|((rel, link), (class, shown))| {
            let (lx, ly) = link.label;
            view! {
                <g class=class.clone() data-testid="relation-label" data-kind=relation_label(rel.kind) display=(!shown).then_some("none")>
                    <text class="rel-label" x=fixed(lx, 1).to_string() y=fixed(ly, 1).to_string() text-anchor="middle" font-size=fixed(g.label_px, 1).to_string()>
                        {relation_label(rel.kind)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let nodes = story
        .factions
        .iter()
        .zip(&paint.factions)
        .enumerate()
        .map(|(i, (f, &(class, lit)))| {
            let (x, y) = g.positions[i];
            let (w, h) = (g.node_widths[i], g.node_heights[i]);
            let about = format!("{}: {}", f.name, f.description);
            // A name of two lines is a tspan a line, each placed on its own.
            let spots = g.name_spots(i);
            let (tx, ty) = spots[0];
            let name = if g.names[i].len() == 1 {
                view! { {g.names[i][0].clone()} }.into_any()
            } else {
                g.names[i]
                    .iter()
                    .zip(spots)
                    .map(|(line, (lx, ly))| {
                        view! { <tspan x=fixed(lx, 1).to_string() y=fixed(ly, 1).to_string()>{line.clone()}</tspan> }
                    })
                    .collect_view()
                    .into_any()
            };
            let colour = crate::paint::css(side_colour(compiled.story.side_of(f)));
            view! {
                <g
                    class=class
                    data-testid="faction"
                    data-faction=f.id.as_str()
                    data-lit=lit.to_string()
                    transform=format!("translate({} {})", fixed(x - w / 2.0, 1), fixed(y - h / 2.0, 1))
                    tabindex="0"
                    role="img"
                    aria-label=about.clone()
                >
                    <title>{about.clone()}</title>
                    <rect class="faction-box" width=fixed(w, 1).to_string() height=fixed(h, 1).to_string() rx="3" />
                    <rect class="faction-side" width=fixed(SIDE_BAR, 1).to_string() height=fixed(h, 1).to_string() rx="2" fill=colour />
                    <text x=fixed(tx, 1).to_string() y=fixed(ty, 1).to_string() text-anchor="middle" font-size=fixed(g.font_px, 1).to_string()>{name}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class=class viewBox=format!("0 0 {} {}", fixed(g.width, 1), fixed(g.height, 1))>
            <defs>
                <marker id=arrow_id viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M0,0L10,5L0,10Z" class="rel-arrowhead" />
                </marker>
            </defs>
            <g class="relations" aria-hidden="true">{edges}</g>
            <g class="relation-labels" aria-hidden="true">{labels}</g>
            <g class="factions">{nodes}</g>
        </svg>
    }
}

/// The bases per side: solid for those held, outlined in dashes for those only claimed. Lengths
/// are SVG lengths, not style attributes: a strict Content-Security-Policy refuses those.
#[component]
fn BaseBars(compiled: &'static Compiled, paint: StepPaint) -> impl IntoView {
    let story = &compiled.story;
    let rows = counted_sides(story)
        .into_iter()
        .zip(paint.bars)
        .map(|(side, bar)| {
            let side = &story.sides[side];
            let name = side.name.as_str();
            let colour = crate::paint::css(side_colour(side));
            view! {
                <li class="bar-row" data-testid="base-count" data-side=name>
                    <span class="bar-name">{name}</span>
                    <svg class="bar-track">
                        <rect class="bar held" height="100%" width=bar.held_width fill=colour.clone() />
                        <rect class=bar.claimed_class x=bar.claimed_x height="100%" width=bar.claimed_width stroke=colour />
                    </svg>
                    <span class="bar-value">
                        <span data-testid="held">{bar.held}</span>" held"
                        <span data-testid="claims" hidden=!bar.claims>", "<span data-testid="claimed">{bar.claimed}</span>" claimed"</span>
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="base-bars" aria-hidden="true">{rows}</ul> }
}

/// The chart's content as tables, for screen readers (visually hidden).
#[component]
fn ChartTables(compiled: &'static Compiled, paint: StepPaint) -> impl IntoView {
    let story = &compiled.story;
    let name = |id: &str| {
        story
            .faction(id)
            .map(|f| f.name.clone())
            .unwrap_or_default()
    };
    let relations = story
        .relations
        .iter()
        .zip(&paint.relations)
        .map(|(rel, &(_, shown))| {
            view! {
                <tr hidden=!shown>
                    <td>{name(&rel.from)}</td>
                    <td>{relation_label(rel.kind)}</td>
                    <td>{name(&rel.to)}</td>
                    <td>{rel.summary.as_str()}</td>
                </tr>
            }
        })
        .collect_view();
    let counts = counted_sides(story)
        .into_iter()
        .zip(&paint.bars)
        .map(|(side, bar)| {
            view! {
                <tr><td>{story.sides[side].name.as_str()}</td><td data-testid="count-held">{bar.held.clone()}</td><td data-testid="count-claimed">{bar.claimed.clone()}</td></tr>
            }
        })
        .collect_view();
    view! {
        <div class="visually-hidden" data-testid="chart-tables">
            <table>
                <caption>"Relations between the parties, as of this step"</caption>
                <thead><tr><th scope="col">"Party"</th><th scope="col">"Relation"</th><th scope="col">"To"</th><th scope="col">"What the source says"</th></tr></thead>
                <tbody data-testid="relation-rows">{relations}</tbody>
            </table>
            <table>
                <caption>"Bases per side, as of this step"</caption>
                <thead><tr><th scope="col">"Side"</th><th scope="col">"Held, as reported"</th><th scope="col">"Claimed, unconfirmed"</th></tr></thead>
                <tbody data-testid="count-rows">{counts}</tbody>
            </table>
        </div>
    }
}
