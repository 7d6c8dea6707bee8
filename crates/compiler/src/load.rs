//! Parses and validates the files of a story folder into a [`Story`].
//!
//! Every error names the file, the line and column where that can be known, the entry and the
//! rule broken; all errors are reported at once, in file order, so that a writer can fix a
//! file in one go.

use crate::model::Landmark;
use crate::model::{
    Block, ControlChange, Correction, Date, Draw, Event, Faction, Kind, Meta, Note, Place,
    Precision, Relation, Route, Side, Source, Speaker, Status, Step, Story, Text, Window,
    WindowRole,
};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

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
    /// The primary source's text, where `[meta] article` names a file: its name and its text.
    pub article: Option<(String, String)>,
}

impl DataFiles {
    /// Reads every file through `read`, given its path relative to the story's root; the
    /// article too, where story.toml's `[meta]` names one.
    pub fn read_with(mut read: impl FnMut(&str) -> String) -> DataFiles {
        let story = read(STORY_FILE);
        let article = article_name(&story).map(|name| {
            let text = read(&name);
            (name, text)
        });
        DataFiles {
            story,
            places: read(PLACES_FILE),
            speakers: read(SPEAKERS_FILE),
            sources: read(SOURCES_FILE),
            factions: read(FACTIONS_FILE),
            control: read(CONTROL_FILE),
            events: read(EVENTS_FILE),
            notes: read(NOTES_FILE),
            land: read(LAND_FILE),
            locator: read(LOCATOR_FILE),
            article,
        }
    }

    /// The text of the file at `path`, one of [`FILES`].
    pub fn text(&self, path: &str) -> &str {
        match path {
            STORY_FILE => &self.story,
            PLACES_FILE => &self.places,
            SPEAKERS_FILE => &self.speakers,
            SOURCES_FILE => &self.sources,
            FACTIONS_FILE => &self.factions,
            CONTROL_FILE => &self.control,
            EVENTS_FILE => &self.events,
            NOTES_FILE => &self.notes,
            LAND_FILE => &self.land,
            LOCATOR_FILE => &self.locator,
            _ => "",
        }
    }
}

/// The file `[meta] article` names, read before the story is checked (a broken story.toml
/// has none: its errors are reported anyway).
fn article_name(story: &str) -> Option<String> {
    let table = parse_toml(story).ok()?;
    let name = table
        .get("meta")?
        .get_ref()
        .get("article")?
        .get_ref()
        .as_str()?;
    Some(name.to_owned())
}

/// A byte range of a file's text, as the TOML parser reports it.
pub type Span = Range<usize>;

/// A place in a file: line and column, both from 1, the column counted in characters (as
/// editors count them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// Where byte `offset` of `text` lies.
    pub fn of(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// A problem in the data: where it is and which rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// e.g. `story.toml`, relative to the story's folder
    pub file: &'static str,
    /// Where in the file: the offending value or key, or the entry's header; none for a problem
    /// of the whole file (it cannot be read, or lacks something).
    pub at: Option<Position>,
    /// e.g. `step "bu-attni" (#5)`, or `file` for problems of the whole file
    pub entry: String,
    pub problem: String,
}

impl DataError {
    /// A problem at `span` of `text`, the text of `file`.
    pub fn new(
        file: &'static str,
        text: &str,
        span: Option<Span>,
        entry: &str,
        problem: String,
    ) -> DataError {
        DataError {
            file,
            at: span.map(|s| Position::of(text, s.start)),
            entry: entry.to_owned(),
            problem,
        }
    }
}

/// `story.toml:42:9: step "bu-attni" (#5): unknown place id …`, the way compilers write it, so
/// that editors and CI logs link it to the spot; `story.toml: file: …` where no spot is known.
impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(at) = self.at {
            write!(f, ":{}:{}", at.line, at.column)?;
        }
        write!(f, ": {}: {}", self.entry, self.problem)
    }
}

/// All the problems found, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataErrors(pub Vec<DataError>);

impl DataErrors {
    /// Orders `errors` as the files read: by file, then by position, the problems of a whole
    /// file first; problems at the same spot keep the order they were found in.
    pub fn in_file_order(mut errors: Vec<DataError>) -> DataErrors {
        errors.sort_by_key(|e| (FILES.iter().position(|f| *f == e.file), e.at));
        DataErrors(errors)
    }
}

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A value as parsed, with the spans of its keys and items.
type Node<'a> = Spanned<DeValue<'a>>;

/// Collects the problems of one load.
struct Report<'t> {
    files: &'t DataFiles,
    errors: Vec<DataError>,
    /// Ids of entries that did not parse: references to them are not reported again.
    unparsed: Vec<String>,
}

impl Report<'_> {
    /// A problem at `span` of `file`, or of the whole file.
    fn push(&mut self, file: &'static str, entry: &str, span: Option<Span>, problem: String) {
        let text = self.files.text(file);
        self.errors
            .push(DataError::new(file, text, span, entry, problem));
    }

    /// A problem of `entry`, at `span` in it (see [`Entry::key`]).
    fn at(&mut self, entry: &Entry, span: Span, problem: String) {
        self.push(entry.file, &entry.name, Some(span), problem);
    }

    /// A problem of a whole file.
    fn file(&mut self, file: &'static str, problem: String) {
        self.push(file, "file", None, problem);
    }
}

