//! The graphics' vocabulary, each in one place: how a side, a status and a relation are drawn
//! and said (colour, symbol, class, words), so that the map, its key, the chart and the words
//! that stand in for them cannot disagree.

use crate::model::{RelationKind, Side, Status};
use story_script::{Look, Rgb};

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
pub const NEUTRAL: Rgb = Rgb::hex(0x3c3c3c);

/// A side's name in the key, the bars and the words.
pub fn side_name(side: Side) -> &'static str {
    match side {
        Side::Haftar => "Haftar’s side",
        Side::Islamist => "Islamists",
        Side::State => "Military",
        Side::International => "International",
        Side::Civilians => "Civilians",
        Side::Combatants => "Militias",
    }
}

/// The sides the key shows, in its order.
pub const KEY_SIDES: [Side; 3] = [Side::Haftar, Side::Islamist, Side::State];

/// The sides whose bases are counted, in the order the bars are drawn.
pub const COUNTED_SIDES: [Side; 3] = [Side::Haftar, Side::State, Side::Islamist];

/// Every status, in the order of [`looks`] (after the look of a place without one).
pub const STATUSES: [Status; 6] = [
    Status::Held,
    Status::Overrun,
    Status::Seized,
    Status::Claimed,
    Status::ReportedAbandoned,
    Status::UnderThreat,
];

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
