//! Parses and validates the files of a story folder into a [`Story`].
//!
//! Every error names the file, the entry and the rule broken, and all errors are reported at once
//! so an editor can fix a file in one go.

use crate::model::{
    Block, ControlChange, Date, Draw, Event, Faction, Kind, Meta, Note, Place, Precision, Relation,
    Route, Side, Source, Speaker, Step, Story, Text, Window, WindowRole,
};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt;

/// How far a step may zoom the map in.
pub const MAX_ZOOM: f64 = 4.0;

/// Paths of the data files, relative to the story's folder; also how errors name them.
pub const STORY_FILE: &str = "story.toml";
pub const PLACES_FILE: &str = "places.toml";
pub const SPEAKERS_FILE: &str = "speakers.toml";
pub const SOURCES_FILE: &str = "sources.toml";
pub const FACTIONS_FILE: &str = "factions.toml";
pub const CONTROL_FILE: &str = "control.toml";
pub const EVENTS_FILE: &str = "events.toml";
pub const NOTES_FILE: &str = "notes.toml";
pub const LAND_FILE: &str = "geo/land.toml";
pub const LOCATOR_FILE: &str = "geo/locator.toml";

/// Every data file, in the order errors are reported.
pub const FILES: [&str; 10] = [
    STORY_FILE,
    PLACES_FILE,
    SPEAKERS_FILE,
    SOURCES_FILE,
    FACTIONS_FILE,
    CONTROL_FILE,
    EVENTS_FILE,
    NOTES_FILE,
    LAND_FILE,
    LOCATOR_FILE,
];

/// The text of every data file.
#[derive(Debug, Clone)]
pub struct DataFiles {
    pub story: String,
    pub places: String,
    pub speakers: String,
    pub sources: String,
    pub factions: String,
    pub control: String,
    pub events: String,
    pub notes: String,
    /// The main map's land.
    pub land: String,
    /// The country and its neighbours, for the locator.
    pub locator: String,
}

impl DataFiles {
    /// Reads every file through `read`, given its path relative to the story's root.
    pub fn read_with(mut read: impl FnMut(&'static str) -> String) -> DataFiles {
        DataFiles {
            story: read(STORY_FILE),
            places: read(PLACES_FILE),
            speakers: read(SPEAKERS_FILE),
            sources: read(SOURCES_FILE),
            factions: read(FACTIONS_FILE),
            control: read(CONTROL_FILE),
            events: read(EVENTS_FILE),
            notes: read(NOTES_FILE),
            land: read(LAND_FILE),
            locator: read(LOCATOR_FILE),
        }
    }
}

/// A problem in the data: where it is and which rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// e.g. `story.toml`, relative to the story's folder
    pub file: &'static str,
    /// e.g. `step "bu-attni" (#5)`, or `file` for problems of the whole file
    pub entry: String,
    pub problem: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.entry, self.problem)
    }
}

/// All the problems found, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataErrors(pub Vec<DataError>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Collects the problems of one load.
struct Report {
    errors: Vec<DataError>,
    /// Ids of entries that did not parse: references to them are not reported again.
    unparsed: Vec<String>,
}

impl Report {
    fn push(&mut self, file: &'static str, entry: &str, problem: String) {
        self.errors.push(DataError {
            file,
            entry: entry.to_owned(),
            problem,
        });
    }
}

/// The ids of each kind of entry, for checking references.
struct Ids<'a> {
    steps: HashMap<&'a str, usize>,
    places: HashMap<&'a str, usize>,
    speakers: HashMap<&'a str, usize>,
    sources: HashMap<&'a str, usize>,
    factions: HashMap<&'a str, usize>,
    notes: HashMap<&'a str, usize>,
    windows: HashMap<&'a str, usize>,
    sides: HashMap<&'a str, usize>,
    kinds: HashMap<&'a str, usize>,
}