/// An entry being checked: how messages name it, and its table as written, whose spans point
/// a message at the entry's header or at one of its keys.
struct Entry<'x, 'a> {
    file: &'static str,
    name: String,
    node: &'x Node<'a>,
}

impl<'x, 'a> Entry<'x, 'a> {
    fn new(file: &'static str, name: String, node: &'x Node<'a>) -> Self {
        Entry { file, name, node }
    }

    /// The entry's header (`[[step]]`), for a rule about the entry as a whole.
    fn header(&self) -> Span {
        self.node.span()
    }

    /// The value of `key`, or the header where the entry has no such key.
    fn key(&self, key: &str) -> Span {
        self.value(key).map_or_else(|| self.header(), Spanned::span)
    }

    /// The item `id` of the list `key` (or the value of `key` where it is no list).
    fn item(&self, key: &str, id: &str) -> Span {
        match self.value(key).map(|v| (v, v.get_ref())) {
            Some((_, DeValue::Array(items))) => items
                .iter()
                .find(|item| item.get_ref().as_str() == Some(id))
                .map_or_else(|| self.key(key), Spanned::span),
            _ => self.key(key),
        }
    }

    /// The `index`th table of the list `key` (a step's `[[step.body]]`), under the same name.
    fn nested(&self, key: &str, index: usize) -> Entry<'x, 'a> {
        let node = self
            .value(key)
            .and_then(|v| v.get_ref().as_array())
            .and_then(|items| items.get(index))
            .unwrap_or(self.node);
        Entry::new(self.file, self.name.clone(), node)
    }

    /// The first of `keys` the entry has.
    fn first_of(&self, keys: &[&str]) -> Span {
        keys.iter()
            .find_map(|k| self.value(k))
            .map_or_else(|| self.header(), Spanned::span)
    }

    fn value(&self, key: &str) -> Option<&'x Node<'a>> {
        self.node.get_ref().as_table()?.get(key)
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
    /// Reports `id`, the value (or an item of the list) of `key`, unless an entry of `kind` has
    /// it.
    fn check(&self, report: &mut Report, e: &Entry, key: &str, kind: &str, id: &str) {
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
            report.at(
                e,
                e.item(key, id),
                format!("unknown {kind} id \"{id}\" (not defined in {defined_in})"),
            );
        }
    }

    fn check_all(&self, report: &mut Report, e: &Entry, key: &str, kind: &str, ids: &[Text]) {
        for id in ids {
            self.check(report, e, key, kind, id);
        }
    }

    /// Every fact cites at least one source, and only known ones.
    fn check_sources(&self, report: &mut Report, e: &Entry, cited: &[Text]) {
        if cited.is_empty() {
            report.at(e, e.key("sources"), "cites no source".into());
        }
        self.check_all(report, e, "sources", "source", cited);
    }

    fn step(&self, id: &str) -> Option<usize> {
        self.steps.get(id).copied()
    }
}

