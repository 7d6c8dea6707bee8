//! The map of a step in words, for readers who cannot see it: what happens, who holds each
//! place and how, and which lines are drawn. Built from the same data as the drawing (the
//! step's [`Scene`], its events and the control timeline), so the words never say more than
//! the map shows.

use super::scene::Scene;
use crate::story::{EventKind, Precision, Status, Story, Window};

/// One row of the table of places: a place with a control history, as of the step.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    pub place: String,
    pub holder: String,
    pub status: &'static str,
    /// Whether the map draws it (places no source locates are listed, not drawn).
    pub drawn: bool,
}

/// The map of a step, in sentences and as a table.
#[derive(Debug, Clone, PartialEq)]
pub struct MapDescription {
    pub sentences: Vec<String>,
    pub rows: Vec<PlaceRow>,
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

/// The map at step `index` (as settled at the start of the step) in words.
pub fn describe(story: &Story, index: usize) -> MapDescription {
    let index = index.min(story.steps.len() - 1);
    let step = &story.steps[index];
    let scene = Scene::at(story, index, 0.0);
    let place_name = |id: &str| {
        story
            .place(id)
            .map_or(id.to_string(), |p| p.name.to_string())
    };
    let faction_name = |id: &str| {
        story
            .faction(id)
            .map_or(id.to_string(), |f| f.name.to_string())
    };
    let mut sentences = Vec::new();

    let view = match &step.focus {
        Some(focus) => format!("The map of Benghazi is zoomed in on {}.", place_name(focus)),
        None => "The map shows Benghazi and its surroundings.".to_string(),
    };
    sentences.push(view);

    let events: Vec<_> = story.events.iter().filter(|e| e.step == step.id).collect();
    for event in &events {
        sentences.push(format!("{}.", event.title.trim_end_matches('.')));
    }

    let rows: Vec<PlaceRow> = story
        .control_at(index)
        .into_iter()
        .filter_map(|change| {
            let place = story.place(&change.place)?;
            Some(PlaceRow {
                place: place.name.to_string(),
                holder: faction_name(&change.holder),
                status: status_words(change.status),
                drawn: place.precision != Precision::Unknown && place.drawn_in(Window::CITY),
            })
        })
        .collect();
    for row in &rows {
        let unmarked = if row.drawn {
            ""
        } else {
            " (not on the map: no source locates it)"
        };
        sentences.push(format!(
            "{}: {} {}{unmarked}.",
            row.place, row.status, row.holder
        ));
    }

    let ends = |kind: EventKind| {
        let event = events.iter().find(|e| e.kind == kind)?;
        Some((
            place_name(event.places.first()?),
            place_name(event.places.get(1)?),
        ))
    };
    if scene.retreat.is_some() {
        if let Some((from, to)) = ends(EventKind::Retreat) {
            sentences.push(format!("An arrow shows the retreat from {from} to {to}."));
        }
    }
    if scene.sorties.is_some() {
        if let Some((from, to)) = ends(EventKind::AirRaids) {
            sentences.push(format!(
                "Dashed lines show air raids from {from} over {to}."
            ));
        }
    }
    if scene.locator > 0.5 {
        if let Some(place) = scene.locator_place {
            sentences.push(format!(
                "The step happens outside the map, in {}: the locator of Libya marks it.",
                story.places[place].name
            ));
        }
    }
    MapDescription { sentences, rows }
}
