//! The map as SVG: land, places coloured by holder and shaped by status, the retreat and the
//! sorties, a scale bar, a north arrow, the locator of Libya and the key.

use super::describe::describe;
use super::geo;
use super::projection::{Projection, LOCATOR_HEIGHT, LOCATOR_WIDTH, MAP_HEIGHT, MAP_WIDTH};
use super::scene::{
    city_projection, label_offset, scale_bar_km, side_colour, Corner, Flow, Marker, Scene,
};
use super::tween::use_tweened;
use crate::num::fixed;
use crate::scroll::StepState;
use crate::story::{LabelSide, Precision, Side, Status, Story, Window};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The scale bar is at least this wide, in viewBox px.
const SCALE_BAR_MIN_PX: f64 = 60.0;

/// The control map, following the step state.
#[component]
pub fn ControlMap(story: &'static Story, state: Signal<StepState>) -> impl IntoView {
    let step = Memo::new(move |_| state.get().index);
    // The step's scene once per step (placing its labels is a search); each scroll frame only
    // moves the sorties.
    let step_scene = Memo::new(move |_| Scene::at(story, step.get(), 0.0));
    let target = Memo::new(move |_| step_scene.get().at_progress(state.get().progress));
    let shown = use_tweened(target, step);
    // The same state in words and as a table, for screen readers; it changes with the step.
    let description = Memo::new(move |_| describe(story, step.get()));
    let projection = city_projection(story);
    let px_per_km = projection.px_per_km();

    let markers = shown
        .get_untracked()
        .markers
        .iter()
        .enumerate()
        .map(|(i, m)| view! { <PlaceMarker story=story shown=shown index=i place=m.place /> })
        .collect_view();

    // Memos, here and in each marker: within a step only the sorties follow the scroll, so a
    // scroll frame must not redraw the camera or the markers.
    let camera = Memo::new(move |_| shown.with(|s| s.camera));
    let camera = move || camera.get();

    // Roads of unknown course, drawn straight in map pixels (they scale with the land); their
    // labels are drawn on screen so they keep their size, along the road, above it.
    let ends = |route: &crate::story::Route| {
        let at = |id: &str| {
            let p = story.place(id).expect("validated route end");
            projection.project(p.lon.unwrap_or_default(), p.lat.unwrap_or_default())
        };
        (at(&route.from), at(&route.to))
    };
    let routes = story
        .routes
        .iter()
        .map(|r| {
            let ((x0, y0), (x1, y1)) = ends(r);
            view! { <path class="road" data-testid="road" d=format!("M{},{}L{},{}", fixed(x0, 1), fixed(y0, 1), fixed(x1, 1), fixed(y1, 1)) /> }
        })
        .collect_view();
    let route_labels = story
        .routes
        .iter()
        .map(|r| {
            let (a, b) = ends(r);
            let name = r.name.as_ref();
            // Where along the road the scene puts the name (the middle, unless a label needs it).
            // A memo: a scroll frame within a step must not rewrite the label's transform.
            let along = Memo::new(move |_| shown.with(|s| s.road_label_at));
            let place = move || {
                let c = camera();
                let ((x0, y0), (x1, y1)) = (c.apply(a), c.apply(b));
                let angle = (y1 - y0).atan2(x1 - x0).to_degrees();
                let t = along.get();
                let (mx, my) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                format!(
                    "translate({} {}) rotate({})",
                    fixed(mx, 1),
                    fixed(my, 1),
                    fixed(angle, 1)
                )
            };
            view! {
                <g transform=place>
                    <g class="glyph">
                        <text class="road-label" y="-6" text-anchor="middle">{name}</text>
                    </g>
                </g>
            }
        })
        .collect_view();
    // The map's size in viewBox px, as the attributes write it.
    let (width, height) = (
        fixed(MAP_WIDTH, 0).to_string(),
        fixed(MAP_HEIGHT, 0).to_string(),
    );
    let view_box = format!("0 0 {width} {height}");
    let scale_km = move || scale_bar_km(px_per_km * camera().k, SCALE_BAR_MIN_PX);
    let scale_px = move || scale_km() * px_per_km * camera().k;

    view! {
        <figure
            class="map"
            data-testid="map"
            data-settled=move || (shown.with(|s| target.with(|t| s == t))).to_string()
        >
            <div class="map-frame">
            <svg
                class="map-svg"
                viewBox=view_box
                role="img"
                aria-label="Map of Benghazi and its surroundings: who holds each base at this step"
                aria-describedby="map-summary"
            >
                <defs>
                    <marker id="arrowhead" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
                        <path d="M0,0L10,5L0,10Z" class="arrowhead" />
                    </marker>
                    <clipPath id="map-clip">
                        <rect width=width.clone() height=height.clone() />
                    </clipPath>
                </defs>
                <g clip-path="url(#map-clip)">
                    <rect class="sea" width=width height=height />
                    <g
                        class="land-layer"
                        data-testid="camera"
                        data-k=move || fixed(camera().k, 4).to_string()
                        data-x=move || fixed(camera().x, 2).to_string()
                        transform=move || camera().transform()
                    >
                        <path class="land" d=geo::LAND />
                        {routes}
                    </g>
                    {route_labels}
                    <FlowLine shown=shown pick=|s| s.retreat class="retreat" />
                    <Sorties shown=shown />
                    <g class="markers">{markers}</g>
                </g>
                <g class="scale-bar" transform=format!("translate(16 {})", fixed(MAP_HEIGHT - 18.0, 0)) data-testid="scale-bar">
                    <rect class="scale-bar-fill" height="5" width=move || fixed(scale_px(), 1).to_string() />
                    <g class="glyph">
                        <text y="-6">{move || format!("{} km", fixed(scale_km(), 0))}</text>
                    </g>
                </g>
                <g class="north" transform=format!("translate({} 30)", fixed(MAP_WIDTH - 24.0, 0)) aria-hidden="true">
                    <g class="glyph">
                        <path d="M0,-14L6,4L0,0L-6,4Z" />
                        <text y="18" text-anchor="middle">"N"</text>
                    </g>
                </g>
            </svg>
            <Locator story=story shown=shown />
            </div>
            <Key story=story />
            <div class="visually-hidden" data-testid="map-description">
                <p id="map-summary">{move || description.with(|d| d.sentences.join(" "))}</p>
                <table>
                    <caption>"Who holds each place on the map, as of this step"</caption>
                    <thead>
                        <tr><th scope="col">"Place"</th><th scope="col">"Status and holder"</th><th scope="col">"On the map"</th></tr>
                    </thead>
                    <tbody>
                        {move || description.with(|d| {
                            d.rows
                                .iter()
                                .map(|r| {
                                    let status = format!("{} {}", r.status, r.holder);
                                    let drawn = if r.drawn { "yes" } else { "no, not located" };
                                    view! { <tr><td>{r.place.clone()}</td><td>{status}</td><td>{drawn}</td></tr> }
                                })
                                .collect_view()
                        })}
                    </tbody>
                </table>
            </div>
        </figure>
    }
}