/// Parses and validates all data files but the geometry.
pub fn load(files: &DataFiles) -> Result<Story, DataErrors> {
    let mut report = Report {
        files,
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
        return Err(DataErrors::in_file_order(report.errors));
    }

    let meta: Option<(Meta, Node)> = story_file.table("meta", &mut report);
    let (steps, step_nodes): (Vec<Step>, _) = story_file.entries("step", &mut report);
    let (corrections, correction_nodes): (Vec<Correction>, _) =
        story_file.entries("correction", &mut report);
    let (windows, window_nodes): (Vec<Window>, _) = places_file.entries("window", &mut report);
    let (places, place_nodes): (Vec<Place>, _) = places_file.entries("place", &mut report);
    let (routes, route_nodes): (Vec<Route>, _) = places_file.entries("route", &mut report);
    let (landmarks, landmark_nodes): (Vec<Landmark>, _) =
        places_file.entries("landmark", &mut report);
    let _ = unique_ids(
        PLACES_FILE,
        "landmark",
        &landmarks,
        &landmark_nodes,
        |l| &l.id,
        &mut report,
    );
    let (speakers, speaker_nodes): (Vec<Speaker>, _) =
        speakers_file.entries("speaker", &mut report);
    let (sources, source_nodes): (Vec<Source>, _) = sources_file.entries("source", &mut report);
    let (sides, side_nodes): (Vec<Side>, _) = factions_file.entries("side", &mut report);
    let (factions, faction_nodes): (Vec<Faction>, _) =
        factions_file.entries("faction", &mut report);
    let (relations, relation_nodes): (Vec<Relation>, _) =
        factions_file.entries("relation", &mut report);
    let (control, change_nodes): (Vec<ControlChange>, _) =
        control_file.entries("change", &mut report);
    let (kinds, kind_nodes): (Vec<Kind>, _) = events_file.entries("kind", &mut report);
    let (events, event_nodes): (Vec<Event>, _) = events_file.entries("event", &mut report);
    let (notes, note_nodes): (Vec<Note>, _) = notes_file.entries("note", &mut report);
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
        steps: unique_ids(
            STORY_FILE,
            "step",
            &steps,
            &step_nodes,
            |s| &s.id,
            &mut report,
        ),
        places: unique_ids(
            PLACES_FILE,
            "place",
            &places,
            &place_nodes,
            |p| &p.id,
            &mut report,
        ),
        windows: unique_ids(
            PLACES_FILE,
            "window",
            &windows,
            &window_nodes,
            |w| &w.id,
            &mut report,
        ),
        speakers: unique_ids(
            SPEAKERS_FILE,
            "speaker",
            &speakers,
            &speaker_nodes,
            |s| &s.id,
            &mut report,
        ),
        sources: unique_ids(
            SOURCES_FILE,
            "source",
            &sources,
            &source_nodes,
            |s| &s.id,
            &mut report,
        ),
        factions: unique_ids(
            FACTIONS_FILE,
            "faction",
            &factions,
            &faction_nodes,
            |f| &f.id,
            &mut report,
        ),
        notes: unique_ids(
            NOTES_FILE,
            "note",
            &notes,
            &note_nodes,
            |n| &n.id,
            &mut report,
        ),
        sides: unique_ids(
            FACTIONS_FILE,
            "side",
            &sides,
            &side_nodes,
            |s| &s.id,
            &mut report,
        ),
        kinds: unique_ids(
            EVENTS_FILE,
            "kind",
            &kinds,
            &kind_nodes,
            |k| &k.id,
            &mut report,
        ),
    };
    unique_ids(
        EVENTS_FILE,
        "event",
        &events,
        &event_nodes,
        |e| &e.id,
        &mut report,
    );

    if let Some((meta, node)) = &meta {
        let e = Entry::new(STORY_FILE, "[meta]".into(), node);
        ids.check(&mut report, &e, "source", "source", &meta.source);
    }
    if let Some((meta, node)) = &meta {
        let e = Entry::new(STORY_FILE, "[meta]".into(), node);
        check_article(&steps, &step_nodes, meta, &e, &mut report);
        // The article's words cite the article.
        for (i, step) in steps.iter().enumerate() {
            let article_words = step
                .body
                .iter()
                .any(|b| matches!(b, Block::Prose(_) | Block::Quote { .. }));
            // (A step citing nothing is told so once, by check_sources.)
            if article_words && !step.sources.is_empty() && !step.sources.contains(&meta.source) {
                let e = Entry::new(STORY_FILE, name_entry("step", i, &step.id), &step_nodes[i]);
                report.at(
                    &e,
                    e.key("sources"),
                    format!(
                        "its text is the primary source's, so it cites \"{}\" ([meta] source)",
                        meta.source
                    ),
                );
            }
        }
    }
    let map = check_windows(&windows, &window_nodes, &mut report);
    let on_map = |place: &Place| map.is_some_and(|m| place.drawn_in(m));
    check_steps(&steps, &step_nodes, &ids, &mut report);
    for (i, step) in steps.iter().enumerate() {
        let focus = step
            .focus
            .as_deref()
            .and_then(|f| places.iter().find(|p| p.id == f));
        if let Some(focus) = focus.filter(|p| map.is_some() && !on_map(p)) {
            let e = Entry::new(STORY_FILE, name_entry("step", i, &step.id), &step_nodes[i]);
            report.at(
                &e,
                e.key("focus"),
                format!(
                    "focus \"{}\" is not drawn on the map (window \"{}\")",
                    focus.id,
                    map.unwrap_or_default()
                ),
            );
        }
    }
    check_places(&places, &place_nodes, &windows, &ids, &mut report);
    check_country(files, &places, &place_nodes, &windows, &mut report);
    for (i, step) in steps.iter().enumerate() {
        for key in ["place", "focus"] {
            let named = if key == "place" {
                &step.place
            } else {
                &step.focus
            };
            let Some(place) = named
                .as_ref()
                .and_then(|n| places.iter().find(|p| p.id == *n))
            else {
                continue;
            };
            let explained = place.precision == Precision::Unknown || place.not_drawn.is_some();
            if place.windows.is_empty() && !explained {
                let e = Entry::new(STORY_FILE, name_entry("step", i, &step.id), &step_nodes[i]);
                report.at(
                    &e,
                    e.key(key),
                    format!(
                        "{key} \"{}\" is drawn in no window: draw it, or say why in its not_drawn",
                        place.id
                    ),
                );
            }
        }
    }
    for (i, route) in routes.iter().enumerate() {
        let e = Entry::new(
            PLACES_FILE,
            name_entry("route", i, &route.id),
            &route_nodes[i],
        );
        ids.check_sources(&mut report, &e, &route.sources);
        ids.check(&mut report, &e, "step", "step", &route.step);
        ids.check_all(&mut report, &e, "notes", "note", &route.notes);
        if route.notes.is_empty() {
            report.at(
                &e,
                e.key("notes"),
                "needs a note saying how its course is drawn".into(),
            );
        }
        for (key, end) in [("from", &route.from), ("to", &route.to)] {
            ids.check(&mut report, &e, key, "place", end);
            let place = places.iter().find(|p| p.id == *end);
            if map.is_some() && place.is_some_and(|p| !on_map(p)) {
                report.at(
                    &e,
                    e.key(key),
                    format!(
                        "end \"{end}\" is not drawn on the map (window \"{}\")",
                        map.unwrap_or_default()
                    ),
                );
            }
        }
    }
    let map_window = windows.iter().find(|w| w.role == WindowRole::Map);
    for (i, landmark) in landmarks.iter().enumerate() {
        let e = Entry::new(
            PLACES_FILE,
            name_entry("landmark", i, &landmark.id),
            &landmark_nodes[i],
        );
        ids.check_sources(&mut report, &e, &landmark.sources);
        if landmark.sources.is_empty() {
            report.at(&e, e.key("sources"), "needs a source that names it".into());
        }
        let (lat, lon) = (landmark.lat, landmark.lon);
        if let Some(w) = map_window.filter(|w| !w.contains(lat, lon)) {
            let key = if (w.west..=w.east).contains(&lon) {
                "lat"
            } else {
                "lon"
            };
            report.at(
                &e,
                e.key(key),
                format!(
                    "{lat}, {lon} lies outside the map's window \"{}\" (lat {} to {}, lon {} to {})",
                    w.id, w.south, w.north, w.west, w.east
                ),
            );
        }
    }
    for (i, side) in sides.iter().enumerate() {
        if !is_slug(&side.id) {
            let e = Entry::new(
                FACTIONS_FILE,
                name_entry("side", i, &side.id),
                &side_nodes[i],
            );
            let problem = format!(
                "id \"{}\" must be lowercase letters, digits and hyphens (it is a CSS class)",
                side.id
            );
            report.at(&e, e.key("id"), problem);
        }
    }
    check_palette(&sides, &side_nodes, &mut report);
    for (i, faction) in factions.iter().enumerate() {
        let e = Entry::new(
            FACTIONS_FILE,
            name_entry("faction", i, &faction.id),
            &faction_nodes[i],
        );
        ids.check(&mut report, &e, "side", "side", &faction.side);
        ids.check_sources(&mut report, &e, &faction.sources);
    }
    check_relations(&relations, &relation_nodes, &ids, &mut report);
    check_control(&control, &change_nodes, &factions, &ids, &mut report);
    let mut order = DateOrder::new("date");
    for (i, correction) in corrections.iter().enumerate() {
        let e = &Entry::new(
            STORY_FILE,
            format!("correction #{}", i + 1),
            &correction_nodes[i],
        );
        order.check(&mut report, e, Some(correction.date));
        if correction.date.day.is_none() {
            report.at(e, e.key("date"), "a correction is dated to the day".into());
        }
    }
    check_kinds(&kinds, &kind_nodes, &mut report);
    check_events(&events, &event_nodes, &kinds, &ids, &mut report);
    for (i, source) in sources.iter().enumerate() {
        if source.published.is_none() && source.consulted.is_none() {
            let e = Entry::new(
                SOURCES_FILE,
                name_entry("source", i, &source.id),
                &source_nodes[i],
            );
            report.at(
                &e,
                e.header(),
                "needs a published date or, for a source that changes, a consulted date".into(),
            );
        }
    }
    for (i, note) in notes.iter().enumerate() {
        let e = Entry::new(NOTES_FILE, name_entry("note", i, &note.id), &note_nodes[i]);
        ids.check_sources(&mut report, &e, &note.sources);
    }
    drop(ids);

    match meta {
        Some((meta, _)) if report.errors.is_empty() => Ok(Story {
            meta,
            steps,
            places,
            speakers,
            sources,
            windows,
            routes,
            landmarks,
            sides,
            factions,
            relations,
            control,
            kinds,
            events,
            notes,
            corrections,
        }),
        _ => Err(DataErrors::in_file_order(report.errors)),
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

    fn check(&mut self, report: &mut Report, e: &Entry, date: Option<Date>) {
        let Some(date) = date else { return };
        if let Some((before, before_date)) = &self.last {
            if date < *before_date {
                report.at(
                    e,
                    e.key("date"),
                    format!(
                        "date {date} is earlier than {before_date} of {before} before it: dates must run in {} order",
                        self.what
                    ),
                );
            }
        }
        let name = e.name.split(" (#").next().unwrap_or(&e.name);
        self.last = Some((name.to_owned(), date));
    }
}

