//! The map of every step, settled: where the camera looks, how each place looks and where its
//! label goes, which lines are drawn, where the locator sits. Computed once, here, at build
//! time: the label search and the locator's corner never run in the browser.

use crate::geom::{inside, meets, Rect};
use crate::model::{Draw, LabelSide, LandmarkKind, Story, WindowRole};
use crate::projection::{Projection, MAP_HEIGHT, MAP_WIDTH};
use crate::vocabulary::{look_index, side_class, side_colour, NEUTRAL};
use story_script::{
    Camera, Corner, Line, LineStyle, Locator, MapFrame, Marker, MarkerFrame, Point, Road, Side,
};

/// How far a step's camera zooms when its data gives a focus but no zoom.
pub const DEFAULT_FOCUS_ZOOM: f64 = 2.0;
/// The size of place labels in viewBox px (the stylesheet's `.label`), for the collision test.
pub const LABEL_FONT_PX: f64 = 13.0;
/// The stylesheet's `--glyph-scale`s, from the largest frames to the smallest: symbols and
/// labels are drawn this much larger than in the viewBox, so that words stay at least 11 px
/// high. Positions scale with the frame and glyphs do not, so room for a label is measured at
/// each of them.
pub const GLYPH_SCALES: [f64; 3] = [1.2, 1.55, 2.1];
/// The largest of [`GLYPH_SCALES`].
pub const MAX_GLYPH_SCALE: f64 = GLYPH_SCALES[2];

/// A thing's box at each of [`GLYPH_SCALES`].
type Boxes = [Rect; 3];

/// Whether two things meet at any of the glyph scales.
fn clash(a: &Boxes, b: &Boxes) -> bool {
    a.iter().zip(b).any(|(&a, &b)| meets(a, b))
}
/// The locator at rest, in viewBox px with its margin: the stylesheet's widest (24% of the
/// map on phones) at the aspect of its own viewBox.
const LOCATOR_BOX: (f64, f64) = (207.0, 178.0);
/// In which frames a step shows its road names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoadNames {
    /// In every frame.
    Everywhere,
    /// In the frames drawn at all but the largest glyph scale (the stylesheet hides them in
    /// the smallest), where the names find room.
    Roomy,
    /// In none.
    Nowhere,
}

impl RoadNames {
    /// As the frame's `road_label`.
    pub fn value(self) -> f64 {
        match self {
            RoadNames::Everywhere => 1.0,
            RoadNames::Roomy => 0.5,
            RoadNames::Nowhere => 0.0,
        }
    }

    /// At how many glyph scales, the first ones, the names show.
    fn scales(self) -> usize {
        match self {
            RoadNames::Everywhere => GLYPH_SCALES.len(),
            RoadNames::Roomy => GLYPH_SCALES.len() - 1,
            RoadNames::Nowhere => 0,
        }
    }
}

/// What showing the road names is worth against the places' labels: less than the label of a
/// place the step speaks of (100), more than another's (10).
const ROAD_NAME_WORTH: u32 = 50;
/// Where along its road (0 to 1) a road's name may sit, the middle first.
const ROAD_LABEL_AT: [f64; 7] = [0.5, 0.62, 0.38, 0.74, 0.26, 0.84, 0.16];

impl From<LabelSide> for Side {
    fn from(side: LabelSide) -> Side {
        match side {
            LabelSide::Right => Side::Right,
            LabelSide::Left => Side::Left,
            LabelSide::Above => Side::Above,
            LabelSide::Below => Side::Below,
        }
    }
}

/// The box of a label of `text` beside a symbol at `at` on screen, drawn `scale` times its
/// viewBox size. Bold sans-serif averages about 0.62 em a character.
pub fn label_box(at: Point, side: Side, text: &str, scale: f64) -> Rect {
    let w = text.chars().count() as f64 * LABEL_FONT_PX * 0.62 * scale;
    let h = LABEL_FONT_PX * scale;
    let (dx, dy, _) = side.offset();
    let left = match side {
        Side::Right => at.x + dx * scale,
        Side::Left => at.x + dx * scale - w,
        Side::Above | Side::Below => at.x - w / 2.0,
    };
    // dy is to the baseline: the text stands about 0.8 em above it and 0.2 em below.
    let base = at.y + dy * scale;
    [left, base - h * 0.8, left + w, base + h * 0.2]
}