/// One place: its uncertainty circle, its symbol and its label.
#[component]
fn PlaceMarker(
    story: &'static Story,
    shown: ReadSignal<Scene>,
    index: usize,
    place: usize,
) -> impl IntoView {
    let p = &story.places[place];
    let marker = Memo::new(move |_| shown.with(|s| s.markers[index].clone()));
    let camera = Memo::new(move |_| shown.with(|s| s.camera));
    let marker = move || marker.get();
    let at = move || {
        let m = marker();
        camera.get().apply((m.x, m.y))
    };
    // The label's side can change with the camera (the scene keeps it on the view).
    let offset = Memo::new(move |_| shown.with(|s| label_offset(s.markers[index].label_side)));
    let holder = move || {
        marker()
            .holder
            .map(|f| story.factions[f].short.to_string())
            .unwrap_or_default()
    };
    view! {
        <g
            class=move || { if marker().focus > 0.5 { "marker focus" } else { "marker" } }
            data-testid="marker"
            data-place=p.id.as_ref()
            data-status=move || marker().status.map(status_name).unwrap_or("place")
            data-holder=holder
            data-fill=move || marker().colour.css()
            transform=move || { let (x, y) = at(); format!("translate({} {})", fixed(x, 1), fixed(y, 1)) }
        >
            {(p.precision == Precision::Approximate).then(|| view! {
                <circle
                    class="uncertainty"
                    r=move || fixed(marker().uncertainty.unwrap_or_default() * camera.get().k, 1).to_string()
                    stroke=move || marker().colour.css()
                />
            })}
            // Symbol and label keep their size on screen: on phones the stylesheet scales them
            // up (--glyph-scale) against the shrunken map.
            <g class="glyph">
                // A burst plays once, three times over, when the place is overrun.
                {move || {
                    shown
                        .with(|s| s.overrun == Some(place))
                        .then(|| view! { <circle class="burst" data-testid="burst" r="10" stroke=marker().colour.css() /> })
                }}
                <Symbol marker=Signal::derive(marker) />
                <text
                    class="label"
                    x=move || fixed(offset.get().0, 1).to_string()
                    y=move || fixed(offset.get().1, 1).to_string()
                    text-anchor=move || offset.get().2
                    opacity=move || fixed(marker().label, 2).to_string()
                >
                    {p.short.as_ref()}
                </text>
            </g>
        </g>
    }
}