/// A step, control change or event has a date or the source's words for the time, not both.
fn check_time(report: &mut Report, e: &Entry, date: &Option<Date>, when: &Option<Text>) {
    match (date, when) {
        (None, None) => report.at(
            e,
            e.header(),
            "needs a date or, where the source gives none, a \"when\"".into(),
        ),
        (Some(_), Some(_)) => report.at(
            e,
            e.key("when"),
            "has both a date and a \"when\": keep one".into(),
        ),
        _ => {}
    }
}

fn check_steps(steps: &[Step], nodes: &[Node], ids: &Ids, report: &mut Report) {
    if steps.is_empty() {
        report.file(STORY_FILE, "the story has no [[step]]".into());
    }
    let mut order = DateOrder::new("story");
    for (i, step) in steps.iter().enumerate() {
        let e = &Entry::new(STORY_FILE, name_entry("step", i, &step.id), &nodes[i]);
        if !is_slug(&step.id) {
            report.at(
                e,
                e.key("id"),
                format!(
                    "id \"{}\" must be lowercase letters, digits and hyphens (it is a URL fragment)",
                    step.id
                ),
            );
        }
        if let Some(place) = &step.place {
            ids.check(report, e, "place", "place", place);
        }
        if let Some(focus) = &step.focus {
            ids.check(report, e, "focus", "place", focus);
        }
        if let Some(zoom) = step.zoom {
            if !(1.0..=MAX_ZOOM).contains(&zoom) {
                report.at(
                    e,
                    e.key("zoom"),
                    format!("zoom {zoom} is outside 1 to {MAX_ZOOM}"),
                );
            }
        }
        ids.check_sources(report, e, &step.sources);
        // A step may be undated (a passage about no one time); an event or a change may not.
        if step.date.is_some() && step.when.is_some() {
            report.at(
                e,
                e.key("when"),
                "has both a date and a \"when\": keep one".into(),
            );
        }
        order.check(report, e, step.date);
        if let Some(date) = step.date {
            check_dates_in_text(report, e, step, date);
        }
        if step.body.is_empty() {
            report.at(
                e,
                e.key("body"),
                "has no [[step.body]]: no text and no quote".into(),
            );
        }
        for (j, block) in step.body.iter().enumerate() {
            let b = &e.nested("body", j);
            match block {
                Block::Prose(text) | Block::Desk { text, .. } | Block::Quote { text, .. }
                    if text.trim().is_empty() =>
                {
                    report.at(
                        b,
                        b.first_of(&["text", "quote"]),
                        "has an empty text or quote".into(),
                    )
                }
                Block::Quote { speaker, .. } => ids.check(report, b, "speaker", "speaker", speaker),
                Block::Desk { sources, .. } => ids.check_sources(report, b, sources),
                _ => {}
            }
        }
    }
}

