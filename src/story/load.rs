//! Parses and validates the files in `data/` into a [`Story`].
//!
//! Run by `build.rs` (a bad file fails the build) and by the native tests; never shipped in the
//! wasm. Every error names the file, the entry and the rule broken, and all errors are reported
//! at once so an editor can fix a file in one go.
//!
//! Like `model.rs`, this file is compiled twice and refers only to its sibling `model`.

use super::model::{Block, Date, Meta, Place, Source, Speaker, Step, Story};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt;

/// Paths of the data files, relative to the crate root; also how errors name them.
pub const STORY_FILE: &str = "data/story.toml";
pub const PLACES_FILE: &str = "data/places.toml";
pub const SPEAKERS_FILE: &str = "data/speakers.toml";
pub const SOURCES_FILE: &str = "data/sources.toml";

/// The text of every data file.
#[derive(Debug, Clone)]
pub struct DataFiles {
    pub story: String,
    pub places: String,
    pub speakers: String,
    pub sources: String,
}

/// A problem in the data: where it is and which rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// e.g. `data/story.toml`
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

/// Parses and validates all data files.
pub fn load(files: &DataFiles) -> Result<Story, DataErrors> {
    let mut errors = Vec::new();
    let mut story_file = File::parse(STORY_FILE, &files.story, &mut errors);
    let mut places_file = File::parse(PLACES_FILE, &files.places, &mut errors);
    let mut speakers_file = File::parse(SPEAKERS_FILE, &files.speakers, &mut errors);
    let mut sources_file = File::parse(SOURCES_FILE, &files.sources, &mut errors);
    // Past a syntax error every reference into that file would be reported as unknown.
    if !errors.is_empty() {
        return Err(DataErrors(errors));
    }

    let meta: Option<Meta> = story_file.table("meta", &mut errors);
    let steps: Vec<Step> = story_file.entries("step", &mut errors);
    story_file.reject_unknown_keys(&mut errors);
    let places: Vec<Place> = places_file.entries("place", &mut errors);
    places_file.reject_unknown_keys(&mut errors);
    let speakers: Vec<Speaker> = speakers_file.entries("speaker", &mut errors);
    speakers_file.reject_unknown_keys(&mut errors);
    let sources: Vec<Source> = sources_file.entries("source", &mut errors);
    sources_file.reject_unknown_keys(&mut errors);

    let place_ids = unique_ids(PLACES_FILE, "place", &places, |p| &p.id, &mut errors);
    let speaker_ids = unique_ids(SPEAKERS_FILE, "speaker", &speakers, |s| &s.id, &mut errors);
    let source_ids = unique_ids(SOURCES_FILE, "source", &sources, |s| &s.id, &mut errors);
    unique_ids(STORY_FILE, "step", &steps, |s| &s.id, &mut errors);

    if let Some(meta) = &meta {
        if !source_ids.contains_key(meta.source.as_ref()) {
            errors.push(unknown(STORY_FILE, "meta".into(), "source", &meta.source));
        }
    }
    for (i, place) in places.iter().enumerate() {
        let entry = name_entry("place", i, &place.id);
        check_sources(
            PLACES_FILE,
            &entry,
            &place.sources,
            &source_ids,
            &mut errors,
        );
    }
    check_steps(&steps, &place_ids, &speaker_ids, &source_ids, &mut errors);

    match meta {
        Some(meta) if errors.is_empty() => Ok(Story {
            meta,
            steps: steps.into(),
            places: places.into(),
            speakers: speakers.into(),
            sources: sources.into(),
        }),
        _ => Err(DataErrors(errors)),
    }
}

