//! A frame written out as the attribute values and texts of the panel: the one definition of how
//! the map, the chart and the panel's head show a frame. The views render them into the
//! pre-rendered page (natively), the player writes them into the live page (in the browser), so
//! the two cannot disagree.
//!
//! Everything here is pure arithmetic and formatting of numbers with [`fixed`]: no projection,
//! no layout, no lookups in the story.

use crate::num::{fixed, within};
use story_script::{
    Camera, ChartFrame, Corner, Count, LineStyle, MapFrame, Point, RelationFrame, Rgb, Script,
    MAP_HEIGHT, MAP_WIDTH,
};

/// `#rrggbb`.
pub fn css(c: Rgb) -> String {
    let byte = |v: f64| within(v.round(), 0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", byte(c.r), byte(c.g), byte(c.b))
}

/// A class list: the base and each flag that is on, in this order.
pub fn classes(base: &str, flags: &[(&str, bool)]) -> String {
    let mut out = base.to_owned();
    for (name, on) in flags {
        if *on {
            out.push(' ');
            out.push_str(name);
        }
    }
    out
}

fn point(p: Point) -> String {
    format!("{},{}", fixed(p.x, 1), fixed(p.y, 1))
}

fn translate(p: Point) -> String {
    format!("translate({} {})", fixed(p.x, 1), fixed(p.y, 1))
}

/// The camera: the land layer's transform and the test hooks (zoom, centre).
#[derive(Debug, Clone, PartialEq)]
pub struct CameraPaint {
    /// `data-k`
    pub k: String,
    /// `data-x`
    pub x: String,
    pub transform: String,
}

impl CameraPaint {
    pub fn of(c: &Camera) -> CameraPaint {
        CameraPaint {
            k: fixed(c.k, 4).to_string(),
            x: fixed(c.x, 2).to_string(),
            transform: format!(
                "translate({} {}) scale({})",
                fixed(MAP_WIDTH / 2.0 - c.x * c.k, 2),
                fixed(MAP_HEIGHT / 2.0 - c.y * c.k, 2),
                fixed(c.k, 4)
            ),
        }
    }
}

/// One place on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerPaint {
    pub class: &'static str,
    /// `data-status`
    pub status: String,
    /// `data-holder`
    pub holder: String,
    /// The holder's colour (`data-fill`, and the rings' strokes).
    pub colour: String,
    pub transform: String,
    /// The radius of the circle of uncertainty, for a place known only roughly.
    pub uncertainty: Option<String>,
    /// The burst of an overrun: its colour while it plays, none while it is hidden.
    pub burst: Option<String>,
    /// The pulse and ring of a place under threat: their colour, none while they are hidden.
    pub alert: Option<String>,
    pub symbol_class: String,
    pub symbol_shape: String,
    /// The symbol's `fill` and `stroke`, where the holder's colour paints them.
    pub symbol_fill: Option<String>,
    pub symbol_stroke: Option<String>,
    pub label_x: String,
    pub label_y: String,
    pub label_anchor: &'static str,
    pub label_opacity: String,
}

/// A movement's arrow (a retreat, an advance).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArrowPaint {
    pub shown: bool,
    /// `data-drawn`
    pub drawn: String,
    pub d: String,
    pub dasharray: String,
    pub dashoffset: String,
    /// The arrowhead (`marker-end`: the line's own marker, in its side's colour), once the
    /// line has reached its end.
    pub head: Option<String>,
}

/// A fan of raids.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FanPaint {
    pub shown: bool,
    /// The arcs' path data.
    pub arcs: [String; 3],
    /// Where the dashes are along the arcs: they travel with the reader.
    pub dashoffset: String,
    pub opacity: String,
}

/// A line of the map.
#[derive(Debug, Clone, PartialEq)]
pub enum LinePaint {
    Arrow(ArrowPaint),
    Fan(FanPaint),
}

/// The locator of the country.
#[derive(Debug, Clone, PartialEq)]
pub struct LocatorPaint {
    pub class: String,
    /// `data-emphasis`
    pub emphasis: String,
    /// How far it has come forward (the frame's `--locator-e`), 0 at rest.
    pub forward: f64,
    /// Its opacity, 1 at rest.
    pub opacity: f64,
    /// The map frame's class: the fade's rules apply only while the locator is forward.
    pub frame_class: &'static str,
    /// The city marked as the step's.
    pub here: Option<usize>,
}