/// The day-month dates a text names ("4 August", "On 6 August"): month (1 to 12) and day, with
/// the words as written.
fn dates_in(text: &str) -> Vec<(u8, u8, String)> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len().saturating_sub(1))
        // "the base named 2 March" is a name, not a date.
        .filter(|&i| i == 0 || words[i - 1] != "named")
        .filter_map(|i| {
            let day: u8 = words[i].parse().ok().filter(|d| (1..=31).contains(d))?;
            let month = crate::model::MONTHS
                .iter()
                .position(|m| *m == words[i + 1])?;
            Some((
                month as u8 + 1,
                day,
                format!("{} {}", words[i], words[i + 1]),
            ))
        })
        .collect()
}

/// A step's date agrees with the dates its text names (not its quotes): a day is one of them,
/// a month holds them all.
fn check_dates_in_text(report: &mut Report, e: &Entry, step: &Step, date: Date) {
    let named: Vec<(u8, u8, String)> = step
        .body
        .iter()
        .flat_map(|block| match block {
            Block::Prose(text) | Block::Desk { text, .. } => dates_in(text),
            Block::Quote { .. } => Vec::new(),
        })
        .collect();
    let disagreeing = match date.day {
        Some(day) if !named.iter().any(|(m, d, _)| (*m, *d) == (date.month, day)) => named.first(),
        Some(_) => None,
        None => named.iter().find(|(m, _, _)| *m != date.month),
    };
    if let Some((_, _, words)) = disagreeing {
        report.at(
            e,
            e.key("date"),
            format!("date {date} disagrees with \"{words}\" in its text"),
        );
    }
}

