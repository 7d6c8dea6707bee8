//! The baked script of a story: the settled frame of every step and the few static facts the
//! player needs to move between them, and nothing else.
//!
//! The compiler (`story-compiler`) computes it natively at build time, from the story's data:
//! cameras, where every marker is and how it looks, where its label goes, which lines are
//! drawn, what the chart lights and counts, and the words that stand in for the graphics. It
//! writes it as a Rust constant (the `bake` feature); the player in the browser reads it from
//! static memory, parses nothing and places, routes or projects nothing. Static geometry (coast,
//! borders, roads, the chart's boxes and lines) is not here: only the pre-rendered HTML has it.
//!
//! `Cow<'static, _>` makes one set of types serve both: owned while the compiler builds them,
//! borrowed from static memory once baked.

use std::borrow::Cow;

/// Text: owned when compiled, `&'static str` when baked.
pub type Text = Cow<'static, str>;
/// A list: owned when compiled, `&'static [T]` when baked.
pub type List<T> = Cow<'static, [T]>;

/// The map's pixel box (its SVG viewBox): map pixels and screen units of the map.
pub const MAP_WIDTH: f64 = 800.0;
pub const MAP_HEIGHT: f64 = 480.0;

/// Marks the types the compiler bakes into Rust source.
macro_rules! baked {
    ($($item:item)*) => {
        $(
            #[derive(Debug, Clone, PartialEq)]
            #[cfg_attr(feature = "bake", derive(databake::Bake), databake(path = story_script))]
            $item
        )*
    };
}