/// Rules for steps that a single entry cannot check alone.
fn check_steps(
    steps: &[Step],
    places: &HashMap<&str, usize>,
    speakers: &HashMap<&str, usize>,
    sources: &HashMap<&str, usize>,
    errors: &mut Vec<DataError>,
) {
    if steps.is_empty() {
        errors.push(DataError {
            file: STORY_FILE,
            entry: "file".into(),
            problem: "the story has no [[step]]".into(),
        });
    }
    let err = |entry: &str, problem: String| DataError {
        file: STORY_FILE,
        entry: entry.to_owned(),
        problem,
    };
    // The last dated step seen, to keep dates in order along the story.
    let mut last_dated: Option<(&Step, Date)> = None;
    for (i, step) in steps.iter().enumerate() {
        let entry = name_entry("step", i, &step.id);
        if !is_slug(&step.id) {
            errors.push(err(
                &entry,
                format!(
                    "id \"{}\" must be lowercase letters, digits and hyphens (it is a URL fragment)",
                    step.id
                ),
            ));
        }
        if !places.contains_key(step.place.as_ref()) {
            errors.push(unknown(STORY_FILE, entry.clone(), "place", &step.place));
        }
        check_sources(STORY_FILE, &entry, &step.sources, sources, errors);
        match (&step.date, &step.when) {
            (None, None) => errors.push(err(
                &entry,
                "needs a date or, where the article gives none, a \"when\"".into(),
            )),
            (Some(_), Some(_)) => errors.push(err(
                &entry,
                "has both a date and a \"when\": keep one".into(),
            )),
            _ => {}
        }
        if let Some(date) = step.date {
            if let Some((before, before_date)) = last_dated {
                if date < before_date {
                    errors.push(err(
                        &entry,
                        format!(
                            "date {date} is earlier than {before_date} of step \"{}\" before it: dates must run in story order",
                            before.id
                        ),
                    ));
                }
            }
            last_dated = Some((step, date));
        }
        if step.body.is_empty() {
            errors.push(err(
                &entry,
                "has no [[step.body]]: no text and no quote".into(),
            ));
        }
        for block in step.body.iter() {
            match block {
                Block::Prose(text) | Block::Quote { text, .. } if text.trim().is_empty() => {
                    errors.push(err(&entry, "has an empty text or quote".into()))
                }
                Block::Quote { speaker, .. } if !speakers.contains_key(speaker.as_ref()) => {
                    errors.push(unknown(STORY_FILE, entry.clone(), "speaker", speaker))
                }
                _ => {}
            }
        }
    }
}

/// Every entry must cite at least one source, and only known ones.
fn check_sources(
    file: &'static str,
    entry: &str,
    cited: &[super::model::Text],
    known: &HashMap<&str, usize>,
    errors: &mut Vec<DataError>,
) {
    if cited.is_empty() {
        errors.push(DataError {
            file,
            entry: entry.to_owned(),
            problem: "cites no source".into(),
        });
    }
    for id in cited {
        if !known.contains_key(id.as_ref()) {
            errors.push(unknown(file, entry.to_owned(), "source", id));
        }
    }
}

fn unknown(file: &'static str, entry: String, kind: &str, id: &str) -> DataError {
    let defined_in = match kind {
        "place" => PLACES_FILE,
        "speaker" => SPEAKERS_FILE,
        _ => SOURCES_FILE,
    };
    DataError {
        file,
        entry,
        problem: format!("unknown {kind} id \"{id}\" (not defined in {defined_in})"),
    }
}

/// Maps each id to its index, reporting duplicates.
fn unique_ids<'a, T>(
    file: &'static str,
    kind: &str,
    items: &'a [T],
    id: impl Fn(&'a T) -> &'a super::model::Text,
    errors: &mut Vec<DataError>,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let this = id(item).as_ref();
        if let Some(first) = seen.insert(this, i) {
            seen.insert(this, first);
            errors.push(DataError {
                file,
                entry: name_entry(kind, i, this),
                problem: format!(
                    "duplicate id \"{this}\": {kind} #{} has it already",
                    first + 1
                ),
            });
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
    fn parse(path: &'static str, text: &str, errors: &mut Vec<DataError>) -> File {
        let table = text.parse::<toml::Table>().unwrap_or_else(|e| {
            errors.push(DataError {
                file: path,
                entry: "file".into(),
                problem: format!("is not valid TOML: {}", one_line(&e.to_string())),
            });
            toml::Table::new()
        });
        File { path, table }
    }

    /// A required single table such as `[meta]`.
    fn table<T: DeserializeOwned>(&mut self, key: &str, errors: &mut Vec<DataError>) -> Option<T> {
        let Some(value) = self.table.remove(key) else {
            errors.push(DataError {
                file: self.path,
                entry: "file".into(),
                problem: format!("missing the [{key}] table"),
            });
            return None;
        };
        value
            .try_into()
            .map_err(|e: toml::de::Error| {
                errors.push(DataError {
                    file: self.path,
                    entry: format!("[{key}]"),
                    problem: one_line(e.message()),
                })
            })
            .ok()
    }

    /// The entries of an array of tables such as `[[step]]`, each deserialised on its own so
    /// that an error names the entry it is in.
    fn entries<T: DeserializeOwned>(&mut self, key: &str, errors: &mut Vec<DataError>) -> Vec<T> {
        let values = match self.table.remove(key) {
            Some(toml::Value::Array(values)) => values,
            Some(_) => {
                errors.push(DataError {
                    file: self.path,
                    entry: "file".into(),
                    problem: format!("\"{key}\" must be written as [[{key}]] entries"),
                });
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
                Err(e) => errors.push(DataError {
                    file: self.path,
                    entry: name_entry(key, i, &id),
                    problem: one_line(e.message()),
                }),
            }
        }
        out
    }

    /// Whatever was not taken is a typo or a misplaced entry.
    fn reject_unknown_keys(self, errors: &mut Vec<DataError>) {
        for key in self.table.keys() {
            errors.push(DataError {
                file: self.path,
                entry: "file".into(),
                problem: format!("unknown key \"{key}\""),
            });
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
