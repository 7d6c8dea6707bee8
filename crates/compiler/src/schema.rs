//! The JSON Schema of each data file, derived from the model's types (their `///` comments are
//! the descriptions), so that an editor checks and completes a story's files as one types
//! (`.taplo.toml` maps the files to `schemas/`). The files' top levels are described here, as
//! `load` reads them; `tests/schemas.rs` keeps `schemas/` equal to what this generates.

use crate::geo::GeoFile;
use crate::model::{
    ControlChange, Correction, Event, Faction, Kind, Landmark, List, Meta, Note, Place, Relation,
    Route, Side, Source, Speaker, Step, Window,
};
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

/// The page's masthead, then the steps in reading order.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "story.toml")]
#[allow(dead_code)] // only its schema is used
struct StoryFile {
    meta: Meta,
    /// The scroll steps, in the article's order.
    step: List<Step>,
    /// What the desk changed on the page after it was first published, in date order.
    #[serde(default)]
    correction: List<Correction>,
}

/// The windows the maps show, the names that orient the reader, the routes and the places the
/// story names.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "places.toml")]
#[allow(dead_code)]
struct PlacesFile {
    /// The map's window (role "map") and the locator's (role "locator").
    window: List<Window>,
    #[serde(default)]
    landmark: List<Landmark>,
    #[serde(default)]
    route: List<Route>,
    #[serde(default)]
    place: List<Place>,
}

/// The people and bodies quoted.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "speakers.toml")]
#[allow(dead_code)]
struct SpeakersFile {
    #[serde(default)]
    speaker: List<Speaker>,
}

/// Where the facts come from.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "sources.toml")]
#[allow(dead_code)]
struct SourcesFile {
    source: List<Source>,
}

/// The sides, the parties to the story and how they stand to one another.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "factions.toml")]
#[allow(dead_code)]
struct FactionsFile {
    /// In the order of the key and the chart's bars.
    #[serde(default)]
    side: List<Side>,
    #[serde(default)]
    faction: List<Faction>,
    #[serde(default)]
    relation: List<Relation>,
}

/// Who holds each place, change by change.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "control.toml")]
#[allow(dead_code)]
struct ControlFile {
    #[serde(default)]
    change: List<ControlChange>,
}

/// The kinds of event and how the map draws each, then the timeline.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "events.toml")]
#[allow(dead_code)]
struct EventsFile {
    #[serde(default)]
    kind: List<Kind>,
    /// In date order (undated ones where the source puts them).
    #[serde(default)]
    event: List<Event>,
}

/// What is uncertain or disputed, in plain words for readers.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "notes.toml")]
#[allow(dead_code)]
struct NotesFile {
    #[serde(default)]
    note: List<Note>,
}

/// Each schema's file name in `schemas/`, and its text (pretty JSON, ending in a newline).
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("story.schema.json", schema::<StoryFile>()),
        ("places.schema.json", schema::<PlacesFile>()),
        ("speakers.schema.json", schema::<SpeakersFile>()),
        ("sources.schema.json", schema::<SourcesFile>()),
        ("factions.schema.json", schema::<FactionsFile>()),
        ("control.schema.json", schema::<ControlFile>()),
        ("events.schema.json", schema::<EventsFile>()),
        ("notes.schema.json", schema::<NotesFile>()),
        ("geo.schema.json", schema::<GeoFile>()),
    ]
}

/// Draft 7, which the TOML editors' validators (Taplo) support.
fn schema<T: JsonSchema>() -> String {
    let mut settings = SchemaSettings::draft07();
    // First, so that draft 7's own transforms see the schemas it simplifies.
    settings
        .transforms
        .insert(0, Box::new(RecursiveTransform(not_null)));
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
}

/// TOML has no null: an optional key is one left out, so `Option` adds nothing to its schema.
fn not_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if object.get("default") == Some(&Value::Null) {
        object.remove("default");
    }
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [one] = types.as_slice() {
            let one = one.clone();
            object.insert("type".into(), one);
        }
    }
    if let Some(Value::Array(any)) = object.get_mut("anyOf") {
        any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
        if let [one] = any.as_slice() {
            let one = one.clone();
            object.remove("anyOf");
            if let Value::Object(one) = one {
                object.extend(one);
            }
        }
    }
}