impl Ids<'_> {
    /// Reports `id` unless an entry of `kind` has it.
    fn check(&self, report: &mut Report, file: &'static str, entry: &str, kind: &str, id: &str) {
        let (known, defined_in) = match kind {
            "step" => (&self.steps, STORY_FILE),
            "place" => (&self.places, PLACES_FILE),
            "window" => (&self.windows, PLACES_FILE),
            "side" => (&self.sides, FACTIONS_FILE),
            "kind" => (&self.kinds, EVENTS_FILE),
            "speaker" => (&self.speakers, SPEAKERS_FILE),
            "faction" => (&self.factions, FACTIONS_FILE),
            "note" => (&self.notes, NOTES_FILE),
            _ => (&self.sources, SOURCES_FILE),
        };
        if !known.contains_key(id) && !report.unparsed.iter().any(|u| u == id) {
            report.push(
                file,
                entry,
                format!("unknown {kind} id \"{id}\" (not defined in {defined_in})"),
            );
        }
    }

    fn check_all(
        &self,
        report: &mut Report,
        file: &'static str,
        entry: &str,
        kind: &str,
        ids: &[Text],
    ) {
        for id in ids {
            self.check(report, file, entry, kind, id);
        }
    }

    /// Every fact cites at least one source, and only known ones.
    fn check_sources(&self, report: &mut Report, file: &'static str, entry: &str, cited: &[Text]) {
        if cited.is_empty() {
            report.push(file, entry, "cites no source".into());
        }
        self.check_all(report, file, entry, "source", cited);
    }

    fn step(&self, id: &str) -> Option<usize> {
        self.steps.get(id).copied()
    }
}