/// The scale bar is at least this wide, in viewBox px.
pub const SCALE_BAR_MIN_PX: f64 = 60.0;
/// The width of the scale bar's own svg, in the map's viewBox px: room for the longest bar
/// [`scale_bar_km`] draws (the stylesheet sizes that svg to the same scale as the map).
pub const SCALE_BAR_BOX: f64 = 200.0;

/// A scale bar length in km that draws between `min_px` and about 2.5 × `min_px` wide.
pub fn scale_bar_km(px_per_km: f64, min_px: f64) -> f64 {
    let mut km = 1.0;
    for candidate in [1.0, 2.0, 5.0, 10.0, 20.0, 50.0] {
        km = candidate;
        if candidate * px_per_km >= min_px {
            break;
        }
    }
    km
}

/// The map of a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPaint {
    pub camera: CameraPaint,
    pub markers: Vec<MarkerPaint>,
    /// Each road name's transform.
    pub roads: Vec<String>,
    /// The road names' opacity, and their class: `road-name roomy` where only the roomier
    /// frames show them (the stylesheet hides them in the smallest).
    pub road_opacity: String,
    pub road_class: &'static str,
    /// Each landmark's name: its transform (it moves with the camera) and opacity.
    pub landmarks: Vec<(String, String)>,
    pub lines: Vec<LinePaint>,
    /// The scale bar's width and its words.
    pub scale_width: String,
    pub scale_text: String,
    pub locator: LocatorPaint,
}

impl MapPaint {
    /// The map of `frame`, `phase` (the reader's progress through the step, 0 to 1) of the way
    /// through its step.
    pub fn of(script: &Script, frame: &MapFrame, phase: f64) -> MapPaint {
        let c = &frame.camera;
        let markers = script
            .markers
            .iter()
            .zip(frame.markers.iter())
            .enumerate()
            .map(|(i, (base, m))| {
                let look = &script.looks[usize::from(m.look)];
                let colour = css(m.colour);
                let (dx, dy, anchor) = m.side.offset();
                MarkerPaint {
                    class: if m.focus > 0.5 {
                        "marker focus"
                    } else {
                        "marker"
                    },
                    status: look.name.to_string(),
                    holder: m.holder.to_string(),
                    transform: translate(c.apply(base.at)),
                    uncertainty: base.uncertainty.map(|r| fixed(r * c.k, 1).to_string()),
                    // What is hidden keeps no colour, so a change of colour does not touch it.
                    burst: (frame.burst == Some(i as u8)).then(|| colour.clone()),
                    alert: look.alert.then(|| colour.clone()),
                    symbol_class: look.class.to_string(),
                    symbol_shape: look.shape.to_string(),
                    symbol_fill: look.fill.then(|| colour.clone()),
                    symbol_stroke: look.stroke.then(|| colour.clone()),
                    label_x: fixed(dx, 1).to_string(),
                    label_y: fixed(dy, 1).to_string(),
                    label_anchor: anchor,
                    label_opacity: fixed(m.label, 2).to_string(),
                    colour,
                }
            })
            .collect();
        let roads = script
            .roads
            .iter()
            .map(|r| {
                let (a, b) = (c.apply(r.from), c.apply(r.to));
                let t = frame.road_label_at;
                let at = Point {
                    x: a.x + (b.x - a.x) * t,
                    y: a.y + (b.y - a.y) * t,
                };
                format!("{} rotate({})", translate(at), fixed(r.angle, 1))
            })
            .collect();
        let lines = MapPaint::lines_of(script, frame, phase);
        let px_per_km = script.px_per_km * c.k;
        let km = scale_bar_km(px_per_km, SCALE_BAR_MIN_PX);
        let l = &frame.locator;
        MapPaint {
            camera: CameraPaint::of(c),
            markers,
            roads,
            road_opacity: fixed((frame.road_label * 2.0).min(1.0), 2).to_string(),
            landmarks: script
                .landmarks
                .iter()
                .zip(frame.landmarks.iter())
                .map(|(&at, &shown)| (translate(c.apply(at)), fixed(shown, 2).to_string()))
                .collect(),
            road_class: if (0.25..0.75).contains(&frame.road_label) {
                "road-name roomy"
            } else {
                "road-name"
            },
            lines,
            scale_width: fixed(km * px_per_km, 1).to_string(),
            scale_text: format!("{} km", fixed(km, 0)),
            locator: LocatorPaint {
                class: classes(
                    "locator",
                    &[
                        ("country", l.forward > 0.5),
                        ("bottom-right", l.corner == Corner::BottomRight),
                    ],
                ),
                emphasis: fixed(l.forward, 2).to_string(),
                forward: l.forward,
                opacity: l.opacity,
                frame_class: if l.forward > 0.0 {
                    "map-frame locator-forward"
                } else {
                    "map-frame"
                },
                here: l.here.map(usize::from),
            },
        }
    }
}