baked! {
    /// The whole script of a story.
    pub struct Script {
        /// One settled frame per step, in reading order.
        pub frames: List<Frame>,
        /// The places the map draws, in drawing order; every frame has one [`MarkerFrame`] for
        /// each, in this order.
        pub markers: List<Marker>,
        /// How a marker's symbol is drawn for each status (and for a place without one): the
        /// frames name them by index.
        pub looks: List<Look>,
        /// The lines the map can draw (movements between places); every frame says how far each
        /// is drawn.
        pub lines: List<Line>,
        /// Roads whose names sit on the map, along the road.
        pub roads: List<Road>,
        /// Where the names that orient the reader (a sea, a district) sit on the map; every
        /// frame says whether each shows.
        pub landmarks: List<Point>,
        /// The classes of each relation's line in the chart (its kind), in the chart's order.
        pub relations: List<Text>,
        /// How many bases the bars' full width stands for.
        pub bases: u16,
        /// Map pixels per kilometre, for the scale bar.
        pub px_per_km: f64,
    }

    /// What the panel shows once it has settled at a step.
    pub struct Frame {
        /// The step's id: the deep link is `#step-<id>`.
        pub step: Text,
        /// What the live region says when the reader arrives: number, title and time.
        pub announcement: Text,
        /// The step's date, or the source's words for its time.
        pub when: Text,
        /// The name of the place it happens at.
        pub place: Text,
        pub map: MapFrame,
        pub map_words: MapWords,
        pub chart: ChartFrame,
    }

    /// The map at a step: the part of a frame that eases from one step to the next.
    pub struct MapFrame {
        pub camera: Camera,
        /// One per [`Script::markers`], in that order.
        pub markers: List<MarkerFrame>,
        /// How far each of [`Script::lines`] is drawn, 0 (not at all) to 1.
        pub lines: List<f64>,
        /// The marker (index) just overrun: a burst plays on it.
        pub burst: Option<u8>,
        pub locator: Locator,
        /// Where along its road (0 to 1) every road's name sits.
        pub road_label_at: f64,
        /// Where the road names show: 1 in every frame, 0.5 in the roomier frames only (the
        /// stylesheet hides them in the smallest), 0 in none (they find no room).
        pub road_label: f64,
        /// Whether each of [`Script::landmarks`] shows, 0 to 1: where it takes no place's room.
        pub landmarks: List<f64>,
    }

    /// Where the map looks: the map pixel at the centre of the view, and the zoom.
    #[derive(Copy)]
    pub struct Camera {
        pub x: f64,
        pub y: f64,
        pub k: f64,
    }

    /// A point in map pixels.
    #[derive(Copy)]
    pub struct Point {
        pub x: f64,
        pub y: f64,
    }

    /// An sRGB colour, each channel 0 to 255 (fractional between two frames).
    #[derive(Copy)]
    pub struct Rgb {
        pub r: f64,
        pub g: f64,
        pub b: f64,
    }

    /// A place drawn on the map, as it stays at every step.
    pub struct Marker {
        /// The place's id.
        pub place: Text,
        /// Where it is, in map pixels.
        pub at: Point,
        /// For a place known only roughly: the radius of uncertainty, in map pixels.
        pub uncertainty: Option<f64>,
    }

    /// A marker at a step.
    pub struct MarkerFrame {
        /// Its holder's colour (a neutral grey for none).
        pub colour: Rgb,
        /// Index into [`Script::looks`].
        pub look: u8,
        /// The holder's short name, or empty.
        pub holder: Text,
        /// 1 for the places the step speaks of, 0 for the others.
        pub focus: f64,
        /// 1 when its label shows (the zoom allows it and it fits), 0 when not.
        pub label: f64,
        /// Which side of its symbol the label sits on.
        pub side: Side,
    }

    /// A side of a symbol, where its label goes.
    #[derive(Copy, Eq)]
    pub enum Side {
        Right,
        Left,
        Above,
        Below,
    }

    /// How a symbol is drawn: its shape says the status, the holder's colour fills or outlines
    /// it.
    pub struct Look {
        /// A stable word for the status (`data-status`): "held", "claimed", "place"…
        pub name: Text,
        /// The symbol's class in the stylesheet.
        pub class: Text,
        /// The outline, as SVG path data around the place at (0, 0).
        pub shape: Text,
        /// Whether the holder's colour fills the symbol (else the stylesheet paints it).
        pub fill: bool,
        /// Whether the holder's colour draws its outline.
        pub stroke: bool,
        /// Whether a pulse and a ring call attention to it (a place under threat).
        pub alert: bool,
    }

    /// A line between two places (a movement: a retreat, raids…).
    pub struct Line {
        pub from: Point,
        pub to: Point,
        pub style: LineStyle,
        /// The CSS class of its side, which paints it (the story's palette).
        pub class: Text,
    }

    /// How a line is drawn.
    #[derive(Copy, Eq)]
    pub enum LineStyle {
        /// One bowed line that grows from its start and ends in an arrowhead.
        Arrow,
        /// A fan of dashed arcs whose dashes travel with the reader's progress through the step.
        Fan,
    }

    /// A road whose name sits along it.
    pub struct Road {
        pub from: Point,
        pub to: Point,
        /// The angle of its name, in degrees: the road's on screen, the same at every zoom.
        pub angle: f64,
    }

    /// The locator of the country.
    pub struct Locator {
        /// 0 at rest in its corner, 1 forward, filling the map's frame (the step is elsewhere).
        pub forward: f64,
        /// The city it marks as the step's, by index among its cities.
        pub here: Option<u8>,
        /// The corner it rests in, where it covers no place.
        pub corner: Corner,
        /// 1, but for a fade out and back in while it changes corner.
        pub opacity: f64,
    }

    /// A corner of the map.
    #[derive(Copy, Eq)]
    pub enum Corner {
        BottomRight,
        TopLeft,
    }

    /// The map of a step in words, for readers who cannot see it.
    pub struct MapWords {
        /// What the map shows, in sentences.
        pub summary: Text,
        /// One per row of the table of places: the place's status and holder, or `None` while
        /// the story has not told it.
        pub rows: List<Option<Text>>,
    }

    /// The chart at a step.
    pub struct ChartFrame {
        /// One per relation, in the chart's order.
        pub relations: List<RelationFrame>,
        /// One per faction: whether the step speaks of it.
        pub lit: List<bool>,
        /// Bases per counted side, in the bars' order.
        pub counts: List<Count>,
        /// The chart in words.
        pub summary: Text,
    }

    /// A relation at a step.
    #[derive(Copy, Eq)]
    pub struct RelationFrame {
        /// Told by this step or before.
        pub shown: bool,
        /// Told by this step: it draws itself in.
        pub new: bool,
        /// It joins a party the step speaks of.
        pub lit: bool,
    }

    /// How many bases a side holds (as reported) and claims (unconfirmed).
    #[derive(Copy, Eq)]
    pub struct Count {
        pub held: u16,
        pub claimed: u16,
    }
}

impl Camera {
    /// Where a map pixel appears on screen (in viewBox units).
    pub fn apply(&self, p: Point) -> Point {
        Point {
            x: (p.x - self.x) * self.k + MAP_WIDTH / 2.0,
            y: (p.y - self.y) * self.k + MAP_HEIGHT / 2.0,
        }
    }
}

impl Side {
    /// Where a label on this side sits relative to its symbol: dx, dy (to the baseline) and
    /// text-anchor, in viewBox px before the glyph scale.
    pub fn offset(self) -> (f64, f64, &'static str) {
        match self {
            Side::Right => (12.0, 4.5, "start"),
            Side::Left => (-12.0, 4.5, "end"),
            Side::Above => (0.0, -14.0, "middle"),
            Side::Below => (0.0, 23.0, "middle"),
        }
    }
}

impl Rgb {
    pub const fn hex(v: u32) -> Rgb {
        Rgb {
            r: ((v >> 16) & 0xff) as f64,
            g: ((v >> 8) & 0xff) as f64,
            b: (v & 0xff) as f64,
        }
    }
}
