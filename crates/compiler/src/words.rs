//! The graphics in words, for readers who cannot see them: the map of a step (what happens, who
//! holds each place and how, which lines are drawn), the chart (the parties the step speaks of,
//! the bases per side), and what the live region says at a step change. Built from the same
//! data as the drawings, so the words never say more than the graphics show.

use crate::chart::ChartState;
use crate::model::{Story, WindowRole};
use crate::vocabulary::status_words;
use story_script::{MapFrame, MapWords};

/// One row of the table of places: a place with a control history.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    /// Index into `Story::places`.
    pub place: usize,
    /// Whether the map draws it (places no source locates are listed, not drawn).
    pub drawn: bool,
}

/// The rows of the table of places, the same at every step: each place with a control history,
/// in the order of its first change in the data (the order [`Story::control_at`] keeps).
pub fn place_rows(story: &Story) -> Vec<PlaceRow> {
    let mut rows: Vec<PlaceRow> = Vec::new();
    for change in &story.control {
        let Some(place) = story.place_index(&change.place) else {
            continue;
        };
        if rows.iter().all(|r| r.place != place) {
            let p = &story.places[place];
            rows.push(PlaceRow {
                place,
                drawn: story.on_map(p),
            });
        }
    }
    rows
}

/// The map at step `index`, settled as `frame`, in words.
pub fn map_words(story: &Story, index: usize, frame: &MapFrame) -> MapWords {
    let step = &story.steps[index];
    let place_name = |id: &str| story.place(id).map_or(id.to_string(), |p| p.name.clone());
    let faction_name = |id: &str| story.faction(id).map_or(id.to_string(), |f| f.name.clone());
    let mut sentences = Vec::new();

    sentences.push(match &step.focus {
        Some(focus) => format!("The map is zoomed in on {}.", place_name(focus)),
        None => format!(
            "The map shows {}.",
            story.window(WindowRole::Map).title.trim_end_matches('.')
        ),
    });
    let events: Vec<_> = story.events.iter().filter(|e| e.step == step.id).collect();
    for event in &events {
        sentences.push(format!("{}.", event.title.trim_end_matches('.')));
    }

    let control = story.control_at(index);
    let rows = place_rows(story)
        .iter()
        .map(|row| {
            let place = &story.places[row.place];
            let change = control.iter().find(|c| c.place == place.id)?;
            let said = format!(
                "{} {}",
                status_words(change.status),
                faction_name(&change.holder)
            );
            let unmarked = if row.drawn {
                ""
            } else {
                " (not on the map: no source locates it)"
            };
            sentences.push(format!("{}: {said}{unmarked}.", place.name));
            Some(said.into())
        })
        .collect();

    // Each kind of line once, as the map draws it (the first event of the kind at the step).
    let mut said_kinds: Vec<&str> = Vec::new();
    for event in &events {
        let Some(kind) = story.kind(&event.kind) else {
            continue;
        };
        if !kind.draw.is_some_and(|d| d.is_line()) || said_kinds.contains(&kind.id.as_str()) {
            continue;
        }
        let (Some(from), Some(to)) = (event.places.first(), event.places.get(1)) else {
            continue;
        };
        said_kinds.push(&kind.id);
        let (from, to) = (place_name(from), place_name(to));
        sentences.push(match &kind.words {
            Some(words) => words.replace("{from}", &from).replace("{to}", &to),
            None => format!(
                "A line shows the {} from {from} to {to}.",
                kind.name.to_lowercase()
            ),
        });
    }
    if let (true, Some(place)) = (frame.locator.forward > 0.5, story.step_place(step)) {
        sentences.push(format!(
            "The step happens outside the map, in {}: the locator of {} marks it.",
            place.name,
            story.window(WindowRole::Locator).title
        ));
    }
    MapWords {
        summary: sentences.join(" ").into(),
        rows,
    }
}

/// The chart of a step in words: the parties the step speaks of and the bases per side.
pub fn chart_summary(story: &Story, chart: &ChartState) -> String {
    let mut said =
        String::from("The chart shows who fights whom and who backs whom, as told so far.");
    let lit: Vec<&str> = chart
        .highlighted
        .iter()
        .map(|&f| story.factions[f].name.as_str())
        .collect();
    if !lit.is_empty() {
        said.push_str(&format!(" This step speaks of: {}.", lit.join("; ")));
    }
    let held: Vec<String> = chart
        .counts
        .iter()
        .map(|c| format!("{} {}", story.sides[c.side].name, c.held))
        .collect();
    said.push_str(&format!(" Bases held, as reported: {}.", held.join(", ")));
    let claimed: Vec<String> = chart
        .counts
        .iter()
        .filter(|c| c.claimed > 0)
        .map(|c| format!("{} {}", story.sides[c.side].name, c.claimed))
        .collect();
    if !claimed.is_empty() {
        said.push_str(&format!(" Claimed, unconfirmed: {}.", claimed.join(", ")));
    }
    said
}

/// What a screen reader hears when the reader arrives at step `index`: its number, title and
/// time.
pub fn announcement(story: &Story, index: usize) -> String {
    let Some(step) = story.steps.get(index) else {
        return String::new();
    };
    format!(
        "Step {} of {}: {}. {}.",
        index + 1,
        story.steps.len(),
        step.title,
        step.time_label()
    )
}
