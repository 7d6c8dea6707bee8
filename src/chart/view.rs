//! The faction chart as SVG, the bases per side as bars, and both as tables for screen readers.

use super::layout::{relation_class, relation_label, ChartState, Geometry, Layout};
use crate::map::scene::side_colour;
use crate::num::fixed;
use crate::scroll::StepState;
use crate::story::{RelationKind, Side, Story};
use leptos::prelude::*;

/// The chart, following the step state (the same state as the map, so the two never disagree).
#[component]
pub fn FactionChart(story: &'static Story, state: Signal<StepState>) -> impl IntoView {
    let step = Memo::new(move |_| state.get().index);
    let chart = Memo::new(move |_| ChartState::at(story, step.get()));
    let said = Memo::new(move |_| chart.with(|c| summary(story, c)));
    view! {
        <figure class="chart" data-testid="chart">
            <p class="visually-hidden" id="chart-summary" data-testid="chart-summary">{move || said.get()}</p>
            // Two drawings of the same chart; the stylesheet shows the one that fits.
            <ChartSvg story=story chart=chart layout=Layout::Wide />
            <ChartSvg story=story chart=chart layout=Layout::Narrow />
            <BaseBars story=story chart=chart />
            <figcaption class="chart-caption">
                "Relations as told so far; highlighted, the parties this step speaks of. Bars: bases held, as reported, and claimed (dashed outline)."
            </figcaption>
            <ChartTables story=story chart=chart />
        </figure>
    }
}

/// The network of factions and relations in one layout.
#[component]
fn ChartSvg(story: &'static Story, chart: Memo<ChartState>, layout: Layout) -> impl IntoView {
    let g = Geometry::of(story, layout);
    // Each drawing has its own arrowhead: ids are unique in the page.
    let arrow_id = match layout {
        Layout::Wide => "rel-arrow-wide",
        Layout::Narrow => "rel-arrow-narrow",
    };
    let arrow_url = match layout {
        Layout::Wide => "url(#rel-arrow-wide)",
        Layout::Narrow => "url(#rel-arrow-narrow)",
    };
    let faction_index = |id: &str| story.faction_index(id).expect("validated");
    let edges = story
        .relations
        .iter()
        .zip(g.links(story))
        .enumerate()
        .map(|(r, (rel, link))| {
            let (from, to) = (faction_index(&rel.from), faction_index(&rel.to));
            let directed = !matches!(rel.kind, RelationKind::Allied | RelationKind::Fighting);
            let shown = move || chart.with(|c| c.relations.contains(&r));
            let class = move || {
                chart.with(|c| {
                    format!(
                        "{}{}{}",
                        relation_class(rel.kind),
                        if c.new_relations.contains(&r) { " new" } else { "" },
                        if c.highlighted.contains(&from) || c.highlighted.contains(&to) { " lit" } else { "" }
                    )
                })
            };
            let point = |(x, y): (f64, f64)| format!("{},{}", fixed(x, 1), fixed(y, 1));
            let d = format!("M{}Q{} {}", point(link.start), point(link.control), point(link.end));
            let (lx, ly) = link.label;
            move || {
                shown().then(|| {
                    view! {
                        <g class=class data-testid="relation" data-kind=relation_label(rel.kind)>
                            <path
                                d=d.clone()
                                marker-end=directed.then_some(arrow_url)
                                pathLength="100"
                            />
                            <text class="rel-label" x=fixed(lx, 1).to_string() y=fixed(ly, 1).to_string() text-anchor="middle">
                                {relation_label(rel.kind)}
                            </text>
                        </g>
                    }
                })
            }
        })
        .collect_view();

    let nodes = story
        .factions
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (x, y) = g.positions[i];
            let w = g.node_widths[i];
            let lit = move || chart.with(|c| c.highlighted.contains(&i));
            let about = format!("{}: {}", f.name, f.description);
            let label = about.clone();
            view! {
                <g
                    class=move || if lit() { "faction lit" } else { "faction" }
                    data-testid="faction"
                    data-faction=f.id.as_ref()
                    data-lit=move || lit().to_string()
                    transform=format!("translate({} {})", fixed(x - w / 2.0, 1), fixed(y - g.node_height / 2.0, 1))
                    tabindex="0"
                    role="img"
                    aria-label=label
                >
                    <title>{about}</title>
                    <rect class="faction-box" width=fixed(w, 1).to_string() height=fixed(g.node_height, 1).to_string() rx="4" />
                    <rect class="faction-side" width="6" height=fixed(g.node_height, 1).to_string() rx="2" fill=side_colour(f.side).css() />
                    <text x=fixed(w / 2.0 + 3.0, 1).to_string() y=fixed(g.node_height / 2.0 + 5.0, 1).to_string() text-anchor="middle" font-size=fixed(g.font_px, 1).to_string()>{f.short.as_ref()}</text>
                </g>
            }
        })
        .collect_view();

    let class = match layout {
        Layout::Wide => "chart-svg wide",
        Layout::Narrow => "chart-svg narrow",
    };
    view! {
        // The factions are focusable and labelled; the lines are left to the tables below.
        <svg class=class viewBox=format!("0 0 {} {}", fixed(g.width, 1), fixed(g.height, 1)) role="group" aria-label="The parties to the fighting" aria-describedby="chart-summary">
            <defs>
                <marker id=arrow_id viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M0,0L10,5L0,10Z" class="rel-arrowhead" />
                </marker>
            </defs>
            <g class="relations" aria-hidden="true">{edges}</g>
            <g class="factions">{nodes}</g>
        </svg>
    }
}

