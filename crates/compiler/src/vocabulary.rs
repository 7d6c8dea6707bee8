//! The graphics' vocabulary, each in one place: how a side, a status, a kind of movement and a
//! relation are drawn and said (colour, symbol, class, words), so that the map, its key, the
//! chart, the stylesheet's palette and the words that stand in for them cannot disagree. The
//! sides and the kinds of movement are the story's (its data gives their names and colours);
//! the statuses and the relations are the engine's.

use crate::model::{Draw, RelationKind, Side, Story};
use serde::Deserialize;
use story_script::{Look, Rgb};

/// A side's colour (the data's, which the key, the markers, the chart and the lines share).
pub fn side_colour(side: &Side) -> Rgb {
    Rgb::hex(side.colour.0)
}

/// The CSS class that paints an element in a side's colour (the palette sets `--side` on it).
pub fn side_class(side: &Side) -> String {
    format!("side-{}", side.id)
}

/// The colour of a place that no faction holds in the story (the city itself).
pub const NEUTRAL: Rgb = Rgb::hex(0x3c3c3c);

/// The sides the key shows, in its order.
pub fn key_sides(story: &Story) -> impl Iterator<Item = &Side> {
    story.sides.iter().filter(|s| s.key)
}

/// The sides whose bases are counted, in the order the bars are drawn (indices into
/// `Story::sides`).
pub fn counted_sides(story: &Story) -> Vec<usize> {
    (0..story.sides.len())
        .filter(|&i| story.sides[i].counted)
        .collect()
}

/// The stylesheet's palette, from the story's sides: each side's class sets `--side` to its
/// colour (the key's swatches, as the markers) and `--side-line` to the colour its movements
/// are drawn in: the same, but in the dark scheme mixed a third with white, so that a thin line
/// keeps its contrast against the dark land.
pub fn palette_css(story: &Story) -> String {
    let mut css = String::from(
        "/* The sides' colours, generated from the story's factions.toml by the compiler \
         (vocabulary::palette_css). */\n",
    );
    for side in story.sides.iter() {
        css.push_str(&format!(
            ".explainer .{} {{ --side: {}; --side-line: {}; }}\n",
            side_class(side),
            side.colour,
            side.colour
        ));
    }
    css.push_str("@media screen and (prefers-color-scheme: dark) {\n");
    for side in story.sides.iter() {
        let c = side_colour(side);
        let light = |v: f64| (v + (255.0 - v) / 3.0).round() as u8;
        css.push_str(&format!(
            "  .explainer .{} {{ --side-line: #{:02x}{:02x}{:02x}; }}\n",
            side_class(side),
            light(c.r),
            light(c.g),
            light(c.b)
        ));
    }
    css.push_str("}\n");
    css
}

/// The class of a movement's line as the map and its key draw it.
pub fn draw_class(draw: Draw) -> &'static str {
    match draw {
        Draw::Arrow => "flow",
        Draw::Fan => "fan",
        Draw::Burst => "burst",
    }
}

/// What is reported of who holds a place. Claims are kept apart from confirmed facts. A new
/// status is an entry here and in each table below (and, for a new symbol class, a rule of the
/// stylesheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Held, as reported.
    Held,
    /// Taken by force, as reported.
    Overrun,
    /// Taken, as reported.
    Seized,
    /// Taken according to the holder's own claim only.
    Claimed,
    /// Left by the former holder before it was taken, according to one side.
    ReportedAbandoned,
    /// Held, but reported at risk of falling.
    UnderThreat,
}

/// How the bars count a base of this status: as held (reported), as claimed, or not at all.
pub fn status_count(status: Status) -> Option<Counted> {
    match status {
        Status::Held | Status::Overrun | Status::Seized | Status::UnderThreat => {
            Some(Counted::Held)
        }
        Status::Claimed => Some(Counted::Claimed),
        Status::ReportedAbandoned => None,
    }
}

/// A bar's two parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Held,
    Claimed,
}

/// Every status, in the order of [`looks`] (after the look of a place without one).
pub const STATUSES: [Status; 6] = [
    Status::Held,
    Status::Overrun,
    Status::Seized,
    Status::Claimed,
    Status::ReportedAbandoned,
    Status::UnderThreat,
];