/// Parses and validates all data files.
pub fn load(files: &DataFiles) -> Result<Story, DataErrors> {
    let mut report = Report {
        errors: Vec::new(),
        unparsed: Vec::new(),
    };
    let mut story_file = File::parse(STORY_FILE, &files.story, &mut report);
    let mut places_file = File::parse(PLACES_FILE, &files.places, &mut report);
    let mut speakers_file = File::parse(SPEAKERS_FILE, &files.speakers, &mut report);
    let mut sources_file = File::parse(SOURCES_FILE, &files.sources, &mut report);
    let mut factions_file = File::parse(FACTIONS_FILE, &files.factions, &mut report);
    let mut control_file = File::parse(CONTROL_FILE, &files.control, &mut report);
    let mut events_file = File::parse(EVENTS_FILE, &files.events, &mut report);
    let mut notes_file = File::parse(NOTES_FILE, &files.notes, &mut report);
    // Past a syntax error every reference into that file would be reported as unknown.
    if !report.errors.is_empty() {
        return Err(DataErrors(report.errors));
    }

    let meta: Option<Meta> = story_file.table("meta", &mut report);
    let steps: Vec<Step> = story_file.entries("step", &mut report);
    let windows: Vec<Window> = places_file.entries("window", &mut report);
    let places: Vec<Place> = places_file.entries("place", &mut report);
    let routes: Vec<Route> = places_file.entries("route", &mut report);
    let speakers: Vec<Speaker> = speakers_file.entries("speaker", &mut report);
    let sources: Vec<Source> = sources_file.entries("source", &mut report);
    let sides: Vec<Side> = factions_file.entries("side", &mut report);
    let factions: Vec<Faction> = factions_file.entries("faction", &mut report);
    let relations: Vec<Relation> = factions_file.entries("relation", &mut report);
    let control: Vec<ControlChange> = control_file.entries("change", &mut report);
    let kinds: Vec<Kind> = events_file.entries("kind", &mut report);
    let events: Vec<Event> = events_file.entries("event", &mut report);
    let notes: Vec<Note> = notes_file.entries("note", &mut report);
    for file in [
        story_file,
        places_file,
        speakers_file,
        sources_file,
        factions_file,
        control_file,
        events_file,
        notes_file,
    ] {
        file.reject_unknown_keys(&mut report);
    }

    let ids = Ids {
        steps: unique_ids(STORY_FILE, "step", &steps, |s| &s.id, &mut report),
        places: unique_ids(PLACES_FILE, "place", &places, |p| &p.id, &mut report),
        windows: unique_ids(PLACES_FILE, "window", &windows, |w| &w.id, &mut report),
        speakers: unique_ids(SPEAKERS_FILE, "speaker", &speakers, |s| &s.id, &mut report),
        sources: unique_ids(SOURCES_FILE, "source", &sources, |s| &s.id, &mut report),
        factions: unique_ids(FACTIONS_FILE, "faction", &factions, |f| &f.id, &mut report),
        notes: unique_ids(NOTES_FILE, "note", &notes, |n| &n.id, &mut report),
        sides: unique_ids(FACTIONS_FILE, "side", &sides, |s| &s.id, &mut report),
        kinds: unique_ids(EVENTS_FILE, "kind", &kinds, |k| &k.id, &mut report),
    };
    unique_ids(EVENTS_FILE, "event", &events, |e| &e.id, &mut report);

    if let Some(meta) = &meta {
        ids.check(&mut report, STORY_FILE, "meta", "source", &meta.source);
    }
    let map = check_windows(&windows, &mut report);
    let on_map = |place: &Place| map.is_some_and(|m| place.drawn_in(m));
    check_steps(&steps, &ids, &mut report);
    for (i, step) in steps.iter().enumerate() {
        let focus = step
            .focus
            .as_deref()
            .and_then(|f| places.iter().find(|p| p.id == f));
        if let Some(focus) = focus.filter(|p| map.is_some() && !on_map(p)) {
            report.push(
                STORY_FILE,
                &name_entry("step", i, &step.id),
                format!(
                    "focus \"{}\" is not drawn on the map (window \"{}\")",
                    focus.id,
                    map.unwrap_or_default()
                ),
            );
        }
    }
    check_places(&places, &windows, &ids, &mut report);
    for (i, route) in routes.iter().enumerate() {
        let entry = name_entry("route", i, &route.id);
        ids.check_sources(&mut report, PLACES_FILE, &entry, &route.sources);
        ids.check(&mut report, PLACES_FILE, &entry, "step", &route.step);
        ids.check_all(&mut report, PLACES_FILE, &entry, "note", &route.notes);
        if route.notes.is_empty() {
            report.push(
                PLACES_FILE,
                &entry,
                "needs a note saying how its course is drawn".into(),
            );
        }
        for end in [&route.from, &route.to] {
            ids.check(&mut report, PLACES_FILE, &entry, "place", end);
            let place = places.iter().find(|p| p.id == *end);
            if map.is_some() && place.is_some_and(|p| !on_map(p)) {
                report.push(
                    PLACES_FILE,
                    &entry,
                    format!(
                        "end \"{end}\" is not drawn on the map (window \"{}\")",
                        map.unwrap_or_default()
                    ),
                );
            }
        }
    }
    for (i, side) in sides.iter().enumerate() {
        if !is_slug(&side.id) {
            let entry = name_entry("side", i, &side.id);
            let problem = format!(
                "id \"{}\" must be lowercase letters, digits and hyphens (it is a CSS class)",
                side.id
            );
            report.push(FACTIONS_FILE, &entry, problem);
        }
    }
    for (i, faction) in factions.iter().enumerate() {
        let entry = name_entry("faction", i, &faction.id);
        ids.check(&mut report, FACTIONS_FILE, &entry, "side", &faction.side);
        ids.check_sources(&mut report, FACTIONS_FILE, &entry, &faction.sources);
    }
    check_relations(&relations, &ids, &mut report);
    check_control(&control, &ids, &mut report);
    check_kinds(&kinds, &mut report);
    check_events(&events, &kinds, &ids, &mut report);
    for (i, source) in sources.iter().enumerate() {
        if source.published.is_none() && source.consulted.is_none() {
            report.push(
                SOURCES_FILE,
                &name_entry("source", i, &source.id),
                "needs a published date or, for a source that changes, a consulted date".into(),
            );
        }
    }
    for (i, note) in notes.iter().enumerate() {
        let entry = name_entry("note", i, &note.id);
        ids.check_sources(&mut report, NOTES_FILE, &entry, &note.sources);
    }
    drop(ids);

    match meta {
        Some(meta) if report.errors.is_empty() => Ok(Story {
            meta,
            steps,
            places,
            speakers,
            sources,
            windows,
            routes,
            sides,
            factions,
            relations,
            control,
            kinds,
            events,
            notes,
        }),
        _ => Err(DataErrors(report.errors)),
    }
}

/// Keeps dated entries in order: reports `date` if it is earlier than the last date seen.
struct DateOrder<'a> {
    last: Option<(String, Date)>,
    what: &'a str,
}

impl<'a> DateOrder<'a> {
    fn new(what: &'a str) -> Self {
        DateOrder { last: None, what }
    }

    fn check(&mut self, report: &mut Report, file: &'static str, entry: &str, date: Option<Date>) {
        let Some(date) = date else { return };
        if let Some((before, before_date)) = &self.last {
            if date < *before_date {
                report.push(
                    file,
                    entry,
                    format!(
                        "date {date} is earlier than {before_date} of {before} before it: dates must run in {} order",
                        self.what
                    ),
                );
            }
        }
        self.last = Some((entry.split(" (#").next().unwrap_or(entry).to_owned(), date));
    }
}