/// The bases per side: solid for those held, outlined in dashes for those only claimed. The bars' widths
/// ease between steps (CSS), the numbers change at once.
#[component]
fn BaseBars(story: &'static Story, chart: Memo<ChartState>) -> impl IntoView {
    let total = story
        .places
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                crate::story::PlaceKind::Base | crate::story::PlaceKind::Airport
            )
        })
        .count()
        .max(1) as f64;
    let rows = super::layout::COUNTED_SIDES.map(|side| {
        let count = move || chart.with(|c| *c.counts.iter().find(|c| c.side == side).expect("every counted side"));
        // SVG lengths, not style attributes: a strict Content-Security-Policy refuses those,
        // in the pre-rendered page too.
        let pct = move |n: usize| format!("{}%", fixed(n as f64 / total * 100.0, 1));
        let name = side_name(side);
        let colour = side_colour(side).css();
        view! {
            <li class="bar-row" data-testid="base-count" data-side=name>
                <span class="bar-name">{name}</span>
                <svg class="bar-track">
                    <rect class="bar held" height="100%" width=move || pct(count().held) fill=colour.clone() />
                    <rect
                        class=move || { if count().claimed > 0 { "bar claimed" } else { "bar claimed none" } }
                        x=move || pct(count().held)
                        height="100%"
                        width=move || pct(count().claimed)
                        stroke=colour
                    />
                </svg>
                <span class="bar-value">
                    <span data-testid="held">{move || count().held}</span>" held"
                    {move || (count().claimed > 0).then(|| view! { ", " <span data-testid="claimed">{count().claimed}</span>" claimed" })}
                </span>
            </li>
        }
    });
    view! {
        <ul class="base-bars" aria-hidden="true">{rows.into_iter().collect_view()}</ul>
    }
}

/// The chart of a step in words: the parties the step speaks of and the bases per side.
pub fn summary(story: &Story, chart: &ChartState) -> String {
    let mut said =
        String::from("The chart shows who fights whom and who backs whom, as told so far.");
    let lit: Vec<&str> = chart
        .highlighted
        .iter()
        .map(|&f| story.factions[f].name.as_ref())
        .collect();
    if !lit.is_empty() {
        said.push_str(&format!(" This step speaks of: {}.", lit.join("; ")));
    }
    let held: Vec<String> = chart
        .counts
        .iter()
        .map(|c| format!("{} {}", side_name(c.side), c.held))
        .collect();
    said.push_str(&format!(" Bases held, as reported: {}.", held.join(", ")));
    let claimed: Vec<String> = chart
        .counts
        .iter()
        .filter(|c| c.claimed > 0)
        .map(|c| format!("{} {}", side_name(c.side), c.claimed))
        .collect();
    if !claimed.is_empty() {
        said.push_str(&format!(" Claimed, unconfirmed: {}.", claimed.join(", ")));
    }
    said
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Haftar => "Haftar’s side",
        Side::Islamist => "Islamists",
        Side::State => "Military",
        Side::International => "International",
        Side::Civilians => "Civilians",
        Side::Combatants => "Militias",
    }
}

/// The chart's content as tables, for screen readers (visually hidden).
#[component]
fn ChartTables(story: &'static Story, chart: Memo<ChartState>) -> impl IntoView {
    let name = |id: &str| {
        story
            .faction(id)
            .map(|f| f.name.to_string())
            .unwrap_or_default()
    };
    let relations = move || {
        chart.with(|c| {
            c.relations
                .iter()
                .map(|&r| {
                    let rel = &story.relations[r];
                    view! {
                        <tr>
                            <td>{name(&rel.from)}</td>
                            <td>{relation_label(rel.kind)}</td>
                            <td>{name(&rel.to)}</td>
                            <td>{rel.summary.as_ref()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let counts = move || {
        chart.with(|c| {
            c.counts
                .iter()
                .map(|count| {
                    view! {
                        <tr><td>{side_name(count.side)}</td><td>{count.held}</td><td>{count.claimed}</td></tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="visually-hidden" data-testid="chart-tables">
            <table>
                <caption>"Relations between the parties, as of this step"</caption>
                <thead><tr><th scope="col">"Party"</th><th scope="col">"Relation"</th><th scope="col">"To"</th><th scope="col">"What the source says"</th></tr></thead>
                <tbody>{relations}</tbody>
            </table>
            <table>
                <caption>"Bases per side, as of this step"</caption>
                <thead><tr><th scope="col">"Side"</th><th scope="col">"Held, as reported"</th><th scope="col">"Claimed, unconfirmed"</th></tr></thead>
                <tbody>{counts}</tbody>
            </table>
        </div>
    }
}
