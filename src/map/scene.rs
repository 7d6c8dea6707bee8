//! What the map shows at a point of the story: a pure function of (step, progress), and the
//! interpolation between two scenes that the view animates through.

use super::projection::{Projection, MAP_HEIGHT, MAP_WIDTH};
use crate::geom::{inside, meets, Rect};
use crate::num::{fixed, within};
use crate::story::{EventKind, LabelSide, Precision, Side, Status, Story, Window};

/// How far a step's camera may zoom when its data gives no zoom but a focus.
pub const DEFAULT_FOCUS_ZOOM: f64 = 2.0;
/// The size of place labels in viewBox px (the stylesheet's `.label`), for the collision test.
pub const LABEL_FONT_PX: f64 = 13.0;
/// The largest `--glyph-scale` of the stylesheet (phones): symbols and labels are drawn up to
/// this much larger than in the viewBox, so room for them is measured at this scale.
pub const MAX_GLYPH_SCALE: f64 = 1.9;
/// The locator at rest, in viewBox px with its margin: the stylesheet's widest (24% of the
/// map on phones) at the aspect of its own viewBox.
const LOCATOR_BOX: (f64, f64) = (207.0, 178.0);

/// Where a label sits relative to its marker: dx, dy (to the baseline) and text-anchor, in
/// viewBox px before the glyph scale.
pub fn label_offset(side: LabelSide) -> (f64, f64, &'static str) {
    match side {
        LabelSide::Right => (12.0, 4.5, "start"),
        LabelSide::Left => (-12.0, 4.5, "end"),
        LabelSide::Above => (0.0, -14.0, "middle"),
        LabelSide::Below => (0.0, 23.0, "middle"),
    }
}

/// The box of a label of `text` beside a symbol at (x, y) on screen, drawn `scale` times its
/// viewBox size. Bold sans-serif averages about 0.62 em a character.
pub fn label_box(x: f64, y: f64, side: LabelSide, text: &str, scale: f64) -> Rect {
    let w = text.chars().count() as f64 * LABEL_FONT_PX * 0.62 * scale;
    let h = LABEL_FONT_PX * scale;
    let (dx, dy, _) = label_offset(side);
    let left = match side {
        LabelSide::Right => x + dx * scale,
        LabelSide::Left => x + dx * scale - w,
        LabelSide::Above | LabelSide::Below => x - w / 2.0,
    };
    // dy is to the baseline: the text stands about 0.8 em above it and 0.2 em below.
    let base = y + dy * scale;
    [left, base - h * 0.8, left + w, base + h * 0.2]
}

/// The box of a symbol at (x, y) on screen, drawn `scale` times its viewBox size.
pub fn symbol_box(x: f64, y: f64, scale: f64) -> Rect {
    let r = 8.0 * scale;
    [x - r, y - r, x + r, y + r]
}

/// Where along its road (0 to 1) a road's name may sit, the middle first.
const ROAD_LABEL_AT: [f64; 5] = [0.5, 0.62, 0.38, 0.74, 0.26];

/// The box of a road's name, drawn above the point `at` (0 to 1) of the way along the road
/// from `a` to `b` on screen (the stylesheet's `.road-label`, 11 px; the road is nearly level).
pub fn road_label_box(a: (f64, f64), b: (f64, f64), at: f64, name: &str, scale: f64) -> Rect {
    let (x, y) = (
        a.0 + (b.0 - a.0) * at,
        a.1 + (b.1 - a.1) * at - 10.0 * scale,
    );
    let w = name.chars().count() as f64 * 11.0 * 0.6 * scale;
    [x - w / 2.0, y - 6.0 * scale, x + w / 2.0, y + 4.0 * scale]
}

/// The sides a label may take, the data's first, then the opposite one, then the other two.
fn sides(side: LabelSide) -> [LabelSide; 4] {
    use LabelSide::{Above, Below, Left, Right};
    match side {
        Right => [Right, Left, Below, Above],
        Left => [Left, Right, Below, Above],
        Above => [Above, Below, Right, Left],
        Below => [Below, Above, Right, Left],
    }
}

/// The corner of the map where the locator sits at rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    /// Over empty land south-east of the city: free at every step of this story.
    BottomRight,
    /// Over the sea, for a camera (after a change of the story's data) that brings places under
    /// the bottom-right corner.
    TopLeft,
}