impl MapPaint {
    /// The lines of `frame`, `phase` of the way through its step: all that the reader's
    /// progress through a step moves.
    pub fn lines_of(script: &Script, frame: &MapFrame, phase: f64) -> Vec<LinePaint> {
        let c = &frame.camera;
        script
            .lines
            .iter()
            .zip(frame.lines.iter())
            .enumerate()
            .map(|(i, (line, &drawn))| {
                let (a, b) = (c.apply(line.from), c.apply(line.to));
                match line.style {
                    LineStyle::Arrow => arrow(a, b, drawn, i),
                    LineStyle::Fan => fan(a, b, drawn, phase),
                }
            })
            .collect()
    }
}

/// The id of the arrowhead marker of line `i` (each line has its own, in its side's colour).
pub fn arrowhead_id(i: usize) -> String {
    format!("arrowhead-{i}")
}

/// A movement, line `i`: a line from `a` to `b` that stops short of the target's symbol, bowed a
/// little (it is a route, not a road), drawn as far as `drawn`. A hidden line is painted empty,
/// so that the camera's moves do not touch it.
fn arrow(a: Point, b: Point, drawn: f64, i: usize) -> LinePaint {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let end = Point {
        x: b.x - ux * 14.0,
        y: b.y - uy * 14.0,
    };
    let mid = Point {
        x: (a.x + end.x) / 2.0 + uy * len * 0.12,
        y: (a.y + end.y) / 2.0 - ux * len * 0.12,
    };
    let path_len = len * 1.05;
    if drawn <= 0.0 {
        return LinePaint::Arrow(ArrowPaint {
            drawn: fixed(0.0, 3).to_string(),
            ..ArrowPaint::default()
        });
    }
    LinePaint::Arrow(ArrowPaint {
        shown: true,
        drawn: fixed(drawn, 3).to_string(),
        d: format!("M{}Q{} {}", point(a), point(mid), point(end)),
        dasharray: fixed(path_len, 1).to_string(),
        dashoffset: fixed(path_len * (1.0 - drawn), 1).to_string(),
        head: (drawn > 0.98).then(|| format!("url(#{})", arrowhead_id(i))),
    })
}

/// Raids: a fan of three dashed arcs from `a` over `b`, bowing the same way and landing a
/// little apart (no source gives their targets), their dashes `phase` of the way along.
fn fan(a: Point, b: Point, drawn: f64, phase: f64) -> LinePaint {
    if drawn <= 0.0 {
        return LinePaint::Fan(FanPaint::default());
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (nx, ny) = (-dy / len, dx / len);
    let arcs = [(0.12, -18.0), (0.2, 0.0), (0.28, 18.0)].map(|(bend, spread): (f64, f64)| {
        let to = Point {
            x: b.x + nx * spread,
            y: b.y + ny * spread,
        };
        let mid = Point {
            x: (a.x + to.x) / 2.0 + nx * len * bend,
            y: (a.y + to.y) / 2.0 + ny * len * bend,
        };
        format!("M{}Q{} {}", point(a), point(mid), point(to))
    });
    LinePaint::Fan(FanPaint {
        shown: true,
        arcs,
        dashoffset: fixed(-phase * 60.0, 1).to_string(),
        opacity: fixed(drawn, 2).to_string(),
    })
}

/// A relation's line in the chart.
pub fn relation_class(base: &str, r: RelationFrame) -> String {
    classes(base, &[("new", r.new), ("lit", r.lit)])
}

/// A faction's box in the chart.
pub fn faction_class(lit: bool) -> &'static str {
    if lit {
        "faction lit"
    } else {
        "faction"
    }
}