/// The symbol of a status: the shape says the status, the colour the holder.
///
/// One path whose outline, class and paint follow the marker, rather than an element per
/// status: a change of status then touches attributes only, and the wasm carries one view
/// instead of seven. Under threat, a pulse behind and a ring in front join it.
#[component]
fn Symbol(marker: Signal<Marker>) -> impl IntoView {
    let look = Memo::new(move |_| marker.with(SymbolLook::of));
    let colour = move || look.with(|l| l.colour.clone());
    let threat = move || look.with(|l| l.under_threat);
    view! {
        {move || threat().then(|| view! { <circle class="pulse" r="8" stroke=colour() /> })}
        <path
            class=move || look.with(|l| l.class)
            d=move || look.with(|l| l.shape)
            fill=move || look.with(|l| l.fill).then(colour)
            stroke=move || look.with(|l| l.stroke).then(colour)
        />
        {move || threat().then(|| view! { <circle class="threat-ring" r="11" stroke=colour() /> })}
    }
}

/// How a marker's symbol is drawn.
#[derive(Debug, Clone, PartialEq)]
struct SymbolLook {
    class: &'static str,
    /// The outline, around the place at (0, 0).
    shape: &'static str,
    colour: String,
    /// Whether the holder's colour fills the symbol (else the stylesheet paints it).
    fill: bool,
    /// Whether the holder's colour draws the outline (else the stylesheet draws it).
    stroke: bool,
    under_threat: bool,
}

/// A circle of radius 7, as path data.
const CIRCLE: &str = "M7,0A7,7 0 1 1 -7,0A7,7 0 1 1 7,0Z";

impl SymbolLook {
    fn of(m: &Marker) -> SymbolLook {
        let (class, shape, fill, stroke) = match m.status {
            None => ("city", "M-5,-5H5V5H-5Z", false, false),
            Some(Status::Held | Status::UnderThreat) => ("symbol", CIRCLE, true, false),
            Some(Status::Overrun) => ("symbol", "M0,-10L10,0L0,10L-10,0Z", true, false),
            Some(Status::Seized) => ("symbol", "M-7,-7H7V7H-7Z", true, false),
            // The ring takes the holder's colour; the stylesheet fills it white.
            Some(Status::Claimed) => ("symbol claimed", CIRCLE, false, true),
            Some(Status::ReportedAbandoned) => ("symbol abandoned", CIRCLE, false, false),
        };
        SymbolLook {
            class,
            shape,
            colour: m.colour.css(),
            fill,
            stroke,
            under_threat: m.status == Some(Status::UnderThreat),
        }
    }
}

/// A line between two places, drawn as far as `drawn`, with an arrowhead.
#[component]
fn FlowLine(
    shown: ReadSignal<Scene>,
    pick: fn(&Scene) -> Option<Flow>,
    class: &'static str,
) -> impl IntoView {
    let geometry = move || {
        shown.with(|s| {
            let flow = pick(s)?;
            let (x0, y0) = s.camera.apply(flow.from);
            let (x1, y1) = s.camera.apply(flow.to);
            Some((x0, y0, x1, y1, flow.drawn))
        })
    };
    move || {
        geometry().map(|(x0, y0, x1, y1, drawn)| {
            // Stop short of the target's symbol, and bow the line a little: it is a route, not
            // a road.
            let len = (x1 - x0).hypot(y1 - y0);
            let (ux, uy) = ((x1 - x0) / len, (y1 - y0) / len);
            let (ex, ey) = (x1 - ux * 14.0, y1 - uy * 14.0);
            let (mx, my) = (
                (x0 + ex) / 2.0 + uy * len * 0.12,
                (y0 + ey) / 2.0 - ux * len * 0.12,
            );
            let path_len = len * 1.05;
            view! {
                <path
                    class=format!("flow {class}")
                    data-testid=class
                    data-drawn=fixed(drawn, 3).to_string()
                    d=format!("M{},{}Q{},{} {},{}", fixed(x0, 1), fixed(y0, 1), fixed(mx, 1), fixed(my, 1), fixed(ex, 1), fixed(ey, 1))
                    stroke-dasharray=fixed(path_len, 1).to_string()
                    stroke-dashoffset=fixed(path_len * (1.0 - drawn), 1).to_string()
                    marker-end=(drawn > 0.98).then_some("url(#arrowhead)")
                />
            }
        })
    }
}