impl Corner {
    /// The box it covers at rest, in viewBox px.
    pub fn area(self) -> Rect {
        let (w, h) = LOCATOR_BOX;
        match self {
            Corner::TopLeft => [0.0, 0.0, w, h],
            Corner::BottomRight => [MAP_WIDTH - w, MAP_HEIGHT - h, MAP_WIDTH, MAP_HEIGHT],
        }
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f64, pub f64, pub f64);

impl Rgb {
    const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xff) as f64,
            ((v >> 8) & 0xff) as f64,
            (v & 0xff) as f64,
        )
    }

    pub fn css(&self) -> String {
        format!(
            "#{:02x}{:02x}{:02x}",
            self.0.round() as u8,
            self.1.round() as u8,
            self.2.round() as u8
        )
    }

    fn lerp(a: Rgb, b: Rgb, t: f64) -> Rgb {
        Rgb(lerp(a.0, b.0, t), lerp(a.1, b.1, t), lerp(a.2, b.2, t))
    }
}

/// The colour of each side, from the Okabe–Ito palette, which colour-blind readers can tell
/// apart; the map never relies on colour alone (shapes and labels carry the status).
pub fn side_colour(side: Side) -> Rgb {
    match side {
        Side::Haftar => Rgb::hex(0x0072b2),
        Side::Islamist => Rgb::hex(0xd55e00),
        Side::State => Rgb::hex(0x6e6e6e),
        Side::International => Rgb::hex(0xcc79a7),
        Side::Civilians => Rgb::hex(0x009e73),
        Side::Combatants => Rgb::hex(0xe69f00),
    }
}

/// The colour of a place that no faction holds in the story (the city itself).
pub const NEUTRAL: Rgb = Rgb(60.0, 60.0, 60.0);

/// The map's view: the point at the centre (in map pixels) and the zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub x: f64,
    pub y: f64,
    pub k: f64,
}

impl Camera {
    /// The whole window.
    pub const WIDE: Camera = Camera {
        x: MAP_WIDTH / 2.0,
        y: MAP_HEIGHT / 2.0,
        k: 1.0,
    };

    /// Centred on (x, y) at zoom k, moved as little as needed to keep the view on the map.
    pub fn centred(x: f64, y: f64, k: f64) -> Camera {
        let (half_w, half_h) = (MAP_WIDTH / 2.0 / k, MAP_HEIGHT / 2.0 / k);
        Camera {
            x: within(x, half_w, MAP_WIDTH - half_w),
            y: within(y, half_h, MAP_HEIGHT - half_h),
            k,
        }
    }

    /// Where a map pixel appears on screen (in viewBox units).
    pub fn apply(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            (x - self.x) * self.k + MAP_WIDTH / 2.0,
            (y - self.y) * self.k + MAP_HEIGHT / 2.0,
        )
    }

    /// The SVG transform of the land, which is drawn in map pixels.
    pub fn transform(&self) -> String {
        format!(
            "translate({} {}) scale({})",
            fixed(MAP_WIDTH / 2.0 - self.x * self.k, 2),
            fixed(MAP_HEIGHT / 2.0 - self.y * self.k, 2),
            fixed(self.k, 4)
        )
    }

    /// Zooms geometrically, so a zoom from 1 to 4 looks even, and pans so the point at the
    /// centre moves in a straight line on screen.
    fn lerp(a: Camera, b: Camera, t: f64) -> Camera {
        let k = a.k * (b.k / a.k).powf(t);
        Camera {
            x: lerp(a.x, b.x, t),
            y: lerp(a.y, b.y, t),
            k,
        }
    }
}

/// A place drawn on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Index into `Story::places`.
    pub place: usize,
    /// Position in map pixels.
    pub x: f64,
    pub y: f64,
    /// For approximate places: the radius of uncertainty in map pixels.
    pub uncertainty: Option<f64>,
    /// The holder's colour, or [`NEUTRAL`].
    pub colour: Rgb,
    /// How it is held; `None` for places without a control history (the city).
    pub status: Option<Status>,
    /// Index into `Story::factions` of the holder.
    pub holder: Option<usize>,
    /// 1 for the places the step speaks of, 0 for the others.
    pub focus: f64,
    /// Whether the label shows: 1 when the zoom allows it and it fits on the view, else 0.
    pub label: f64,
    /// The side of its symbol the label sits on: the data's, or another where the data's would
    /// run off the view or meet another label, a symbol or a road's name.
    pub label_side: LabelSide,
}