/// Compares text as the article and the data may both write it: typographic quotes and dashes
/// as plain ones, runs of white space as one space, without the editorial " [sic]".
pub fn normalise(text: &str) -> String {
    let plain: String = text
        .replace(" [sic]", "")
        .chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where `[meta]` names the article, every step's text and quote is the article's, word for
/// word; the desk's own words (`desk = true`) are exempt.
fn check_article(steps: &[Step], nodes: &[Node], meta: &Meta, m: &Entry, report: &mut Report) {
    let Some(name) = &meta.article else { return };
    let files = report.files;
    let Some((_, text)) = files.article.as_ref().filter(|(read, _)| read == name) else {
        report.at(
            m,
            m.key("article"),
            format!("the article \"{name}\" was not read"),
        );
        return;
    };
    // Lines starting with # are the file's own comments, not the article.
    let article: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let article = normalise(&article.join("\n"));
    for (i, step) in steps.iter().enumerate() {
        let e = &Entry::new(STORY_FILE, name_entry("step", i, &step.id), &nodes[i]);
        for (j, block) in step.body.iter().enumerate() {
            let (what, words) = match block {
                Block::Prose(text) => ("text", text),
                Block::Quote { text, .. } => ("quote", text),
                Block::Desk { .. } => continue,
            };
            let words = normalise(words);
            if !words.is_empty() && !article.contains(&words) {
                let b = &e.nested("body", j);
                let start: Vec<&str> = words.split(' ').take(6).collect();
                report.at(
                    b,
                    b.first_of(&["text", "quote"]),
                    format!(
                        "{what} is not in the article ({name}): \"{}…\"",
                        start.join(" ")
                    ),
                );
            }
        }
    }
}

fn check_places(
    places: &[Place],
    nodes: &[Node],
    windows: &[Window],
    ids: &Ids,
    report: &mut Report,
) {
    for (i, place) in places.iter().enumerate() {
        let e = &Entry::new(PLACES_FILE, name_entry("place", i, &place.id), &nodes[i]);
        ids.check_sources(report, e, &place.sources);
        ids.check_all(report, e, "notes", "note", &place.notes);
        ids.check_all(report, e, "windows", "window", &place.windows);
        let located = place.lat.is_some() && place.lon.is_some();
        match place.precision {
            Precision::Exact | Precision::Approximate if !located => {
                report.at(e, e.header(), "needs lat and lon".into())
            }
            Precision::Exact if place.radius_km.is_some() => report.at(
                e,
                e.key("radius_km"),
                "an exact place has no radius_km: make it approximate".into(),
            ),
            Precision::Approximate if !place.radius_km.is_some_and(|r| r > 0.0) => report.at(
                e,
                e.key("radius_km"),
                "an approximate place needs a radius_km above 0".into(),
            ),
            Precision::Approximate if place.notes.is_empty() => report.at(
                e,
                e.key("notes"),
                "an approximate place needs a note saying how it was placed".into(),
            ),
            Precision::Unknown
                if place.lat.is_some() || place.lon.is_some() || !place.windows.is_empty() =>
            {
                report.at(
                    e,
                    e.first_of(&["lat", "lon", "windows"]),
                    "a place of unknown position has no lat, lon or windows".into(),
                )
            }
            Precision::Unknown if place.notes.is_empty() => report.at(
                e,
                e.key("notes"),
                "a place of unknown position needs a note saying so".into(),
            ),
            _ => {}
        }
        if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
            for window in windows.iter().filter(|w| place.windows.contains(&w.id)) {
                if !window.contains(lat, lon) {
                    // The coordinate that is out, so that the message points at it.
                    let key = if (window.west..=window.east).contains(&lon) {
                        "lat"
                    } else {
                        "lon"
                    };
                    report.at(
                        e,
                        e.key(key),
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

/// Every place drawn lies in the locator's country (its polygon in geo/locator.toml), or within
/// a few times the outline's simplification of it; past a broken locator file, no check (the
/// compiler reports it).
fn check_country(
    files: &DataFiles,
    places: &[Place],
    nodes: &[Node],
    windows: &[Window],
    report: &mut Report,
) {
    let Some(country) = windows.iter().find(|w| w.role == WindowRole::Locator) else {
        return;
    };
    let country = &country.title;
    let Ok(geo) = crate::geo::GeoFile::parse(LOCATOR_FILE, &files.locator) else {
        return;
    };
    if !geo.has_polygon(country) {
        return;
    }
    let margin = (3.0 * geo.tolerance_deg()).max(0.1);
    for (i, place) in places.iter().enumerate() {
        let (Some(lat), Some(lon)) = (place.lat, place.lon) else {
            continue;
        };
        if !place.windows.is_empty() && !geo.near_polygon(country, lon, lat, margin) {
            let e = &Entry::new(PLACES_FILE, name_entry("place", i, &place.id), &nodes[i]);
            report.at(
                e,
                e.key("lat"),
                format!(
                    "{lat}, {lon} lies outside {country} (its polygon in {LOCATOR_FILE}, give or take {margin:.2}°)"
                ),
            );
        }
    }
}

fn check_relations(relations: &[Relation], nodes: &[Node], ids: &Ids, report: &mut Report) {
    let mut seen = HashMap::new();
    for (i, r) in relations.iter().enumerate() {
        let name = format!("relation #{} ({} {:?} {})", i + 1, r.from, r.kind, r.to);
        let e = &Entry::new(FACTIONS_FILE, name, &nodes[i]);
        ids.check(report, e, "from", "faction", &r.from);
        ids.check(report, e, "to", "faction", &r.to);
        ids.check(report, e, "step", "step", &r.step);
        ids.check_sources(report, e, &r.sources);
        ids.check_all(report, e, "notes", "note", &r.notes);
        if r.from == r.to {
            report.at(e, e.key("to"), "relates a faction to itself".into());
        }
        if let Some(first) = seen.insert((&r.from, &r.to, r.kind), i) {
            report.at(
                e,
                e.header(),
                format!("duplicate: relation #{} says the same", first + 1),
            );
        }
    }
}

fn check_control(
    changes: &[ControlChange],
    nodes: &[Node],
    factions: &[Faction],
    ids: &Ids,
    report: &mut Report,
) {
    // Per place: the changes come in story order, and their dates in date order.
    let mut last_step: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut orders: HashMap<&str, DateOrder> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        let name = format!("change #{} ({} {:?})", i + 1, c.place, c.status);
        let e = &Entry::new(CONTROL_FILE, name, &nodes[i]);
        ids.check(report, e, "place", "place", &c.place);
        ids.check(report, e, "holder", "faction", &c.holder);
        if factions.iter().any(|f| f.id == c.holder && !f.holds_ground) {
            report.at(
                e,
                e.key("holder"),
                format!(
                    "holder \"{}\" cannot hold ground: only a faction with holds_ground = true holds or claims a place",
                    c.holder
                ),
            );
        }
        ids.check(report, e, "step", "step", &c.step);
        ids.check_sources(report, e, &c.sources);
        ids.check_all(report, e, "notes", "note", &c.notes);
        check_time(report, e, &c.date, &c.when);
        check_source_words(report, e, c);
        if let Some(step) = ids.step(&c.step) {
            if let Some(&(before_step, before)) = last_step.get(c.place.as_str()) {
                if step < before_step {
                    report.at(
                        e,
                        e.key("step"),
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
            .check(report, e, c.date);
    }
}

/// A claim is told in words that say it is one; a fact's words do not speak of a claim.
fn check_source_words(report: &mut Report, e: &Entry, c: &ControlChange) {
    let words = c.source_words.to_lowercase();
    let said = words
        .split(|ch: char| !ch.is_alphanumeric())
        .any(|w| matches!(w, "says" | "said"));
    let claim = words.contains("claim");
    let problem = match c.status {
        Status::Claimed if !(claim || said || words.contains("according to")) => {
            "a claim's source_words must say it is one (claim, claimed, according to, says, said)"
        }
        Status::Held | Status::Overrun | Status::Seized if claim => {
            "source_words speak of a claim, but the status is a fact: make it \"claimed\""
        }
        _ => return,
    };
    report.at(e, e.key("source_words"), problem.into());
}

/// One window of each role; returns the main map's id.
fn check_windows<'a>(
    windows: &'a [Window],
    nodes: &[Node],
    report: &mut Report,
) -> Option<&'a str> {
    let mut map = None;
    for (role, word) in [(WindowRole::Map, "map"), (WindowRole::Locator, "locator")] {
        let of_role: Vec<usize> = (0..windows.len())
            .filter(|&i| windows[i].role == role)
            .collect();
        match of_role.as_slice() {
            [one] if role == WindowRole::Map => map = Some(windows[*one].id.as_str()),
            [_] => {}
            [] => report.file(
                PLACES_FILE,
                format!("no [[window]] has role = \"{word}\": the page draws one"),
            ),
            [_, second, ..] => {
                let name = format!("window \"{}\"", windows[*second].id);
                let e = Entry::new(PLACES_FILE, name, &nodes[*second]);
                report.at(
                    &e,
                    e.key("role"),
                    format!("a second window with role = \"{word}\": the page draws one"),
                );
            }
        }
    }
    map
}

fn check_kinds(kinds: &[Kind], nodes: &[Node], report: &mut Report) {
    for (i, kind) in kinds.iter().enumerate() {
        let e = &Entry::new(EVENTS_FILE, name_entry("kind", i, &kind.id), &nodes[i]);
        let line = kind.draw.is_some_and(Draw::is_line);
        match &kind.words {
            Some(_) if !line => report.at(
                e,
                e.key("words"),
                "has words, which only a kind drawn as \"arrow\" or \"fan\" says".into(),
            ),
            Some(words) if !(words.contains("{from}") && words.contains("{to}")) => report.at(
                e,
                e.key("words"),
                "words must name both places, with {from} and {to}".into(),
            ),
            _ => {}
        }
    }
}

fn check_events(events: &[Event], nodes: &[Node], kinds: &[Kind], ids: &Ids, report: &mut Report) {
    let mut order = DateOrder::new("timeline");
    for (i, ev) in events.iter().enumerate() {
        let e = &Entry::new(EVENTS_FILE, name_entry("event", i, &ev.id), &nodes[i]);
        ids.check(report, e, "kind", "kind", &ev.kind);
        let draw = kinds.iter().find(|k| k.id == ev.kind).and_then(|k| k.draw);
        match draw {
            Some(d) if d.is_line() && ev.places.len() < 2 => report.at(
                e,
                e.key("places"),
                format!(
                    "its kind \"{}\" is drawn between two places: it needs two",
                    ev.kind
                ),
            ),
            Some(_) if ev.places.is_empty() => report.at(
                e,
                e.key("places"),
                format!("its kind \"{}\" is drawn on a place: it needs one", ev.kind),
            ),
            Some(d) if d.is_line() && ev.factions.is_empty() => report.at(
                e,
                e.key("factions"),
                "a line takes the colour of its first faction's side: it needs one".into(),
            ),
            _ => {}
        }
        ids.check(report, e, "step", "step", &ev.step);
        ids.check_all(report, e, "places", "place", &ev.places);
        ids.check_all(report, e, "factions", "faction", &ev.factions);
        ids.check_sources(report, e, &ev.sources);
        ids.check_all(report, e, "notes", "note", &ev.notes);
        check_time(report, e, &ev.date, &ev.when);
        order.check(report, e, ev.date);
    }
}

/// Maps each id to its index, reporting duplicates.
fn unique_ids<'a, T>(
    file: &'static str,
    kind: &str,
    items: &'a [T],
    nodes: &[Node],
    id: impl Fn(&'a T) -> &'a Text,
    report: &mut Report,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let this = id(item).as_ref();
        if let Some(first) = seen.insert(this, i) {
            seen.insert(this, first);
            let e = Entry::new(file, name_entry(kind, i, this), &nodes[i]);
            report.at(
                &e,
                e.key("id"),
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

/// One parsed TOML file, with the spans of everything in it, from which typed parts are taken
/// one by one.
struct File<'a> {
    path: &'static str,
    table: DeTable<'a>,
}

impl<'a> File<'a> {
    fn parse(path: &'static str, text: &'a str, report: &mut Report) -> File<'a> {
        let table = parse_toml(text).unwrap_or_else(|(span, problem)| {
            report.push(path, "file", span, problem);
            DeTable::new()
        });
        File { path, table }
    }

    /// A required single table such as `[meta]`, and the table as written.
    fn table<T: DeserializeOwned>(
        &mut self,
        key: &str,
        report: &mut Report,
    ) -> Option<(T, Node<'a>)> {
        let Some(node) = self.table.remove(key) else {
            report.file(self.path, format!("missing the [{key}] table"));
            return None;
        };
        let entry = format!("[{key}]");
        deserialize(node.clone())
            .map(|item| (item, node))
            .map_err(|e| report.push(self.path, &entry, e.span(), one_line(e.message())))
            .ok()
    }

    /// The entries of an array of tables such as `[[step]]`, each deserialised on its own so
    /// that an error names the entry it is in; with each, its table as written.
    fn entries<T: DeserializeOwned>(
        &mut self,
        key: &str,
        report: &mut Report,
    ) -> (Vec<T>, Vec<Node<'a>>) {
        let values = match self.table.remove(key).map(|v| (v.span(), v.into_inner())) {
            Some((_, DeValue::Array(values))) => values,
            Some((span, _)) => {
                let problem = format!("\"{key}\" must be written as [[{key}]] entries");
                report.push(self.path, "file", Some(span), problem);
                return (Vec::new(), Vec::new());
            }
            None => Default::default(),
        };
        let (mut items, mut nodes) = (Vec::new(), Vec::new());
        for (i, node) in values.into_iter().enumerate() {
            let id = node
                .get_ref()
                .get("id")
                .and_then(|id| id.get_ref().as_str())
                .unwrap_or("")
                .to_owned();
            match deserialize(node.clone()) {
                Ok(item) => {
                    items.push(item);
                    nodes.push(node);
                }
                Err(e) => {
                    let entry = name_entry(key, i, &id);
                    report.push(self.path, &entry, e.span(), one_line(e.message()));
                    report.unparsed.push(id);
                }
            }
        }
        (items, nodes)
    }

    /// Whatever was not taken is a typo or a misplaced entry.
    fn reject_unknown_keys(self, report: &mut Report) {
        for key in self.table.keys() {
            let problem = format!("unknown key \"{}\"", key.get_ref());
            report.push(self.path, "file", Some(key.span()), problem);
        }
    }
}

/// Parses a TOML file, keeping the spans; on a syntax error, where it is and what.
pub(crate) fn parse_toml(text: &str) -> Result<DeTable<'_>, (Option<Span>, String)> {
    DeTable::parse(text).map(Spanned::into_inner).map_err(|e| {
        (
            e.span(),
            format!("is not valid TOML: {}", one_line(e.message())),
        )
    })
}

/// Reads a value as parsed into `T`; an error carries the span it is about.
pub(crate) fn deserialize<T: DeserializeOwned>(node: Node) -> Result<T, toml::de::Error> {
    T::deserialize(ValueDeserializer::from(node))
}

pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The map's key shows the sides of `key = true`: each must stay apart from the others and from
/// the colour of places nobody holds, for typical vision and for the red–green colour-blind
/// (protanopia, deuteranopia), in a simulation ([`crate::colour_vision`]).
fn check_palette(sides: &[Side], nodes: &[Node], report: &mut Report) {
    use crate::colour_vision::{difference, Vision, DISTINCT};
    use crate::vocabulary::{side_colour, NEUTRAL};
    let keyed: Vec<usize> = (0..sides.len()).filter(|&i| sides[i].key).collect();
    for (n, &i) in keyed.iter().enumerate() {
        let others = keyed[..n]
            .iter()
            .map(|&j| (format!("side \"{}\"", sides[j].id), side_colour(&sides[j])))
            .chain([("places nobody holds".to_string(), NEUTRAL)]);
        for (other, colour) in others {
            let Some((vision, d)) = Vision::ALL
                .into_iter()
                .map(|v| (v, difference(v, side_colour(&sides[i]), colour)))
                .find(|&(_, d)| d < DISTINCT)
            else {
                continue;
            };
            let e = Entry::new(
                FACTIONS_FILE,
                name_entry("side", i, &sides[i].id),
                &nodes[i],
            );
            report.at(
                &e,
                e.key("colour"),
                format!(
                    "colour looks like that of {other} with {} (CIEDE2000 {d:.1}, at least \
                     {DISTINCT} needed): choose colours colour-blind readers tell apart (the \
                     Okabe–Ito palette is a safe start)",
                    vision.name()
                ),
            );
        }
    }
}
