//! What the story says at a step: lookups by id, the control state, the notes on a step, and
//! the time and date labels a reader sees.

use crate::model::{
    ControlChange, Faction, Kind, Note, Place, Precision, Side, Source, Speaker, Step, Story,
    Window, WindowRole,
};

impl Story {
    /// The place a step happens at. Validation guarantees it exists.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// Index into `places` of the place with this id.
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|p| p.id == id)
    }

    /// The window drawn as `role`. Validation guarantees there is one of each.
    pub fn window(&self, role: WindowRole) -> &Window {
        self.windows
            .iter()
            .find(|w| w.role == role)
            .expect("validated: one window of each role")
    }

    /// Whether the window drawn as `role` draws this place.
    pub fn drawn_in(&self, place: &Place, role: WindowRole) -> bool {
        place.drawn_in(&self.window(role).id)
    }

    /// Whether the main map draws this place: located, and in the map's window.
    pub fn on_map(&self, place: &Place) -> bool {
        place.precision != Precision::Unknown && self.drawn_in(place, WindowRole::Map)
    }

    /// The place a step happens at, if it names one.
    pub fn step_place(&self, step: &Step) -> Option<&Place> {
        self.place(step.place.as_deref()?)
    }

    /// Index into `sides` of a faction's side. Validation guarantees it exists.
    pub fn side_index(&self, faction: &Faction) -> usize {
        self.sides
            .iter()
            .position(|s| s.id == faction.side)
            .expect("validated: every faction's side exists")
    }

    /// A faction's side.
    pub fn side_of(&self, faction: &Faction) -> &Side {
        &self.sides[self.side_index(faction)]
    }

    /// The kind of event with this id. Validation guarantees an event's kind exists.
    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// The speaker of a quote. Validation guarantees it exists.
    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// Index of the step with this id.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Index into `factions` of the faction with this id.
    pub fn faction_index(&self, id: &str) -> Option<usize> {
        self.factions.iter().position(|f| f.id == id)
    }

    pub fn faction(&self, id: &str) -> Option<&Faction> {
        self.faction_index(id).map(|i| &self.factions[i])
    }

    /// Who holds each place that has a control history, as the graphic of step `index` shows
    /// it: the latest change per place whose step is at or before `index`, or the latest of all
    /// for steps about the time of the report. In the order places first appear in the data.
    pub fn control_at(&self, index: usize) -> Vec<&ControlChange> {
        let present = self.steps.get(index).is_some_and(|s| s.present);
        let mut latest: Vec<&ControlChange> = Vec::new();
        for change in self.control.iter() {
            let shown = present
                || self
                    .step_index(&change.step)
                    .is_some_and(|from| from <= index);
            if !shown {
                continue;
            }
            // Validation keeps each place's changes in story order, so a later one replaces.
            match latest.iter_mut().find(|c| c.place == change.place) {
                Some(slot) => *slot = change,
                None => latest.push(change),
            }
        }
        latest
    }

    /// The notes on what step `index` tells: on its place, and on the roads, events, control
    /// changes and relations it shows first. Each once, in the order of notes.toml.
    pub fn notes_for_step(&self, index: usize) -> Vec<&Note> {
        let Some(step) = self.steps.get(index) else {
            return Vec::new();
        };
        let at_step = |id: &str| id == step.id;
        let place_notes = self
            .step_place(step)
            .map(|p| p.notes.as_slice())
            .unwrap_or_default();
        let route_notes = self
            .routes
            .iter()
            .filter(|r| at_step(&r.step))
            .flat_map(|r| r.notes.iter());
        let ids: Vec<&str> = place_notes
            .iter()
            .chain(route_notes)
            .chain(
                self.events
                    .iter()
                    .filter(|e| at_step(&e.step))
                    .flat_map(|e| e.notes.iter()),
            )
            .chain(
                self.control
                    .iter()
                    .filter(|c| at_step(&c.step))
                    .flat_map(|c| c.notes.iter()),
            )
            .chain(
                self.relations
                    .iter()
                    .filter(|r| at_step(&r.step))
                    .flat_map(|r| r.notes.iter()),
            )
            .map(String::as_str)
            .collect();
        self.notes
            .iter()
            .filter(|n| ids.contains(&n.id.as_str()))
            .collect()
    }
}

impl Source {
    /// The outlet without its details: "AFP" for "AFP, in The Sydney Morning Herald",
    /// "The Times" for "The Times (a reporter's name)".
    pub fn short_name(&self) -> &str {
        let outlet = self.outlet.split(',').next().unwrap_or_default();
        outlet.split(" (").next().unwrap_or_default().trim()
    }

    /// "29 July 2014", or "consulted November 2026" for a source that changes.
    pub fn date_label(&self) -> String {
        match (&self.published, &self.consulted) {
            (Some(date), _) => date.long(),
            (None, Some(date)) => format!("consulted {}", date.long()),
            (None, None) => String::new(),
        }
    }
}

impl Step {
    /// The time line shown for the step: its date, or the article's words for the time.
    pub fn time_label(&self) -> String {
        match (&self.date, &self.when) {
            (Some(date), _) => date.long(),
            (None, Some(when)) => when.to_string(),
            (None, None) => String::new(),
        }
    }
}