/// A length in the bars: `n` bases of `total`, as a percentage of the track.
pub fn bar_pct(n: u16, total: u16) -> String {
    format!(
        "{}%",
        fixed(f64::from(n) / f64::from(total.max(1)) * 100.0, 1)
    )
}

/// A side's bar: what is held, solid, then what is only claimed, outlined in dashes.
#[derive(Debug, Clone, PartialEq)]
pub struct BarPaint {
    pub held: String,
    pub held_width: String,
    pub claimed: String,
    pub claimed_class: &'static str,
    pub claimed_x: String,
    pub claimed_width: String,
    /// Whether the bar's words mention claims.
    pub claims: bool,
}

impl BarPaint {
    pub fn of(c: Count, total: u16) -> BarPaint {
        BarPaint {
            held: c.held.to_string(),
            held_width: bar_pct(c.held, total),
            claimed: c.claimed.to_string(),
            claimed_class: if c.claimed > 0 {
                "bar claimed"
            } else {
                "bar claimed none"
            },
            claimed_x: bar_pct(c.held, total),
            claimed_width: bar_pct(c.claimed, total),
            claims: c.claimed > 0,
        }
    }
}

/// The bars of a chart frame.
pub fn bars(script: &Script, chart: &ChartFrame) -> Vec<BarPaint> {
    chart
        .counts
        .iter()
        .map(|&c| BarPaint::of(c, script.bases))
        .collect()
}

/// How a step card shows whether it is the reader's step.
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

    pub fn class(self) -> &'static str {
        if self.active {
            "step active"
        } else {
            "step"
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

/// A mark of the step rail while step `active` is the reader's: its class and `aria-current`.
pub fn rail_mark(index: usize, active: usize) -> (&'static str, Option<&'static str>) {
    (
        if index < active { "done" } else { "" },
        (index == active).then_some("step"),
    )
}

/// Everything of a frame that follows the step at once (not eased): the panel's head, the
/// rail, the step cards' marks, the chart, and the map in words.
#[derive(Debug, Clone, PartialEq)]
pub struct StepPaint {
    /// The panel's `data-step-id`.
    pub step: String,
    /// "5" of "Step 5 of 14".
    pub number: String,
    pub when: String,
    pub place: String,
    /// Each rail mark's class and `aria-current`.
    pub rail: Vec<(&'static str, Option<&'static str>)>,
    /// Each step card's marks.
    pub cards: Vec<StepMarks>,
    /// Each relation's class, and whether it shows.
    pub relations: Vec<(String, bool)>,
    /// Each faction's class, and whether it is lit.
    pub factions: Vec<(&'static str, bool)>,
    pub bars: Vec<BarPaint>,
    pub chart_summary: String,
    pub map_summary: String,
    /// Each row of the table of places: its status and holder, or hidden.
    pub rows: Vec<Option<String>>,
}

impl StepPaint {
    pub fn of(script: &Script, index: usize) -> StepPaint {
        let frame = &script.frames[index];
        let steps = script.frames.len();
        let chart = &frame.chart;
        StepPaint {
            step: frame.step.to_string(),
            number: (index + 1).to_string(),
            when: frame.when.to_string(),
            place: frame.place.to_string(),
            rail: (0..steps).map(|i| rail_mark(i, index)).collect(),
            cards: (0..steps).map(|i| StepMarks::of(i, index)).collect(),
            relations: script
                .relations
                .iter()
                .zip(chart.relations.iter())
                .map(|(base, &r)| (relation_class(base, r), r.shown))
                .collect(),
            factions: chart.lit.iter().map(|&l| (faction_class(l), l)).collect(),
            bars: bars(script, chart),
            chart_summary: chart.summary.to_string(),
            map_summary: frame.map_words.summary.to_string(),
            rows: frame
                .map_words
                .rows
                .iter()
                .map(|r| r.as_deref().map(str::to_owned))
                .collect(),
        }
    }
}