/// A line drawn between two places, growing from its start as `drawn` goes from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flow {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub drawn: f64,
}

/// Everything the map shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub camera: Camera,
    pub markers: Vec<Marker>,
    /// The retreat from Bu Attni to Ar Rajmah.
    pub retreat: Option<Flow>,
    /// Sorties from Benina; `drawn` is how visible they are.
    pub sorties: Option<Flow>,
    /// How far along their route the sorties' dashes have moved: the step's progress.
    pub sortie_phase: f64,
    /// Index of the place just overrun (a burst plays on it).
    pub overrun: Option<usize>,
    /// 0 normally; 1 when the step happens elsewhere in Libya and the locator comes forward.
    pub locator: f64,
    /// Index into `Story::places` of the step's place, for the locator's highlight.
    pub locator_place: Option<usize>,
    /// Where the locator sits at rest: a corner where it covers no place.
    pub locator_corner: Corner,
    /// The locator's opacity: it fades out and back in when it changes corner.
    pub locator_opacity: f64,
    /// Where along its road (0 to 1) every road's name sits.
    pub road_label_at: f64,
}

/// The projection of the main map.
pub fn city_projection(story: &Story) -> Projection {
    let w = story
        .windows
        .iter()
        .find(|w| w.id == Window::CITY)
        .expect("validated: the city window exists");
    Projection::fit(w.west, w.south, w.east, w.north, MAP_WIDTH, MAP_HEIGHT)
}

impl Scene {
    /// The scene at step `index`, `progress` (0 to 1) of the way through it.
    pub fn at(story: &Story, index: usize, progress: f64) -> Scene {
        let index = index.min(story.steps.len() - 1);
        let step = &story.steps[index];
        let projection = city_projection(story);
        let position = |place: usize| {
            let p = &story.places[place];
            projection.project(p.lon.unwrap_or_default(), p.lat.unwrap_or_default())
        };
        let place_index = |id: &str| story.places.iter().position(|p| p.id == id);

        let camera = match &step.focus {
            Some(focus) => {
                let (x, y) = position(place_index(focus).expect("validated focus"));
                Camera::centred(x, y, step.zoom.unwrap_or(DEFAULT_FOCUS_ZOOM))
            }
            None => Camera::centred(MAP_WIDTH / 2.0, MAP_HEIGHT / 2.0, step.zoom.unwrap_or(1.0)),
        };

        let events: Vec<_> = story.events.iter().filter(|e| e.step == step.id).collect();
        let spoken_of = |id: &str| {
            step.place == id
                || step.focus.as_deref() == Some(id)
                || events.iter().any(|e| e.places.iter().any(|p| p == id))
        };
        let control = story.control_at(index);
        let mut markers = story
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.precision != Precision::Unknown && p.drawn_in(Window::CITY))
            .map(|(i, place)| {
                let (x, y) = position(i);
                let change = control.iter().find(|c| c.place == place.id);
                let holder = change.and_then(|c| story.faction_index(&c.holder));
                Marker {
                    place: i,
                    x,
                    y,
                    uncertainty: place.radius_km.map(|km| km * projection.px_per_km()),
                    colour: holder.map_or(NEUTRAL, |f| side_colour(story.factions[f].side)),
                    status: change.map(|c| c.status),
                    holder,
                    focus: if spoken_of(&place.id) { 1.0 } else { 0.0 },
                    label: if camera.k >= place.label_zoom.unwrap_or(1.0) {
                        1.0
                    } else {
                        0.0
                    },
                    label_side: place.label_side,
                }
            })
            .collect::<Vec<_>>();
        let road_label_at = place_labels(story, &camera, &mut markers);

        let flow = |kind: EventKind| {
            let event = events.iter().find(|e| e.kind == kind)?;
            let from = place_index(event.places.first()?)?;
            let to = place_index(event.places.get(1)?)?;
            Some(Flow {
                from: position(from),
                to: position(to),
                drawn: 1.0,
            })
        };
        let overrun = events
            .iter()
            .find(|e| e.kind == EventKind::Overrun)
            .and_then(|e| place_index(e.places.first()?));
        let step_place = place_index(&step.place);
        // Elsewhere in Libya: a place the locator marks and the city map does not. A place no
        // map draws (Shipna, a district of Benghazi that no source locates) is not elsewhere.
        let elsewhere = step_place.is_some_and(|i| {
            let place = &story.places[i];
            place.drawn_in(Window::LOCATOR) && !place.drawn_in(Window::CITY)
        });

