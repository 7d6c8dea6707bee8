//! What the map shows at a point of the story: a pure function of (step, progress), and the
//! interpolation between two scenes that the view animates through.

use super::projection::{Projection, MAP_HEIGHT, MAP_WIDTH};
use crate::num::{fixed, within};
use crate::story::{EventKind, Precision, Side, Status, Story, Window};

/// How far a step's camera may zoom when its data gives no zoom but a focus.
pub const DEFAULT_FOCUS_ZOOM: f64 = 2.0;
/// The size of place labels in viewBox px (the stylesheet's `.label`), for the collision test.
pub const LABEL_FONT_PX: f64 = 13.0;

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
    /// Whether the label shows at this zoom.
    pub label: f64,
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
        let markers = story
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
                }
            })
            .collect();

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
        let elsewhere = step_place.is_some_and(|i| !story.places[i].drawn_in(Window::CITY));

        Scene {
            camera,
            markers,
            retreat: flow(EventKind::Retreat),
            sorties: flow(EventKind::AirRaids),
            sortie_phase: within(progress, 0.0, 1.0),
            overrun,
            locator: if elsewhere { 1.0 } else { 0.0 },
            locator_place: step_place,
        }
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
        }
    }
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
