//! Reads `data/`, validates it and writes the story as a Rust constant to `$OUT_DIR/story.rs`.
//! A bad data file fails the build with one line per problem: file, entry, rule.

#[allow(dead_code)] // the app uses parts of the model that the build script does not
#[path = "src/story/model.rs"]
mod model;

#[path = "src/story/load.rs"]
mod load;

#[allow(dead_code)] // the build script only projects; the app also inverts and measures
#[path = "src/map/projection.rs"]
mod projection;

use databake::{Bake, CrateEnv};
use projection::{svg_path, Projection, LOCATOR_HEIGHT, LOCATOR_WIDTH, MAP_HEIGHT, MAP_WIDTH};
use serde::Deserialize;
use std::{env, fs, path::Path, process};

/// A geometry file of `data/geo/`, as written by `scripts/geodata/build.mjs`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeoFile {
    meta: GeoMeta,
    polygon: Vec<GeoPolygon>,
}

#[derive(Deserialize)]
#[allow(dead_code)] // read for validation of the file's shape
struct GeoMeta {
    source: String,
    licence: String,
    credit: String,
    window: [f64; 4],
    tolerance_deg: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeoPolygon {
    name: String,
    rings: Vec<Vec<[f64; 2]>>,
}

/// A data file's text; cargo reruns the script when it changes.
fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("error: {path}: cannot read: {e}");
        process::exit(1)
    })
}

fn read_geo(path: &str) -> GeoFile {
    toml::from_str(&read(path)).unwrap_or_else(|e| {
        eprintln!("error: {path}: {e}");
        process::exit(1)
    })
}

/// Projects the geometry for the two maps and writes it, as SVG path data, to `geo.rs`.
fn bake_geo(story: &model::Story, out: &Path) {
    let window = |id: &str| {
        let w = story
            .windows
            .iter()
            .find(|w| w.id == id)
            .expect("validated window");
        (w.west, w.south, w.east, w.north)
    };
    let (w, s, e, n) = window(model::Window::CITY);
    let city = Projection::fit(w, s, e, n, MAP_WIDTH, MAP_HEIGHT);
    let (lw, ls, le, ln) = window(model::Window::LOCATOR);
    let locator = Projection::fit(lw, ls, le, ln, LOCATOR_WIDTH, LOCATOR_HEIGHT);

    let land = read_geo("data/geo/benghazi-land.toml");
    let countries = read_geo("data/geo/libya.toml");
    let rings = |file: &GeoFile, keep: &dyn Fn(&str) -> bool| -> Vec<Vec<[f64; 2]>> {
        file.polygon
            .iter()
            .filter(|p| keep(&p.name))
            .flat_map(|p| p.rings.iter().cloned())
            .collect()
    };
    let land_path = svg_path(&city, &rings(&land, &|_| true));
    let libya_path = svg_path(&locator, &rings(&countries, &|name| name == "Libya"));
    let neighbours_path = svg_path(&locator, &rings(&countries, &|name| name != "Libya"));
    let frame = svg_path(&locator, &[vec![[w, s], [e, s], [e, n], [w, n], [w, s]]]);
    let credits = [&land.meta, &countries.meta]
        .map(|m| format!("{} ({}, {})", m.credit, m.source, m.licence))
        .join("; ");
    let code = format!(
        "/// Land in the Benghazi map, in map pixels.\n\
         pub static LAND: &str = {land_path:?};\n\
         /// Libya in the locator, in locator pixels.\n\
         pub static LIBYA: &str = {libya_path:?};\n\
         /// Libya's neighbours in the locator.\n\
         pub static NEIGHBOURS: &str = {neighbours_path:?};\n\
         /// The Benghazi map's window, outlined in the locator.\n\
         pub static CITY_FRAME: &str = {frame:?};\n\
         /// Where the geography comes from, for the map's credit line.\n\
         pub static CREDITS: &str = {credits:?};\n"
    );
    fs::write(out.join("geo.rs"), code).expect("write the baked geometry");
}

/// The story without what only the static page shows: the masthead, the steps' text and
/// sources, the notes, the speakers and the sources. Ids stay, so every reference still resolves.
fn without_page_text(mut story: model::Story) -> model::Story {
    let blank = |t: &mut model::Text| *t = model::Text::Borrowed("");
    blank(&mut story.meta.headline);
    blank(&mut story.meta.standfirst);
    blank(&mut story.meta.credit);
    for step in story.steps.to_mut() {
        step.body = model::List::Borrowed(&[]);
    }
    for note in story.notes.to_mut() {
        blank(&mut note.title);
        blank(&mut note.text);
    }
    for speaker in story.speakers.to_mut() {
        blank(&mut speaker.name);
        blank(&mut speaker.role);
    }
    for source in story.sources.to_mut() {
        blank(&mut source.title);
        blank(&mut source.outlet);
        source.url = None;
        source.used_for = None;
    }
    story
}

fn main() {
    let files = load::DataFiles::read_with(read);
    let story = match load::load(&files) {
        Ok(story) => story,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("error: {e}");
            }
            eprintln!(
                "error: {} problem(s) in data/; nothing was built",
                errors.0.len()
            );
            process::exit(1)
        }
    };
    // The page's wasm (`hydrate`) hydrates only what follows the reader (see `src/main.rs`): the
    // text that only the pre-rendered HTML shows stays out of its copy of the story. Everywhere
    // else (native: tests, the pre-render; the wasm tests) the story is whole, and the views that
    // show that text exist only there: `cfg(story_text)`.
    println!("cargo::rustc-check-cfg=cfg(story_text)");
    let page_wasm = env::var_os("CARGO_FEATURE_HYDRATE").is_some()
        && env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let story = if page_wasm {
        without_page_text(story)
    } else {
        println!("cargo::rustc-cfg=story_text");
        story
    };
    let baked = story.bake(&CrateEnv::default());
    let code = format!(
        "/// The validated story, baked from data/ by build.rs.\n\
         pub static STORY: crate::story::model::Story = {baked};\n"
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_owned();
    fs::write(out.join("story.rs"), code).expect("write the baked story");
    bake_geo(&story, &out);
}