/// The box of a symbol at `at` on screen, drawn `scale` times its viewBox size.
pub fn symbol_box(at: Point, scale: f64) -> Rect {
    let r = 8.0 * scale;
    [at.x - r, at.y - r, at.x + r, at.y + r]
}

/// The size of a road's name in viewBox px (the stylesheet's `.road-label`).
pub const ROAD_FONT_PX: f64 = 13.0;

/// The box on screen of a road's name, its baseline 6 px above the point `along` (0 to 1) of the
/// way from `a` to `b`, turned with the road, drawn `scale` times its viewBox size. Italic
/// sans-serif averages about 0.58 em a character.
pub fn road_label_box(a: Point, b: Point, along: f64, name: &str, scale: f64) -> Rect {
    let (x, y) = (a.x + (b.x - a.x) * along, a.y + (b.y - a.y) * along);
    let (w, h) = (
        name.chars().count() as f64 * ROAD_FONT_PX * 0.58 * scale,
        ROAD_FONT_PX * scale,
    );
    let base = -6.0 * scale;
    let (sin, cos) = (b.y - a.y).atan2(b.x - a.x).sin_cos();
    let corners = [
        (-w / 2.0, base - 0.8 * h),
        (w / 2.0, base - 0.8 * h),
        (-w / 2.0, base + 0.2 * h),
        (w / 2.0, base + 0.2 * h),
    ]
    .map(|(u, v)| (x + u * cos - v * sin, y + u * sin + v * cos));
    let xs = corners.map(|c| c.0);
    let ys = corners.map(|c| c.1);
    let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
    let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
    [min(xs), min(ys), max(xs), max(ys)]
}

/// What the scale bar and the north arrow may cover in the viewBox at most (they sit at the
/// frame's corners, which are the viewBox's or further out).
const SCALE_BAR_AREA: Rect = [0.0, MAP_HEIGHT - 64.0, 220.0, MAP_HEIGHT];
const NORTH_AREA: Rect = [MAP_WIDTH - 48.0, 0.0, MAP_WIDTH, 72.0];
/// The size of a landmark's name in viewBox px (the stylesheet's `.landmark text`).
pub const LANDMARK_FONT_PX: f64 = 13.0;

/// The box of a landmark's name centred on `at` on screen, drawn `scale` times its viewBox
/// size: water in italics (about 0.58 em a character), land in spaced capitals (about 0.8 em).
pub fn landmark_box(at: Point, kind: LandmarkKind, name: &str, scale: f64) -> Rect {
    let em = match kind {
        LandmarkKind::Water => 0.58,
        LandmarkKind::Land => 0.8,
    };
    let (w, h) = (
        name.chars().count() as f64 * LANDMARK_FONT_PX * em * scale,
        LANDMARK_FONT_PX * scale,
    );
    [
        at.x - w / 2.0,
        at.y - 0.5 * h,
        at.x + w / 2.0,
        at.y + 0.5 * h,
    ]
}

/// The sides a label may take, the data's first, then the opposite one, then the other two.
fn sides(side: Side) -> [Side; 4] {
    use Side::{Above, Below, Left, Right};
    match side {
        Right => [Right, Left, Below, Above],
        Left => [Left, Right, Below, Above],
        Above => [Above, Below, Right, Left],
        Below => [Below, Above, Right, Left],
    }
}

/// The box the locator covers at rest in `corner`, in viewBox px.
pub fn corner_area(corner: Corner) -> Rect {
    let (w, h) = LOCATOR_BOX;
    match corner {
        Corner::TopLeft => [0.0, 0.0, w, h],
        Corner::BottomRight => [MAP_WIDTH - w, MAP_HEIGHT - h, MAP_WIDTH, MAP_HEIGHT],
    }
}