/// Sorties from Benina: dashed arcs towards the city whose dashes travel with the reader's
/// progress through the step. The targets are "Ansar al-Sharia bases across the city": no
/// positions are known, so the arcs fan out over the city as a whole.
#[component]
fn Sorties(shown: ReadSignal<Scene>) -> impl IntoView {
    move || {
        shown.with(|s| {
            let flow = s.sorties?;
            let (x0, y0) = s.camera.apply(flow.from);
            let (x1, y1) = s.camera.apply(flow.to);
            let offset = -s.sortie_phase * 60.0;
            // A fan of three flight paths bowing the same way, landing a little apart.
            let (dx, dy) = (x1 - x0, y1 - y0);
            let len = dx.hypot(dy).max(1.0);
            let (nx, ny) = (-dy / len, dx / len);
            let arcs = [(0.12, -18.0), (0.2, 0.0), (0.28, 18.0)].map(|(bend, spread): (f64, f64)| {
                let (tx, ty) = (x1 + nx * spread, y1 + ny * spread);
                let (mx, my) = ((x0 + tx) / 2.0 + nx * len * bend, (y0 + ty) / 2.0 + ny * len * bend);
                view! {
                    <path
                        class="sortie"
                        d=format!("M{},{}Q{},{} {},{}", fixed(x0, 1), fixed(y0, 1), fixed(mx, 1), fixed(my, 1), fixed(tx, 1), fixed(ty, 1))
                        stroke-dashoffset=fixed(offset, 1).to_string()
                        opacity=fixed(flow.drawn, 2).to_string()
                    />
                }
            });
            Some(view! { <g class="sorties" data-testid="sorties">{arcs.into_iter().collect_view()}</g> })
        })
    }
}

/// The locator of Libya: the city map's window, Tripoli, Benghazi and Tobruk. When the step
/// happens elsewhere in Libya it comes forward and fills the frame, a map of the country in
/// front of the faded city map: grown only part way it would hide the city's places.
#[component]
fn Locator(story: &'static Story, shown: ReadSignal<Scene>) -> impl IntoView {
    let window = story
        .windows
        .iter()
        .find(|w| w.id == Window::LOCATOR)
        .expect("validated: the locator window exists");
    let projection = Projection::fit(
        window.west,
        window.south,
        window.east,
        window.north,
        LOCATOR_WIDTH,
        LOCATOR_HEIGHT,
    );
    let cities = story
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.drawn_in(Window::LOCATOR))
        .map(|(i, p)| {
            let (x, y) = projection.project(p.lon.unwrap_or_default(), p.lat.unwrap_or_default());
            let here = Memo::new(move |_| shown.with(|s| s.locator_place == Some(i)));
            // The cities are on the coast at the top of the locator: labels go below, leaning
            // to the place's label side so that Benghazi and Tobruk do not run together.
            let (dx, anchor) = match p.label_side {
                LabelSide::Left => (-4.0, "end"),
                LabelSide::Right => (4.0, "start"),
                LabelSide::Above | LabelSide::Below => (0.0, "middle"),
            };
            view! {
                <g class="locator-city" class:here=here transform=format!("translate({} {})", fixed(x, 1), fixed(y, 1))>
                    <circle r="3" />
                    <text x=fixed(dx, 0).to_string() y="15" text-anchor=anchor>{p.short.as_ref()}</text>
                </g>
            }
        })
        .collect_view();
    // Memos, so that a scroll frame within a step (which moves only the sorties) leaves the
    // locator's styles and classes untouched.
    let emphasis = Memo::new(move |_| shown.with(|s| s.locator));
    let emphasis = move || emphasis.get();
    let opacity = Memo::new(move |_| shown.with(|s| s.locator_opacity));
    let opacity = move || opacity.get();
    let bottom_right = Memo::new(move |_| shown.with(|s| s.locator_corner == Corner::BottomRight));
    // How far the locator has come forward is a style property of the map's frame, set through
    // the CSSOM after rendering (a style attribute would be refused by a strict CSP): the
    // stylesheet grows the locator to fill the frame and fades the city map behind it.
    // Rendered natively it is 0, as at the first step.
    let locator = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let (e, o) = (emphasis(), opacity());
        let Some(locator) = locator.get() else {
            return;
        };
        let frame = locator
            .parent_element()
            .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok());
        // At rest the stylesheet's defaults hold, and hydration leaves the page as it was.
        let set = |style: web_sys::CssStyleDeclaration, name: &str, v: f64, rest: f64| {
            let _ = if v == rest {
                style.remove_property(name).map(drop)
            } else {
                style.set_property(name, &fixed(v, 3).to_string())
            };
        };
        if let Some(frame) = frame {
            set(frame.style(), "--locator-e", e, 0.0);
            // The fade's rules apply only while the locator is forward: an opacity on every
            // symbol, even a computed 1, made scrolling drop frames on a slow phone.
            let _ = frame
                .class_list()
                .toggle_with_force("locator-forward", e > 0.0);
        }
        set(web_sys::HtmlElement::style(&locator), "opacity", o, 1.0);
    });
    let country = move || emphasis() > 0.5;
    view! {
        <div
            class="locator"
            class:country=country
            class:bottom-right=bottom_right
            node_ref=locator
            data-testid="locator"
            data-emphasis=move || fixed(emphasis(), 2).to_string()
        >
            <svg viewBox=format!("0 0 {} {}", fixed(LOCATOR_WIDTH, 0), fixed(LOCATOR_HEIGHT, 0)) role="img" aria-label="Locator: where Benghazi, Tripoli and Tobruk are in Libya">
                <path class="neighbours" d=geo::NEIGHBOURS />
                <path class="libya" d=geo::LIBYA />
                <path class="city-frame" d=geo::CITY_FRAME />
                {cities}
            </svg>
        </div>
    }
}