/// A step, control change or event has a date or the source's words for the time, not both.
fn check_time(
    report: &mut Report,
    file: &'static str,
    entry: &str,
    date: &Option<Date>,
    when: &Option<Text>,
) {
    match (date, when) {
        (None, None) => report.push(
            file,
            entry,
            "needs a date or, where the source gives none, a \"when\"".into(),
        ),
        (Some(_), Some(_)) => report.push(
            file,
            entry,
            "has both a date and a \"when\": keep one".into(),
        ),
        _ => {}
    }
}

fn check_steps(steps: &[Step], ids: &Ids, report: &mut Report) {
    if steps.is_empty() {
        report.push(STORY_FILE, "file", "the story has no [[step]]".into());
    }
    let mut order = DateOrder::new("story");
    for (i, step) in steps.iter().enumerate() {
        let entry = name_entry("step", i, &step.id);
        if !is_slug(&step.id) {
            report.push(
                STORY_FILE,
                &entry,
                format!(
                    "id \"{}\" must be lowercase letters, digits and hyphens (it is a URL fragment)",
                    step.id
                ),
            );
        }
        if let Some(place) = &step.place {
            ids.check(report, STORY_FILE, &entry, "place", place);
        }
        if let Some(focus) = &step.focus {
            ids.check(report, STORY_FILE, &entry, "place", focus);
        }
        if let Some(zoom) = step.zoom {
            if !(1.0..=MAX_ZOOM).contains(&zoom) {
                report.push(
                    STORY_FILE,
                    &entry,
                    format!("zoom {zoom} is outside 1 to {MAX_ZOOM}"),
                );
            }
        }
        ids.check_sources(report, STORY_FILE, &entry, &step.sources);
        // A step may be undated (a passage about no one time); an event or a change may not.
        if step.date.is_some() && step.when.is_some() {
            report.push(
                STORY_FILE,
                &entry,
                "has both a date and a \"when\": keep one".into(),
            );
        }
        order.check(report, STORY_FILE, &entry, step.date);
        if step.body.is_empty() {
            report.push(
                STORY_FILE,
                &entry,
                "has no [[step.body]]: no text and no quote".into(),
            );
        }
        for block in step.body.iter() {
            match block {
                Block::Prose(text) | Block::Quote { text, .. } if text.trim().is_empty() => {
                    report.push(STORY_FILE, &entry, "has an empty text or quote".into())
                }
                Block::Quote { speaker, .. } => {
                    ids.check(report, STORY_FILE, &entry, "speaker", speaker)
                }
                _ => {}
            }
        }
    }
}

fn check_places(places: &[Place], windows: &[Window], ids: &Ids, report: &mut Report) {
    for (i, place) in places.iter().enumerate() {
        let entry = name_entry("place", i, &place.id);
        let e = &entry;
        ids.check_sources(report, PLACES_FILE, e, &place.sources);
        ids.check_all(report, PLACES_FILE, e, "note", &place.notes);
        ids.check_all(report, PLACES_FILE, e, "window", &place.windows);
        let located = place.lat.is_some() && place.lon.is_some();
        match place.precision {
            Precision::Exact | Precision::Approximate if !located => {
                report.push(PLACES_FILE, e, "needs lat and lon".into())
            }
            Precision::Exact if place.radius_km.is_some() => report.push(
                PLACES_FILE,
                e,
                "an exact place has no radius_km: make it approximate".into(),
            ),
            Precision::Approximate if !place.radius_km.is_some_and(|r| r > 0.0) => report.push(
                PLACES_FILE,
                e,
                "an approximate place needs a radius_km above 0".into(),
            ),
            Precision::Approximate if place.notes.is_empty() => report.push(
                PLACES_FILE,
                e,
                "an approximate place needs a note saying how it was placed".into(),
            ),
            Precision::Unknown
                if place.lat.is_some() || place.lon.is_some() || !place.windows.is_empty() =>
            {
                report.push(
                    PLACES_FILE,
                    e,
                    "a place of unknown position has no lat, lon or windows".into(),
                )
            }
            Precision::Unknown if place.notes.is_empty() => report.push(
                PLACES_FILE,
                e,
                "a place of unknown position needs a note saying so".into(),
            ),
            _ => {}
        }
        if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
            for window in windows.iter().filter(|w| place.windows.contains(&w.id)) {
                if !window.contains(lat, lon) {
                    report.push(
                        PLACES_FILE,
                        e,
                        format!(
                            "{lat}, {lon} lies outside the window \"{}\" (lat {} to {}, lon {} to {})",
                            window.id, window.south, window.north, window.west, window.east
                        ),
                    );
                }
            }
        }
    }
}

