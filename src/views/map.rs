//! The control map at a step, as SVG: land, places coloured by holder and shaped by status, the
//! lines of movements, a scale bar, a north arrow, the locator of the country, the key, and the
//! same in words for screen readers. Every element the player moves is here at every step; what
//! a step does not show is hidden (`display="none"`), so the player only writes attributes.

use crate::num::fixed;
use crate::paint::{LinePaint, MapPaint, MarkerPaint, StepPaint, SCALE_BAR_BOX};
use leptos::prelude::*;
use story_compiler::model::{Draw, LandmarkKind, Precision, Story, WindowRole};
use story_compiler::projection::{
    LOCATOR_HEIGHT, LOCATOR_WIDTH, MAP_BEYOND, MAP_HEIGHT, MAP_WIDTH,
};
use story_compiler::vocabulary::{
    draw_class, key_sides, look_index, looks, side_class, status_key, STATUSES,
};
use story_compiler::{locator, Compiled};

/// `display="none"` for what a frame does not show.
fn hidden(shown: bool) -> Option<&'static str> {
    (!shown).then_some("none")
}

/// The control map at step `index`, with its words from the step's paint.
#[component]
pub fn ControlMap(compiled: &'static Compiled, index: usize, words: StepPaint) -> impl IntoView {
    let script = &compiled.script;
    let paint = MapPaint::of(script, &script.frames[index].map, 0.0);
    let story = &compiled.story;

    let markers = compiled
        .plan
        .places
        .iter()
        .zip(&paint.markers)
        .map(|(&place, m)| view! { <PlaceMarker story=story place=place paint=m.clone() /> })
        .collect_view();
    // Roads of unknown course, drawn straight in map pixels (they scale with the land); their
    // names are drawn on screen so they keep their size, along the road, above it.
    let roads = script
        .roads
        .iter()
        .map(|r| {
            let d = format!(
                "M{},{}L{},{}",
                fixed(r.from.x, 1),
                fixed(r.from.y, 1),
                fixed(r.to.x, 1),
                fixed(r.to.y, 1)
            );
            view! { <path class="road" data-testid="road" d=d /> }
        })
        .collect_view();
    let road_labels = story
        .routes
        .iter()
        .zip(&paint.roads)
        .map(|(route, transform)| {
            view! {
                <g class=paint.road_class transform=transform.clone() opacity=paint.road_opacity.clone() data-testid="road-label">
                    <g class="glyph">
                        <text class="road-label" y="-6" text-anchor="middle">{route.name.as_str()}</text>
                    </g>
                </g>
            }
        })
        .collect_view();
    // Names that orient the reader, behind the story's places.
    let landmarks = story
        .landmarks
        .iter()
        .zip(&paint.landmarks)
        .map(|(l, (transform, opacity))| {
            let class = match l.kind {
                LandmarkKind::Water => "landmark water",
                LandmarkKind::Land => "landmark land",
            };
            view! {
                <g class=class data-testid="landmark" transform=transform.clone() opacity=opacity.clone()>
                    <g class="glyph">
                        <text text-anchor="middle" dy="0.35em">{l.name.as_str()}</text>
                    </g>
                </g>
            }
        })
        .collect_view();
    let lines = paint
        .lines
        .iter()
        .zip(compiled.plan.lines.iter().zip(script.lines.iter()))
        .map(|(p, ((_, kind, _, _), line))| line_view(p, kind, &line.class))
        .collect_view();
    // Each arrow has its own head, in its side's colour: a marker does not take the colour of
    // the line that uses it.
    let heads = script
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            view! {
                <marker id=crate::paint::arrowhead_id(i) viewBox="0 0 10 10" refX="6" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
                    <path d="M0,0L10,5L0,10Z" class=format!("arrowhead {}", line.class) />
                </marker>
            }
        })
        .collect_view();
    let label = format!(
        "Map of {}: who holds each place at this step",
        story.window(WindowRole::Map).title
    );
    let (width, height) = (
        fixed(MAP_WIDTH, 0).to_string(),
        fixed(MAP_HEIGHT, 0).to_string(),
    );
    let view_box = format!("0 0 {width} {height}");
    // A frame wider than the viewBox shows the map beyond its left and right edges (the land
    // is drawn wider than the window): sea and clip reach that far, and only top and bottom cut.
    let (beyond_x, beyond_w) = (
        fixed(-MAP_BEYOND * MAP_WIDTH, 0).to_string(),
        fixed((1.0 + 2.0 * MAP_BEYOND) * MAP_WIDTH, 0).to_string(),
    );
    let rows = compiled
        .rows
        .iter()
        .zip(&words.rows)
        .map(|(row, status)| {
            let place = story.places[row.place].name.as_str();
            let drawn = if row.drawn { "yes" } else { "no, not located" };
            view! {
                <tr hidden=status.is_none()>
                    <td>{place}</td>
                    <td data-testid="row-status">{status.clone()}</td>
                    <td>{drawn}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <figure class="map" data-testid="map" data-settled="true">
            <div class=paint.locator.frame_class.to_owned() data-testid="map-frame">
            <svg
                class="map-svg"
                viewBox=view_box
                role="img"
                aria-label=label
                aria-describedby="map-summary"
            >
                <defs>
                    {heads}
                    <clipPath id="map-clip">
                        <rect x=beyond_x.clone() width=beyond_w.clone() height=height.clone() />
                    </clipPath>
                </defs>
                <g clip-path="url(#map-clip)">
                    <rect class="sea" x=beyond_x width=beyond_w height=height />
                    <g
                        class="land-layer"
                        data-testid="camera"
                        data-k=paint.camera.k.clone()
                        data-x=paint.camera.x.clone()
                        transform=paint.camera.transform.clone()
                    >
                        <path class="land" d=compiled.geometry.land.clone() data-extent=compiled.geometry.land_extent.map(|v| fixed(v, 0).to_string()).join(" ") />
                        {roads}
                    </g>
                    {landmarks}
                    {road_labels}
                    {lines}
                    <g class="markers">{markers}</g>
                </g>
            </svg>
            // Scale bar and north arrow keep to the frame's corners, however wide it is. The bar
            // is drawn in the map's own units (its svg is sized from the frame's height, as the
            // map is); its words are text of the page.
            <div class="scale-bar" data-testid="scale-bar">
                <svg viewBox=format!("0 0 {} 5", fixed(SCALE_BAR_BOX, 0)) preserveAspectRatio="none" aria-hidden="true">
                    <rect class="scale-bar-fill" height="5" width=paint.scale_width.clone() />
                </svg>
                <span class="scale-bar-text">{paint.scale_text.clone()}</span>
            </div>
            <div class="north" aria-hidden="true">
                <svg viewBox="-7 -15 14 20"><path d="M0,-14L6,4L0,0L-6,4Z" /></svg>
                <span>"N"</span>
            </div>
            <Locator compiled=compiled paint=paint.clone() />
            </div>
            <div class="visually-hidden" data-testid="map-description">
                <p id="map-summary">{words.map_summary.clone()}</p>
                <table>
                    <caption>"Who holds each place on the map, as of this step"</caption>
                    <thead>
                        <tr><th scope="col">"Place"</th><th scope="col">"Status and holder"</th><th scope="col">"On the map"</th></tr>
                    </thead>
                    <tbody data-testid="map-rows">{rows}</tbody>
                </table>
            </div>
            // Last: a figure's caption (the key) is its first or its last child.
            <Key compiled=compiled />
        </figure>
    }
}

/// A line of the map, an event of `kind` drawn in the side class `side`: an arrow, or a fan of
/// raids.
fn line_view(paint: &LinePaint, kind: &str, side: &str) -> impl IntoView {
    use leptos::either::Either;
    match paint.clone() {
        LinePaint::Arrow(p) => Either::Left(view! {
            <path
                class=format!("{} {side}", draw_class(Draw::Arrow))
                data-testid="line"
                data-kind=kind.to_owned()
                data-line=""
                display=hidden(p.shown)
                data-drawn=p.drawn
                d=p.d
                stroke-dasharray=p.dasharray
                stroke-dashoffset=p.dashoffset
                marker-end=p.head
            />
        }),
        LinePaint::Fan(p) => {
            let arcs = p
                .arcs
                .into_iter()
                .map(|d| {
                    view! {
                        <path class="fan-arc" d=d stroke-dashoffset=p.dashoffset.clone() opacity=p.opacity.clone() />
                    }
                })
                .collect_view();
            Either::Right(view! {
                <g class=format!("{} {side}", draw_class(Draw::Fan)) data-testid="line" data-kind=kind.to_owned() data-line="" display=hidden(p.shown)>{arcs}</g>
            })
        }
    }
}

/// One place: its uncertainty circle, its symbol and its label.
#[component]
fn PlaceMarker(story: &'static Story, place: usize, paint: MarkerPaint) -> impl IntoView {
    let p = &story.places[place];
    let colour = paint.colour.clone();
    view! {
        <g
            class=paint.class
            data-testid="marker"
            data-place=p.id.as_str()
            data-status=paint.status
            data-holder=paint.holder
            data-fill=colour.clone()
            transform=paint.transform
        >
            // Where the place may be: drawn beneath and in no side's colour, so that it never
            // reads as ground held.
            {paint.uncertainty.map(|r| view! { <circle class="uncertainty" r=r /> })}
            // Symbol and label keep their size on screen: on phones the stylesheet scales them
            // up (--glyph-scale) against the shrunken map.
            <g class="glyph">
                // A burst plays once, three times over, when the place is overrun.
                <circle class="burst" data-testid="burst" r="10" stroke=paint.burst.clone() display=hidden(paint.burst.is_some()) />
                // Under threat, a pulse behind the symbol and a ring in front of it.
                <circle class="pulse" r="8" stroke=paint.alert.clone() display=hidden(paint.alert.is_some()) />
                <path
                    class=paint.symbol_class
                    d=paint.symbol_shape
                    fill=paint.symbol_fill
                    stroke=paint.symbol_stroke
                />
                <circle class="threat-ring" r="11" stroke=paint.alert.clone() display=hidden(paint.alert.is_some()) />
                <text
                    class="label"
                    x=paint.label_x
                    y=paint.label_y
                    text-anchor=paint.label_anchor
                    opacity=paint.label_opacity
                >
                    {p.short.as_str()}
                </text>
            </g>
        </g>
    }
}

/// The locator of the country: the city map's window and the cities the story names beyond it.
/// When the step happens elsewhere in the country it comes forward and fills the frame (the
/// stylesheet grows it by `--locator-e`, which the player sets), in front of the faded city map.
#[component]
fn Locator(compiled: &'static Compiled, paint: MapPaint) -> impl IntoView {
    let story = &compiled.story;
    let cities = compiled
        .plan
        .locator_cities
        .iter()
        .map(|&i| &story.places[i]);
    let names: Vec<&str> = cities.clone().map(|p| p.short.as_str()).collect();
    let label = format!(
        "Locator: where {} are in {}",
        names
            .join(", ")
            .rsplit_once(", ")
            .map_or(names.join(", "), |(a, b)| format!("{a} and {b}")),
        story.window(WindowRole::Locator).title
    );
    let cities = cities
        .zip(&compiled.geometry.locator_cities)
        .enumerate()
        .map(|(j, (p, &(x, y)))| {
            // Beside its dot, where the build found room for every name (compiler's locator).
            let (dx, dy, anchor) = locator::offset(compiled.locator_sides[j]);
            let class = if paint.locator.here == Some(j) {
                "locator-city here"
            } else {
                "locator-city"
            };
            view! {
                <g class=class transform=format!("translate({} {})", fixed(x, 1), fixed(y, 1))>
                    <circle r="3" />
                    <text x=fixed(dx, 0).to_string() dy=format!("{}em", fixed(dy, 2)) text-anchor=anchor>{p.short.as_str()}</text>
                </g>
            }
        })
        .collect_view();
    let geometry = &compiled.geometry;
    view! {
        <div class=paint.locator.class.clone() data-testid="locator" data-emphasis=paint.locator.emphasis.clone()>
            <svg viewBox=format!("0 0 {} {}", fixed(LOCATOR_WIDTH, 0), fixed(LOCATOR_HEIGHT, 0)) role="img" aria-label=label>
                <path class="neighbours" d=geometry.neighbours.clone() />
                <path class="country" d=geometry.country.clone() />
                <path class="city-frame" d=geometry.city_frame.clone() />
                {cities}
            </svg>
        </div>
    }
}

/// The key: colours of the sides, shapes of the statuses, what is drawn as approximate, the
/// kinds of movement drawn, the places that cannot be drawn, and the credits for the geography.
/// All from the story's data and the vocabulary, as the map draws them.
#[component]
fn Key(compiled: &'static Compiled) -> impl IntoView {
    let story = &compiled.story;
    let swatches = key_sides(story)
        .map(|side| {
            view! {
                <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><circle r="6" class=format!("swatch {}", side_class(side)) /></svg>{side.name.as_str()}</li>
            }
        })
        .collect_view();
    let looks = looks();
    let statuses = STATUSES
        .into_iter()
        .filter_map(|status| {
            let name = status_key(status)?;
            let look = &looks[usize::from(look_index(Some(status)))];
            let class = format!("{} key-symbol key-{}", look.class, look.name);
            let ring = look
                .alert
                .then(|| view! { <circle class="threat-ring" r="10" /> });
            Some(view! {
                <li><svg viewBox="-12 -12 24 24" aria-hidden="true"><path d=look.shape.to_string() class=class />{ring}</svg>{name}</li>
            })
        })
        .collect_view();
    // Each kind of movement the map draws, in its first line's side.
    let mut drawn: Vec<(&str, Draw, &str)> = Vec::new();
    for ((_, kind, _, _), line) in compiled.plan.lines.iter().zip(compiled.script.lines.iter()) {
        let Some(kind) = story.kind(kind) else {
            continue;
        };
        if let (Some(draw), false) = (kind.draw, drawn.iter().any(|d| d.0 == kind.name)) {
            drawn.push((kind.name.as_str(), draw, &line.class));
        }
    }
    let movements = drawn
        .into_iter()
        .map(|(name, draw, side)| {
            view! {
                <li><svg viewBox="0 -6 22 12" aria-hidden="true"><path d="M1,0L19,0" class=format!("{} key-line {side}", draw_class(draw)) /></svg>{name}</li>
            }
        })
        .collect_view();
    let roads = (!story.routes.is_empty()).then(|| {
        view! { <li><svg viewBox="0 -6 22 12" aria-hidden="true"><path d="M1,0L21,0" class="road" /></svg>"Road, course approximate"</li> }
    });
    let rough = story
        .places
        .iter()
        .any(|p| p.precision == Precision::Approximate)
        .then(|| {
            view! { <li><svg viewBox="-10 -10 20 20" aria-hidden="true"><circle r="8" class="uncertainty key-uncertainty" /></svg>"Position approximate"</li> }
        });
    let unlocated: Vec<&str> = story
        .places
        .iter()
        .filter(|p| p.precision == Precision::Unknown)
        .map(|p| p.short.as_str())
        .collect();
    let unlocated = (!unlocated.is_empty()).then(|| {
        view! { <p class="key-note">"Not on the map, as no source locates them: "{unlocated.join(", ")}"."</p> }
    });
    view! {
        <figcaption class="key" data-testid="key">
            // Focusable: on phones the key is one line that scrolls sideways, by keyboard too.
            <ul class="key-list" tabindex="0" aria-label="Key">
                {swatches}
                {statuses}
                {rough}
                {roads}
                {movements}
            </ul>
            {unlocated}
            <p class="credits">"Map: "{compiled.geometry.short_credits.clone()}". "<a href="#map-data">"Details"</a></p>
        </figcaption>
    }
}