/// A camera centred on (x, y) at zoom k, moved as little as needed to keep the view on the map.
pub fn centred(x: f64, y: f64, k: f64) -> Camera {
    let (half_w, half_h) = (MAP_WIDTH / 2.0 / k, MAP_HEIGHT / 2.0 / k);
    Camera {
        x: x.max(half_w).min(MAP_WIDTH - half_w),
        y: y.max(half_h).min(MAP_HEIGHT - half_h),
        k,
    }
}

/// The projection of the main map.
pub fn city_projection(story: &Story) -> Projection {
    let w = story.window(WindowRole::Map);
    Projection::fit(w.west, w.south, w.east, w.north, MAP_WIDTH, MAP_HEIGHT)
}

/// What the map draws at every step: its places, lines and roads, in drawing order.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPlan {
    /// Indices into `Story::places` of the places drawn, in drawing order.
    pub places: Vec<usize>,
    pub markers: Vec<Marker>,
    /// Each line, and the event kind (its id) and places it stands for.
    pub lines: Vec<(Line, String, usize, usize)>,
    pub roads: Vec<Road>,
    /// Indices into `Story::places` of the cities on the locator.
    pub locator_cities: Vec<usize>,
    /// Where each landmark's name is centred, in map pixels (`Story::landmarks` order).
    pub landmarks: Vec<Point>,
}

/// The style of the line that an event of kind `draw` between two places is drawn as, if any.
fn line_style(draw: Option<Draw>) -> Option<LineStyle> {
    match draw? {
        Draw::Arrow => Some(LineStyle::Arrow),
        Draw::Fan => Some(LineStyle::Fan),
        Draw::Burst => None,
    }
}

impl MapPlan {
    pub fn of(story: &Story) -> MapPlan {
        let projection = city_projection(story);
        let at = |i: usize| {
            let p = &story.places[i];
            let (x, y) = projection.project(p.lon.unwrap_or_default(), p.lat.unwrap_or_default());
            Point { x, y }
        };
        let places: Vec<usize> = (0..story.places.len())
            .filter(|&i| {
                let p = &story.places[i];
                story.on_map(p)
            })
            .collect();
        let markers = places
            .iter()
            .map(|&i| Marker {
                place: story.places[i].id.clone().into(),
                at: at(i),
                uncertainty: story.places[i]
                    .radius_km
                    .map(|km| km * projection.px_per_km()),
            })
            .collect();
        let mut lines: Vec<(Line, String, usize, usize)> = Vec::new();
        for event in &story.events {
            let draw = story.kind(&event.kind).and_then(|k| k.draw);
            let (Some(style), [from, to, ..]) = (line_style(draw), event.places.as_slice()) else {
                continue;
            };
            let (Some(from), Some(to)) = (story.place_index(from), story.place_index(to)) else {
                continue;
            };
            if !lines
                .iter()
                .any(|l| (l.1.as_str(), l.2, l.3) == (event.kind.as_str(), from, to))
            {
                let mover = event.factions.first().and_then(|f| story.faction(f));
                let side = mover.map_or(0, |f| story.side_index(f));
                let line = Line {
                    from: at(from),
                    to: at(to),
                    style,
                    class: side_class(&story.sides[side]).into(),
                };
                lines.push((line, event.kind.clone(), from, to));
            }
        }
        let roads = story
            .routes
            .iter()
            .map(|r| {
                let (a, b) = (
                    at(story.place_index(&r.from).expect("validated")),
                    at(story.place_index(&r.to).expect("validated")),
                );
                Road {
                    from: a,
                    to: b,
                    // A camera scales evenly: the road's angle on screen is its angle on the map.
                    angle: (b.y - a.y).atan2(b.x - a.x).to_degrees(),
                }
            })
            .collect();
        let locator_cities = (0..story.places.len())
            .filter(|&i| story.drawn_in(&story.places[i], WindowRole::Locator))
            .collect();
        MapPlan {
            places,
            markers,
            lines,
            roads,
            locator_cities,
            landmarks: story
                .landmarks
                .iter()
                .map(|l| {
                    let (x, y) = projection.project(l.lon, l.lat);
                    Point { x, y }
                })
                .collect(),
        }
    }

