//! The story compiler: from the story's data files to everything the page shows.
//!
//! It validates the data ([`load`]), then computes, once and natively, what the data fixes: the
//! settled frame of every step (camera, markers, labels, lines, locator, chart, and the words
//! that stand in for the graphics), the chart's layouts for each range of widths with their routed
//! lines, and the maps' static geometry as SVG paths. The page's build bakes the frames into the
//! wasm as its [`Script`] ([`bake`]); the pre-render draws everything else into the HTML.
//!
//! data files ─ load ─▶ Story ─┬─ map::MapPlan ─▶ MapFrame per step ─┐
//!                             ├─ chart ─────────▶ ChartFrame per step ┼─▶ Script (baked)
//!                             ├─ words ─────────▶ the frames in words ┘
//!                             └─ geo, chart layouts ─▶ the pre-rendered HTML only

pub mod bake;
pub mod chart;
pub mod colour_vision;
pub mod geo;
pub mod geom;
pub mod golden;
pub mod load;
pub mod locator;
pub mod map;
pub mod model;
pub mod projection;
pub mod schema;
pub mod story;
pub mod vocabulary;
pub mod words;

pub use load::{DataError, DataErrors, DataFiles};
pub use model::Story;
pub use story_script::Script;

use chart::{ChartState, Layout, Link};
use story_script::Frame;

/// A chart layout with its routed lines.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLayout {
    pub layout: Layout,
    pub geometry: chart::Geometry,
    /// One per relation, in the story's order.
    pub links: Vec<Link>,
}

/// A story compiled: the validated story, the script the player plays, and what only the
/// pre-rendered page draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub story: Story,
    pub script: Script,
    /// What the map draws at every step, and of which places.
    pub plan: map::MapPlan,
    pub geometry: geo::Geometry,
    /// The chart in each layout (`Layout::ALL`: wide, medium, narrow).
    pub charts: [ChartLayout; 3],
    /// The rows of the table of places.
    pub rows: Vec<words::PlaceRow>,
    /// The side of its dot each locator city's name takes (`plan.locator_cities` order).
    pub locator_sides: Vec<story_script::Side>,
}

/// Validates the data and compiles it; every problem found, with its file, position, entry and
/// rule.
pub fn compile(files: &DataFiles) -> Result<Compiled, DataErrors> {
    let story = load::load(files);
    let land = geo::GeoFile::parse(load::LAND_FILE, &files.land);
    let countries = geo::GeoFile::parse(load::LOCATOR_FILE, &files.locator);
    let (story, land, countries) = match (story, land, countries) {
        (Ok(story), Ok(land), Ok(countries)) => (story, land, countries),
        (story, land, countries) => {
            let mut errors = story.err().map_or_else(Vec::new, |e| e.0);
            errors.extend(land.err());
            errors.extend(countries.err());
            return Err(DataErrors::in_file_order(errors));
        }
    };
    let country = &story.window(model::WindowRole::Locator).title;
    if !countries.has_polygon(country) {
        return Err(DataErrors(vec![DataError {
            file: load::LOCATOR_FILE,
            at: None,
            entry: "file".into(),
            problem: format!(
                "no polygon is named \"{country}\", the title of the locator's window: the \
                 locator draws it as the country"
            ),
        }]));
    }

    let plan = map::MapPlan::of(&story);
    let frames = (0..story.steps.len())
        .map(|i| {
            let step = &story.steps[i];
            let map = plan.frame(&story, i);
            let map_words = words::map_words(&story, i, &map);
            Frame {
                step: step.id.clone().into(),
                announcement: words::announcement(&story, i).into(),
                when: step.time_label().into(),
                place: story
                    .step_place(step)
                    .map_or(String::new(), |p| p.name.clone())
                    .into(),
                map,
                map_words,
                chart: ChartState::at(&story, i).frame(&story),
            }
        })
        .collect();
    let bases = story
        .places
        .iter()
        .filter(|p| chart::counts_as_base(p.kind))
        .count()
        .max(1) as u16;
    let script = Script {
        frames,
        markers: plan.markers.clone().into(),
        looks: vocabulary::looks().into(),
        lines: plan.lines.iter().map(|l| l.0.clone()).collect(),
        roads: plan.roads.clone().into(),
        landmarks: plan.landmarks.clone().into(),
        relations: story
            .relations
            .iter()
            .map(|r| vocabulary::relation_class(r.kind).into())
            .collect(),
        bases,
        px_per_km: map::city_projection(&story).px_per_km(),
    };
    let geometry = geo::Geometry::of(&story, &land, &countries, &plan.locator_cities);
    let charts = Layout::ALL.map(|layout| {
        let geometry = chart::Geometry::of(&story, layout);
        let links = geometry.links(&story);
        ChartLayout {
            layout,
            geometry,
            links,
        }
    });
    let rows = words::place_rows(&story);
    let locator_sides = {
        let projection = geo::locator_projection(&story);
        let w = story.window(model::WindowRole::Map);
        let (a, b) = (
            projection.project(w.west, w.north),
            projection.project(w.east, w.south),
        );
        let cities: Vec<&model::Place> = plan
            .locator_cities
            .iter()
            .map(|&i| &story.places[i])
            .collect();
        locator::sides(
            &geometry.locator_cities,
            &cities.iter().map(|p| p.short.as_str()).collect::<Vec<_>>(),
            &cities
                .iter()
                .map(|p| p.label_side.into())
                .collect::<Vec<_>>(),
            [a.0, a.1, b.0, b.1],
        )
    };
    Ok(Compiled {
        story,
        script,
        plan,
        geometry,
        charts,
        rows,
        locator_sides,
    })
}

/// The story folder a build compiles: `STORY`, a path absolute or relative to `repo` (the
/// repository's `.cargo/config.toml` gives the default).
pub fn story_folder(repo: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let story = std::env::var_os("STORY")
        .ok_or("STORY is not set: name the story's folder (the repository's .cargo/config.toml sets a default)")?;
    let folder = repo.join(story);
    if folder.join(load::STORY_FILE).is_file() {
        Ok(folder)
    } else {
        Err(format!(
            "{} is not a story folder: it has no {}",
            folder.display(),
            load::STORY_FILE
        ))
    }
}

/// Reads the data files from the story's folder `root` and compiles them. `read` is told each
/// path it reads, for a build script's `rerun-if-changed`.
pub fn compile_dir(
    root: &std::path::Path,
    mut read: impl FnMut(&std::path::Path),
) -> Result<Compiled, DataErrors> {
    let mut missing = Vec::new();
    let files = DataFiles::read_with(|path| {
        let full = root.join(path);
        read(&full);
        std::fs::read_to_string(&full).unwrap_or_else(|e| {
            missing.push(match load::FILES.iter().find(|f| **f == path) {
                Some(file) => DataError {
                    file,
                    at: None,
                    entry: "file".into(),
                    problem: format!("cannot read: {e}"),
                },
                None => DataError {
                    file: load::STORY_FILE,
                    at: None,
                    entry: "[meta]".into(),
                    problem: format!("cannot read the article \"{path}\": {e}"),
                },
            });
            String::new()
        })
    });
    if !missing.is_empty() {
        return Err(DataErrors(missing));
    }
    compile(&files)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::LazyLock;

    /// The bundled story, compiled once for the tests.
    pub static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stories/benghazi-2014");
        compile_dir(&root, |_| {}).unwrap_or_else(|e| panic!("{e}"))
    });
    pub static STORY: LazyLock<&'static Story> = LazyLock::new(|| &COMPILED.story);
}