/// The key: colours of the sides, shapes of the statuses, what is drawn as approximate, the
/// places that cannot be drawn, and the credits for the geography.
#[component]
fn Key(story: &'static Story) -> impl IntoView {
    let swatch = |side: Side, label: &'static str| {
        view! {
            <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><circle r="6" fill=side_colour(side).css() /></svg>{label}</li>
        }
    };
    let unlocated = story
        .places
        .iter()
        .filter(|p| p.precision == Precision::Unknown)
        .map(|p| p.short.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <figcaption class="key" data-testid="key">
            // Focusable: on phones the key is one line that scrolls sideways, by keyboard too.
            <ul class="key-list" tabindex="0" aria-label="Key">
                {swatch(Side::Haftar, "Haftar’s side")}
                {swatch(Side::Islamist, "Islamists")}
                {swatch(Side::State, "Military")}
                <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><circle r="6" class="key-held" /></svg>"Held"</li>
                <li><svg viewBox="-12 -12 24 24" aria-hidden="true"><circle r="6" class="key-held" /><circle class="threat-ring" r="10" /></svg>"Under threat"</li>
                <li><svg viewBox="-11 -11 22 22" aria-hidden="true"><path d="M0,-9L9,0L0,9L-9,0Z" class="key-held" /></svg>"Overrun"</li>
                <li><svg viewBox="-8 -8 16 16" aria-hidden="true"><circle r="6" class="symbol claimed key-claimed" /></svg>"Claimed, unconfirmed"</li>
                <li><svg viewBox="-10 -10 20 20" aria-hidden="true"><circle r="8" class="uncertainty key-uncertainty" /></svg>"Position approximate"</li>
                <li><svg viewBox="0 -6 22 12" aria-hidden="true"><path d="M1,0L21,0" class="road" /></svg>"Road, course approximate"</li>
                <li><svg viewBox="0 -6 22 12" aria-hidden="true"><path d="M1,0L19,0" class="flow retreat" /></svg>"Retreat"</li>
                <li><svg viewBox="0 -6 22 12" aria-hidden="true"><path d="M1,0L21,0" class="sortie" /></svg>"Air raids"</li>
            </ul>
            <p class="key-note">"Not on the map, as no source locates them: "{unlocated}"."</p>
            <p class="credits">"Map: © OpenStreetMap contributors (ODbL); Natural Earth. "<a href="#map-data">"Details"</a></p>
        </figcaption>
    }
}

/// The status as a stable word, for the tests and the styles.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Held => "held",
        Status::Overrun => "overrun",
        Status::Seized => "seized",
        Status::Claimed => "claimed",
        Status::ReportedAbandoned => "reported-abandoned",
        Status::UnderThreat => "under-threat",
    }
}