    /// The map, settled, at step `index`.
    pub fn frame(&self, story: &Story, index: usize) -> MapFrame {
        let step = &story.steps[index];
        let position = |place: &str| {
            let i = story.place_index(place)?;
            let m = self.places.iter().position(|&p| p == i)?;
            Some(self.markers[m].at)
        };
        let camera = match &step.focus {
            Some(focus) => {
                let at = position(focus).expect("validated: the focus is on the city map");
                centred(at.x, at.y, step.zoom.unwrap_or(DEFAULT_FOCUS_ZOOM))
            }
            None => centred(MAP_WIDTH / 2.0, MAP_HEIGHT / 2.0, step.zoom.unwrap_or(1.0)),
        };

        let events: Vec<_> = story.events.iter().filter(|e| e.step == step.id).collect();
        let spoken_of = |id: &str| {
            step.place.as_deref() == Some(id)
                || step.focus.as_deref() == Some(id)
                || events.iter().any(|e| e.places.iter().any(|p| p == id))
        };
        let control = story.control_at(index);
        let mut markers: Vec<MarkerFrame> = self
            .places
            .iter()
            .map(|&i| {
                let place = &story.places[i];
                let change = control.iter().find(|c| c.place == place.id);
                let holder = change.and_then(|c| story.faction(&c.holder));
                MarkerFrame {
                    colour: holder.map_or(NEUTRAL, |f| side_colour(story.side_of(f))),
                    look: look_index(change.map(|c| c.status)),
                    holder: holder.map_or(String::new(), |f| f.short.clone()).into(),
                    focus: if spoken_of(&place.id) { 1.0 } else { 0.0 },
                    label: if camera.k >= place.label_zoom.unwrap_or(1.0) {
                        1.0
                    } else {
                        0.0
                    },
                    side: place.label_side.into(),
                }
            })
            .collect();
        let (road_label_at, road_named) = self.place_labels(story, &camera, &mut markers);

        let lines = self
            .lines
            .iter()
            .map(|(_, kind, from, to)| {
                let (from, to) = (*from, *to);
                let drawn = events.iter().find(|e| e.kind == *kind).is_some_and(|e| {
                    e.places.first() == Some(&story.places[from].id)
                        && e.places.get(1) == Some(&story.places[to].id)
                });
                if drawn {
                    1.0
                } else {
                    0.0
                }
            })
            .collect();
        let burst = events
            .iter()
            .find(|e| story.kind(&e.kind).and_then(|k| k.draw) == Some(Draw::Burst))
            .and_then(|e| story.place_index(e.places.first()?))
            .and_then(|i| self.places.iter().position(|&p| p == i))
            .map(|m| m as u8);
        let step_place = step.place.as_deref().and_then(|p| story.place_index(p));
        // Elsewhere in the country: a place the locator marks and the main map does not. A place
        // no map draws (a district no source locates) is not elsewhere.
        let elsewhere = step_place.is_some_and(|i| {
            let place = &story.places[i];
            story.drawn_in(place, WindowRole::Locator) && !story.drawn_in(place, WindowRole::Map)
        });
        let here = step_place
            .and_then(|i| self.locator_cities.iter().position(|&c| c == i))
            .map(|c| c as u8);
        let corner = self.locator_corner(story, &camera, &markers);
        let landmarks = self.landmarks_shown(
            story,
            &camera,
            &markers,
            (road_label_at, road_named),
            corner,
        );
        MapFrame {
            camera,
            markers: markers.into(),
            lines,
            burst,
            locator: Locator {
                forward: if elsewhere { 1.0 } else { 0.0 },
                here,
                corner,
                opacity: 1.0,
            },
            road_label_at,
            road_label: road_named.value(),
            landmarks: landmarks.into(),
        }
    }