        let locator_corner = locator_corner(story, &camera, &markers);
        Scene {
            camera,
            markers,
            retreat: flow(EventKind::Retreat),
            sorties: flow(EventKind::AirRaids),
            sortie_phase: within(progress, 0.0, 1.0),
            overrun,
            locator: if elsewhere { 1.0 } else { 0.0 },
            locator_place: step_place,
            locator_corner,
            locator_opacity: 1.0,
            road_label_at,
        }
    }

    /// This scene at `progress` (0 to 1) through its step. Only the sorties move within a step,
    /// so a view places the labels (the costly part of [`Scene::at`]) once per step and calls
    /// this on each scroll frame.
    pub fn at_progress(mut self, progress: f64) -> Scene {
        self.sortie_phase = within(progress, 0.0, 1.0);
        self
    }

    /// The scene `t` (0 to 1, already eased) of the way from `a` to `b`. Numbers move
    /// smoothly; what cannot move (a marker's shape, which place just fell) switches halfway.
    pub fn lerp(a: &Scene, b: &Scene, t: f64) -> Scene {
        let t = within(t, 0.0, 1.0);
        let late = t >= 0.5;
        let markers = b
            .markers
            .iter()
            .map(|mb| {
                let Some(ma) = a.markers.iter().find(|m| m.place == mb.place) else {
                    return mb.clone();
                };
                Marker {
                    colour: Rgb::lerp(ma.colour, mb.colour, t),
                    status: if late { mb.status } else { ma.status },
                    holder: if late { mb.holder } else { ma.holder },
                    focus: lerp(ma.focus, mb.focus, t),
                    label: lerp(ma.label, mb.label, t),
                    label_side: if late { mb.label_side } else { ma.label_side },
                    ..mb.clone()
                }
            })
            .collect();
        // A flow fades in by growing and out by shrinking back to where it came from.
        let flow = |fa: Option<Flow>, fb: Option<Flow>| match (fa, fb) {
            (_, Some(f)) => Some(Flow {
                drawn: lerp(fa.map_or(0.0, |f| f.drawn), f.drawn, t),
                ..f
            }),
            (Some(f), None) => Some(Flow {
                drawn: lerp(f.drawn, 0.0, t),
                ..f
            })
            .filter(|f| f.drawn > 0.0),
            (None, None) => None,
        };
        Scene {
            camera: Camera::lerp(a.camera, b.camera, t),
            markers,
            retreat: flow(a.retreat, b.retreat),
            sorties: flow(a.sorties, b.sorties),
            sortie_phase: b.sortie_phase,
            overrun: if late { b.overrun } else { a.overrun },
            locator: lerp(a.locator, b.locator, t),
            locator_place: if late {
                b.locator_place
            } else {
                a.locator_place
            },
            // The corner switches halfway, where the locator has faded out.
            locator_corner: if late {
                b.locator_corner
            } else {
                a.locator_corner
            },
            road_label_at: lerp(a.road_label_at, b.road_label_at, t),
            locator_opacity: if a.locator_corner == b.locator_corner {
                lerp(a.locator_opacity, b.locator_opacity, t)
            } else {
                (1.0 - 2.0 * t).abs()
            },
        }
    }
}