fn check_relations(relations: &[Relation], ids: &Ids, report: &mut Report) {
    let mut seen = HashMap::new();
    for (i, r) in relations.iter().enumerate() {
        let entry = format!("relation #{} ({} {:?} {})", i + 1, r.from, r.kind, r.to);
        let e = &entry;
        ids.check(report, FACTIONS_FILE, e, "faction", &r.from);
        ids.check(report, FACTIONS_FILE, e, "faction", &r.to);
        ids.check(report, FACTIONS_FILE, e, "step", &r.step);
        ids.check_sources(report, FACTIONS_FILE, e, &r.sources);
        ids.check_all(report, FACTIONS_FILE, e, "note", &r.notes);
        if r.from == r.to {
            report.push(FACTIONS_FILE, e, "relates a faction to itself".into());
        }
        if let Some(first) = seen.insert((&r.from, &r.to, r.kind), i) {
            report.push(
                FACTIONS_FILE,
                e,
                format!("duplicate: relation #{} says the same", first + 1),
            );
        }
    }
}

fn check_control(changes: &[ControlChange], ids: &Ids, report: &mut Report) {
    // Per place: the changes come in story order, and their dates in date order.
    let mut last_step: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut orders: HashMap<&str, DateOrder> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        let entry = format!("change #{} ({} {:?})", i + 1, c.place, c.status);
        let e = &entry;
        ids.check(report, CONTROL_FILE, e, "place", &c.place);
        ids.check(report, CONTROL_FILE, e, "faction", &c.holder);
        ids.check(report, CONTROL_FILE, e, "step", &c.step);
        ids.check_sources(report, CONTROL_FILE, e, &c.sources);
        ids.check_all(report, CONTROL_FILE, e, "note", &c.notes);
        check_time(report, CONTROL_FILE, e, &c.date, &c.when);
        if let Some(step) = ids.step(&c.step) {
            if let Some(&(before_step, before)) = last_step.get(c.place.as_str()) {
                if step < before_step {
                    report.push(
                        CONTROL_FILE,
                        e,
                        format!(
                            "step \"{}\" comes before the step of change #{} for the same place: changes must run in story order",
                            c.step,
                            before + 1
                        ),
                    );
                }
            }
            last_step.insert(&c.place, (step, i));
        }
        orders
            .entry(&c.place)
            .or_insert_with(|| DateOrder::new("timeline"))
            .check(report, CONTROL_FILE, e, c.date);
    }
}

/// One window of each role; returns the main map's id.
fn check_windows<'a>(windows: &'a [Window], report: &mut Report) -> Option<&'a str> {
    let mut map = None;
    for (role, word) in [(WindowRole::Map, "map"), (WindowRole::Locator, "locator")] {
        let of_role: Vec<&Window> = windows.iter().filter(|w| w.role == role).collect();
        match of_role.as_slice() {
            [one] if role == WindowRole::Map => map = Some(one.id.as_str()),
            [_] => {}
            [] => report.push(
                PLACES_FILE,
                "file",
                format!("no [[window]] has role = \"{word}\": the page draws one"),
            ),
            [_, second, ..] => report.push(
                PLACES_FILE,
                &format!("window \"{}\"", second.id),
                format!("a second window with role = \"{word}\": the page draws one"),
            ),
        }
    }
    map
}

fn check_kinds(kinds: &[Kind], report: &mut Report) {
    for (i, kind) in kinds.iter().enumerate() {
        let entry = name_entry("kind", i, &kind.id);
        let line = kind.draw.is_some_and(Draw::is_line);
        match &kind.words {
            Some(_) if !line => report.push(
                EVENTS_FILE,
                &entry,
                "has words, which only a kind drawn as \"arrow\" or \"fan\" says".into(),
            ),
            Some(words) if !(words.contains("{from}") && words.contains("{to}")) => report.push(
                EVENTS_FILE,
                &entry,
                "words must name both places, with {from} and {to}".into(),
            ),
            _ => {}
        }
    }
}