    /// The short name of marker `m`'s place.
    fn short<'s>(&self, story: &'s Story, m: usize) -> &'s str {
        &story.places[self.places[m]].short
    }

    /// Places the markers' labels where they can be read: at every glyph scale each shown label
    /// stays on the view, clear of the symbols, the road names and the other labels. Of all
    /// such placements it takes the one that shows the most labels of the places the step speaks
    /// of, then the most labels, then keeps the most of the data's sides (tried first, see
    /// [`sides`]). A place whose symbol is off the view shows no label. The road names move
    /// along their roads ([`ROAD_LABEL_AT`], the middle first) where that lets more labels
    /// show, and give way where they would cover a symbol wherever they sit. Returns where
    /// along its road every road's name sits, and whether the names show.
    fn place_labels(
        &self,
        story: &Story,
        camera: &Camera,
        markers: &mut [MarkerFrame],
    ) -> (f64, RoadNames) {
        let view = [0.0, 0.0, MAP_WIDTH, MAP_HEIGHT];
        let screen: Vec<Point> = self.markers.iter().map(|m| camera.apply(m.at)).collect();
        let symbols: Vec<Boxes> = screen
            .iter()
            .map(|&p| GLYPH_SCALES.map(|k| symbol_box(p, k)))
            .collect();
        let road_names =
            |(along, shown): (f64, RoadNames)| self.road_names(story, camera, along, shown);
        // The best placement of the labels with the road names at `along`: its score and each
        // marker's choice.
        let place = |along: Option<(f64, RoadNames)>| {
            let roads = along.map_or_else(Vec::new, road_names);
            // Each marker's choices that fit on their own, with what each is worth.
            let choices: Vec<Vec<(Option<Side>, Boxes, u32)>> = markers
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let at = screen[i];
                    let mut options = vec![(None, [[0.0; 4]; 3], 0)];
                    if m.label < 0.5 || !inside([at.x, at.y, at.x, at.y], view) {
                        return options;
                    }
                    let text = self.short(story, i);
                    let worth = if m.focus > 0.5 { 100 } else { 10 };
                    for side in sides(m.side) {
                        let b = GLYPH_SCALES.map(|k| label_box(at, side, text, k));
                        let clear = b.iter().all(|&b| inside(b, view))
                            && !roads.iter().any(|r| clash(&b, r))
                            && !symbols
                                .iter()
                                .enumerate()
                                .any(|(j, s)| j != i && clash(&b, s));
                        if clear {
                            options.push((Some(side), b, worth + u32::from(side == m.side)));
                        }
                    }
                    options
                })
                .collect();
            let mut best = (0, Vec::new());
            search(&choices, &mut Vec::new(), 0, &mut best);
            let chosen: Vec<Option<Side>> = choices
                .iter()
                .zip(&best.1)
                .map(|(options, &c)| options[c].0)
                .collect();
            (best.0, chosen)
        };
        // Depth-first over the markers, keeping the best set of labels that do not meet.
        fn search(
            choices: &[Vec<(Option<Side>, Boxes, u32)>],
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
            for (c, (side, b, worth)) in choices[k].iter().enumerate() {
                let clashes = side.is_some()
                    && picked
                        .iter()
                        .enumerate()
                        .any(|(j, &p)| choices[j][p].0.is_some() && clash(b, &choices[j][p].1));
                if !clashes {
                    picked.push(c);
                    search(choices, picked, score + worth, best);
                    picked.pop();
                }
            }
        }
        // Where along their roads the names lie whole on the view and cover no symbol on it, in
        // every frame (all the glyph scales) or in the roomier frames only (all but the largest).
        let clear_of_symbols = |at: (f64, RoadNames)| {
            road_names(at).iter().all(|name| {
                name[..at.1.scales()].iter().all(|&b| inside(b, view))
                    && !screen
                        .iter()
                        .zip(&symbols)
                        .any(|(&p, s)| inside([p.x, p.y, p.x, p.y], view) && clash(name, s))
            })
        };
        let places = [RoadNames::Everywhere, RoadNames::Roomy]
            .into_iter()
            .flat_map(|shown| {
                ROAD_LABEL_AT
                    .into_iter()
                    .map(move |along| (along, shown))
                    .filter(|&at| clear_of_symbols(at))
            });
        // Of those, the one that shows the most labels (the first, nearest the middle, in the
        // most frames, where others do no better); or none, where a name would take the room
        // of the label of a place the step speaks of (worth more than a road's name, which is
        // worth more than another place's label) or covers a symbol wherever it sits.
        let mut best = (None, place(None));
        for at in places {
            let (score, chosen) = place(Some(at));
            let worth = if at.1 == RoadNames::Everywhere {
                ROAD_NAME_WORTH
            } else {
                ROAD_NAME_WORTH - 5
            };
            if score + worth > best.1 .0 {
                best = (Some(at), (score + worth, chosen));
            }
        }
        let (at, (_, chosen)) = best;
        let (along, shown) = at.unwrap_or((ROAD_LABEL_AT[0], RoadNames::Nowhere));
        for (marker, side) in markers.iter_mut().zip(chosen) {
            match side {
                Some(side) => marker.side = side,
                None => marker.label = 0.0,
            }
        }
        (along, shown)
    }

    /// The road names' boxes on screen at `along` of their roads, at the glyph scales where
    /// they show (`shown`); at the others they take no room (a box that meets nothing).
    fn road_names(
        &self,
        story: &Story,
        camera: &Camera,
        along: f64,
        shown: RoadNames,
    ) -> Vec<Boxes> {
        story
            .routes
            .iter()
            .zip(&self.roads)
            .map(|(r, road)| {
                let (a, b) = (camera.apply(road.from), camera.apply(road.to));
                let mut boxes = GLYPH_SCALES.map(|k| road_label_box(a, b, along, &r.name, k));
                for b in &mut boxes[shown.scales()..] {
                    *b = [f64::NAN; 4];
                }
                boxes
            })
            .collect()
    }

    /// Whether each landmark's name shows: where, at every glyph scale, it lies whole on the
    /// view and meets no symbol, no shown label or road name, no other landmark's name shown
    /// before it, nor the locator, the scale bar or the north arrow. Orientation comes after
    /// the story's own places.
    fn landmarks_shown(
        &self,
        story: &Story,
        camera: &Camera,
        markers: &[MarkerFrame],
        (along, roads): (f64, RoadNames),
        corner: Corner,
    ) -> Vec<f64> {
        let view = [0.0, 0.0, MAP_WIDTH, MAP_HEIGHT];
        let mut taken: Vec<Boxes> = Vec::new();
        for (i, m) in markers.iter().enumerate() {
            let at = camera.apply(self.markers[i].at);
            if inside([at.x, at.y, at.x, at.y], view) {
                taken.push(GLYPH_SCALES.map(|k| symbol_box(at, k)));
            }
            if m.label >= 0.5 {
                taken.push(GLYPH_SCALES.map(|k| label_box(at, m.side, self.short(story, i), k)));
            }
        }
        taken.extend(self.road_names(story, camera, along, roads));
        for area in [corner_area(corner), SCALE_BAR_AREA, NORTH_AREA] {
            taken.push([area; 3]);
        }
        story
            .landmarks
            .iter()
            .zip(&self.landmarks)
            .map(|(l, &at)| {
                let at = camera.apply(at);
                let b = GLYPH_SCALES.map(|k| landmark_box(at, l.kind, &l.name, k));
                let fits =
                    b.iter().all(|&b| inside(b, view)) && !taken.iter().any(|t| clash(&b, t));
                if fits {
                    taken.push(b);
                    1.0
                } else {
                    0.0
                }
            })
            .collect()
    }

    /// The first corner where the locator at rest covers no symbol and no shown label.
    fn locator_corner(&self, story: &Story, camera: &Camera, markers: &[MarkerFrame]) -> Corner {
        let covers = |corner: Corner| {
            markers.iter().enumerate().any(|(i, m)| {
                let at = camera.apply(self.markers[i].at);
                let area = corner_area(corner);
                meets(symbol_box(at, MAX_GLYPH_SCALE), area)
                    || (m.label >= 0.5
                        && meets(
                            label_box(at, m.side, self.short(story, i), MAX_GLYPH_SCALE),
                            area,
                        ))
            })
        };
        [Corner::BottomRight, Corner::TopLeft]
            .into_iter()
            .find(|&c| !covers(c))
            .unwrap_or(Corner::TopLeft)
    }
}