/// Places the markers' labels where they can be read: at the largest glyph scale each shown
/// label stays on the view, clear of the symbols, the road names and the other labels. Of all
/// such placements it takes the one that shows the most labels of the places the step speaks
/// of, then the most labels, then keeps the most of the data's sides (tried first, see
/// [`sides`]). A place whose symbol is off the view shows no label. The road names move along
/// their roads ([`ROAD_LABEL_AT`], the middle first) where that lets more labels show. Five
/// places with five choices each and five places for the road names: searching them all is
/// cheap (microseconds). Returns where along its road every road's name sits.
fn place_labels(story: &Story, camera: &Camera, markers: &mut [Marker]) -> f64 {
    let view = [0.0, 0.0, MAP_WIDTH, MAP_HEIGHT];
    let screen: Vec<_> = markers.iter().map(|m| camera.apply((m.x, m.y))).collect();
    let at = |id: &str| {
        markers
            .iter()
            .zip(&screen)
            .find(|(m, _)| story.places[m.place].id == id)
            .map(|(_, &p)| p)
    };
    let symbols: Vec<Rect> = screen
        .iter()
        .map(|&(x, y)| symbol_box(x, y, MAX_GLYPH_SCALE))
        .collect();
    // The best placement of the markers' labels with the road names at `along`: its score and
    // each marker's choice.
    let place = |along: f64| {
        let roads: Vec<Rect> = story
            .routes
            .iter()
            .filter_map(|r| {
                let (a, b) = (at(&r.from)?, at(&r.to)?);
                Some(road_label_box(a, b, along, &r.name, MAX_GLYPH_SCALE))
            })
            .collect();
        // Each marker's choices that fit on their own, with what each is worth.
        let choices: Vec<Vec<(Option<LabelSide>, Rect, u32)>> = markers
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let (x, y) = screen[i];
                let mut options = vec![(None, [0.0; 4], 0)];
                if m.label < 0.5 || !inside([x, y, x, y], view) {
                    return options;
                }
                let text = &story.places[m.place].short;
                let worth = if m.focus > 0.5 { 100 } else { 10 };
                for side in sides(m.label_side) {
                    let b = label_box(x, y, side, text, MAX_GLYPH_SCALE);
                    let clear = inside(b, view)
                        && !roads.iter().any(|&r| meets(b, r))
                        && !symbols
                            .iter()
                            .enumerate()
                            .any(|(j, &s)| j != i && meets(b, s));
                    if clear {
                        options.push((Some(side), b, worth + u32::from(side == m.label_side)));
                    }
                }
                options
            })
            .collect();
        let mut best = (0, Vec::new());
        search(&choices, &mut Vec::new(), 0, &mut best);
        let sides: Vec<Option<LabelSide>> = choices
            .iter()
            .zip(&best.1)
            .map(|(options, &c)| options[c].0)
            .collect();
        (best.0, sides)
    };
    // Depth-first over the markers, keeping the best set of labels that do not meet.
    fn search(
        choices: &[Vec<(Option<LabelSide>, Rect, u32)>],
        picked: &mut Vec<usize>,
        score: u32,
        best: &mut (u32, Vec<usize>),
    ) {
        let k = picked.len();
        if k == choices.len() {
            if score > best.0 || best.1.is_empty() {
                *best = (score, picked.clone());
            }
            return;
        }
        for (c, &(side, b, worth)) in choices[k].iter().enumerate() {
            let clashes = side.is_some()
                && picked
                    .iter()
                    .enumerate()
                    .any(|(j, &p)| choices[j][p].0.is_some() && meets(b, choices[j][p].1));
            if !clashes {
                picked.push(c);
                search(choices, picked, score + worth, best);
                picked.pop();
            }
        }
    }
    // The road names' place that shows the most (the middle where others do no better).
    let mut best = (ROAD_LABEL_AT[0], place(ROAD_LABEL_AT[0]));
    for &along in &ROAD_LABEL_AT[1..] {
        let placed = place(along);
        if placed.0 > best.1 .0 {
            best = (along, placed);
        }
    }
    let (along, (_, chosen)) = best;
    for (marker, side) in markers.iter_mut().zip(chosen) {
        match side {
            Some(side) => marker.label_side = side,
            None => marker.label = 0.0,
        }
    }
    along
}

/// The first corner where the locator at rest covers no symbol and no shown label.
fn locator_corner(story: &Story, camera: &Camera, markers: &[Marker]) -> Corner {
    let covers = |corner: Corner| {
        markers.iter().any(|m| {
            let (x, y) = camera.apply((m.x, m.y));
            let text = &story.places[m.place].short;
            meets(symbol_box(x, y, MAX_GLYPH_SCALE), corner.area())
                || (m.label >= 0.5
                    && meets(
                        label_box(x, y, m.label_side, text, MAX_GLYPH_SCALE),
                        corner.area(),
                    ))
        })
    };
    [Corner::BottomRight, Corner::TopLeft]
        .into_iter()
        .find(|&c| !covers(c))
        .unwrap_or(Corner::TopLeft)
}

/// Slow at both ends, as a camera move should be.
pub fn ease(t: f64) -> f64 {
    let t = within(t, 0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

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