/// How the map's key names a status; none for a status it leaves to the words.
pub fn status_key(status: Status) -> Option<&'static str> {
    match status {
        Status::Held => Some("Held"),
        Status::UnderThreat => Some("Under threat"),
        Status::Overrun => Some("Overrun"),
        Status::Claimed => Some("Claimed, unconfirmed"),
        Status::Seized | Status::ReportedAbandoned => None,
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

/// How a status reads after a place's name: "overrun by", "claimed, unconfirmed, by".
pub fn status_words(status: Status) -> &'static str {
    match status {
        Status::Held => "held by",
        Status::Overrun => "overrun by",
        Status::Seized => "seized by",
        Status::Claimed => "claimed, unconfirmed, by",
        Status::ReportedAbandoned => "reported abandoned; held by",
        Status::UnderThreat => "under threat; held by",
    }
}

/// A circle of radius 7, as path data.
const CIRCLE: &str = "M7,0A7,7 0 1 1 -7,0A7,7 0 1 1 7,0Z";

/// How a status's symbol is drawn (`None`: a place no one holds in the story, the city).
fn look(status: Option<Status>) -> Look {
    let (name, class, shape, fill, stroke) = match status {
        None => ("place", "city", "M-5,-5H5V5H-5Z", false, false),
        Some(s @ (Status::Held | Status::UnderThreat)) => {
            (status_name(s), "symbol", CIRCLE, true, false)
        }
        Some(s @ Status::Overrun) => (
            status_name(s),
            "symbol",
            "M0,-10L10,0L0,10L-10,0Z",
            true,
            false,
        ),
        Some(s @ Status::Seized) => (status_name(s), "symbol", "M-7,-7H7V7H-7Z", true, false),
        // The ring takes the holder's colour; the stylesheet fills it white.
        Some(s @ Status::Claimed) => (status_name(s), "symbol claimed", CIRCLE, false, true),
        Some(s @ Status::ReportedAbandoned) => {
            (status_name(s), "symbol abandoned", CIRCLE, false, false)
        }
    };
    Look {
        name: name.into(),
        class: class.into(),
        shape: shape.into(),
        fill,
        stroke,
        alert: status == Some(Status::UnderThreat),
    }
}

/// The looks of the script: a place without a status first, then [`STATUSES`] in order.
pub fn looks() -> Vec<Look> {
    std::iter::once(None)
        .chain(STATUSES.map(Some))
        .map(look)
        .collect()
}

/// The index into [`looks`] of a status's look.
pub fn look_index(status: Option<Status>) -> u8 {
    match status {
        None => 0,
        Some(s) => 1 + STATUSES.iter().position(|&x| x == s).expect("every status") as u8,
    }
}

/// How a relation is labelled in the chart.
pub fn relation_label(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Allied => "allied",
        RelationKind::Supports => "supports",
        RelationKind::PledgedAllegiance => "pledged allegiance",
        RelationKind::Fighting => "fighting",
        RelationKind::NotAuthorised => "did not authorise",
        RelationKind::AwaitsAuthorisation => "awaits permission",
        RelationKind::Accuses => "accuses",
        RelationKind::SeeksCeasefire => "seeks ceasefire",
        RelationKind::Harms => "harms",
    }
}

/// The CSS class of a relation's line: each kind differs in dash pattern or weight, not in
/// colour alone.
pub fn relation_class(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Allied => "rel rel-allied",
        RelationKind::Supports => "rel rel-supports",
        RelationKind::PledgedAllegiance => "rel rel-pledged",
        RelationKind::Fighting => "rel rel-fighting",
        RelationKind::NotAuthorised => "rel rel-not-authorised",
        RelationKind::AwaitsAuthorisation => "rel rel-awaits",
        RelationKind::Accuses => "rel rel-accuses",
        RelationKind::SeeksCeasefire => "rel rel-ceasefire",
        RelationKind::Harms => "rel rel-harms",
    }
}

/// Whether a relation reads one way (an arrow) or both (allied, fighting).
pub fn relation_directed(kind: RelationKind) -> bool {
    !matches!(kind, RelationKind::Allied | RelationKind::Fighting)
}