fn check_events(events: &[Event], kinds: &[Kind], ids: &Ids, report: &mut Report) {
    let mut order = DateOrder::new("timeline");
    for (i, ev) in events.iter().enumerate() {
        let entry = name_entry("event", i, &ev.id);
        let e = &entry;
        ids.check(report, EVENTS_FILE, e, "kind", &ev.kind);
        let draw = kinds.iter().find(|k| k.id == ev.kind).and_then(|k| k.draw);
        match draw {
            Some(d) if d.is_line() && ev.places.len() < 2 => report.push(
                EVENTS_FILE,
                e,
                format!(
                    "its kind \"{}\" is drawn between two places: it needs two",
                    ev.kind
                ),
            ),
            Some(_) if ev.places.is_empty() => report.push(
                EVENTS_FILE,
                e,
                format!("its kind \"{}\" is drawn on a place: it needs one", ev.kind),
            ),
            Some(d) if d.is_line() && ev.factions.is_empty() => report.push(
                EVENTS_FILE,
                e,
                "a line takes the colour of its first faction's side: it needs one".into(),
            ),
            _ => {}
        }
        ids.check(report, EVENTS_FILE, e, "step", &ev.step);
        ids.check_all(report, EVENTS_FILE, e, "place", &ev.places);
        ids.check_all(report, EVENTS_FILE, e, "faction", &ev.factions);
        ids.check_sources(report, EVENTS_FILE, e, &ev.sources);
        ids.check_all(report, EVENTS_FILE, e, "note", &ev.notes);
        check_time(report, EVENTS_FILE, e, &ev.date, &ev.when);
        order.check(report, EVENTS_FILE, e, ev.date);
    }
}

/// Maps each id to its index, reporting duplicates.
fn unique_ids<'a, T>(
    file: &'static str,
    kind: &str,
    items: &'a [T],
    id: impl Fn(&'a T) -> &'a Text,
    report: &mut Report,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let this = id(item).as_ref();
        if let Some(first) = seen.insert(this, i) {
            seen.insert(this, first);
            report.push(
                file,
                &name_entry(kind, i, this),
                format!(
                    "duplicate id \"{this}\": {kind} #{} has it already",
                    first + 1
                ),
            );
        }
    }
    seen
}

/// How errors name an entry: its kind, its id where it has one, and its 1-based position.
fn name_entry(kind: &str, index: usize, id: &str) -> String {
    if id.is_empty() {
        format!("{kind} #{}", index + 1)
    } else {
        format!("{kind} \"{id}\" (#{})", index + 1)
    }
}

/// Ids that are safe in a URL fragment and an HTML id.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// One parsed TOML file, from which typed parts are taken one by one.
struct File {
    path: &'static str,
    table: toml::Table,
}

impl File {
    fn parse(path: &'static str, text: &str, report: &mut Report) -> File {
        let table = text.parse::<toml::Table>().unwrap_or_else(|e| {
            let problem = format!("is not valid TOML: {}", one_line(&e.to_string()));
            report.push(path, "file", problem);
            toml::Table::new()
        });
        File { path, table }
    }

    /// A required single table such as `[meta]`.
    fn table<T: DeserializeOwned>(&mut self, key: &str, report: &mut Report) -> Option<T> {
        let Some(value) = self.table.remove(key) else {
            report.push(self.path, "file", format!("missing the [{key}] table"));
            return None;
        };
        value
            .try_into()
            .map_err(|e: toml::de::Error| {
                report.push(self.path, &format!("[{key}]"), one_line(e.message()))
            })
            .ok()
    }

    /// The entries of an array of tables such as `[[step]]`, each deserialised on its own so
    /// that an error names the entry it is in.
    fn entries<T: DeserializeOwned>(&mut self, key: &str, report: &mut Report) -> Vec<T> {
        let values = match self.table.remove(key) {
            Some(toml::Value::Array(values)) => values,
            Some(_) => {
                let problem = format!("\"{key}\" must be written as [[{key}]] entries");
                report.push(self.path, "file", problem);
                return Vec::new();
            }
            None => Vec::new(),
        };
        let mut out = Vec::with_capacity(values.len());
        for (i, value) in values.into_iter().enumerate() {
            let id = value
                .get("id")
                .and_then(toml::Value::as_str)
                .unwrap_or("")
                .to_owned();
            match value.try_into() {
                Ok(item) => out.push(item),
                Err(e) => {
                    report.push(self.path, &name_entry(key, i, &id), one_line(e.message()));
                    report.unparsed.push(id);
                }
            }
        }
        out
    }

    /// Whatever was not taken is a typo or a misplaced entry.
    fn reject_unknown_keys(self, report: &mut Report) {
        for key in self.table.keys() {
            report.push(self.path, "file", format!("unknown key \"{key}\""));
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
