//! The maps' static geometry as ready SVG path data: land on the city map, the country and its
//! neighbours on the locator, the city map's window outlined there. Projected and written once,
//! at build time; only the pre-rendered HTML carries it.

use crate::load::{self, DataError};
use crate::model::{Story, WindowRole};
use crate::projection::{
    svg_path, Projection, LOCATOR_HEIGHT, LOCATOR_WIDTH, MAP_HEIGHT, MAP_WIDTH,
};
use schemars::JsonSchema;
use serde::Deserialize;

/// A geometry file of a story's `geo/` folder (`land.toml`: the main map's land; `locator.toml`:
/// the country and its neighbours), as `scripts/geodata/build.mjs` writes it.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "geo/land.toml, geo/locator.toml")]
pub struct GeoFile {
    meta: GeoMeta,
    /// The polygons; a multi-polygon is several entries of the same name.
    polygon: Vec<GeoPolygon>,
}

/// Where the geometry comes from, and how it was cut.
#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)] // read to check the file's shape
struct GeoMeta {
    /// The data it was made from: package, version, file, origin.
    source: String,
    /// The data's licence, e.g. "ODbL 1.0" or "public domain".
    licence: String,
    /// The credit the map shows, e.g. "© OpenStreetMap contributors".
    credit: String,
    /// The rectangle it was clipped to: west, south, east, north, in degrees.
    window: [f64; 4],
    /// The simplification's tolerance, in degrees.
    tolerance_deg: f64,
}

/// One polygon: an outer ring and its holes.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GeoPolygon {
    /// In locator.toml the country's name (the locator's window title names the country the
    /// story is in); empty for land.
    name: String,
    /// The outer ring, then any holes: closed rings (first point = last) of [lon, lat] points.
    rings: Vec<Vec<[f64; 2]>>,
}

impl GeoFile {
    /// Parses the geometry file `file` (its path in the story's folder, for the message).
    pub fn parse(file: &'static str, text: &str) -> Result<GeoFile, DataError> {
        let mut table = load::parse_toml(text)
            .map_err(|(span, problem)| DataError::new(file, text, span, "file", problem))?;
        let meta = take(file, text, &mut table, "meta", "[meta]", "table")?;
        let polygon = take(file, text, &mut table, "polygon", "[[polygon]]", "entries")?;
        if let Some(key) = table.keys().next() {
            let problem = format!("unknown key \"{}\"", key.get_ref());
            return Err(DataError::new(
                file,
                text,
                Some(key.span()),
                "file",
                problem,
            ));
        }
        Ok(GeoFile { meta, polygon })
    }

    /// Whether a polygon has this name.
    pub fn has_polygon(&self, name: &str) -> bool {
        self.polygon.iter().any(|p| p.name == name)
    }

    /// The simplification's tolerance, in degrees.
    pub fn tolerance_deg(&self) -> f64 {
        self.meta.tolerance_deg
    }

    /// Whether the point lies inside a polygon named `name` or within `margin` degrees of its
    /// outline (the outline is simplified).
    pub fn near_polygon(&self, name: &str, lon: f64, lat: f64, margin: f64) -> bool {
        self.polygon.iter().filter(|p| p.name == name).any(|p| {
            // Even-odd over all the rings: inside the outer ring and in no hole.
            let inside = p
                .rings
                .iter()
                .filter(|r| ring_contains(r, lon, lat))
                .count()
                % 2
                == 1;
            inside
                || p.rings.iter().any(|r| {
                    r.windows(2)
                        .any(|s| segment_distance(s[0], s[1], [lon, lat]) <= margin)
                })
        })
    }

    fn rings(&self, keep: impl Fn(&str) -> bool) -> Vec<Vec<[f64; 2]>> {
        self.polygon
            .iter()
            .filter(|p| keep(&p.name))
            .flat_map(|p| p.rings.iter().cloned())
            .collect()
    }
}

/// Whether a closed ring of [lon, lat] points holds the point (ray casting).
fn ring_contains(ring: &[[f64; 2]], lon: f64, lat: f64) -> bool {
    let mut inside = false;
    for s in ring.windows(2) {
        let ([x1, y1], [x2, y2]) = (s[0], s[1]);
        if (y1 > lat) != (y2 > lat) && lon < x1 + (lat - y1) / (y2 - y1) * (x2 - x1) {
            inside = !inside;
        }
    }
    inside
}

/// The distance in degrees (flat) from point `p` to the segment from `a` to `b`.
fn segment_distance(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    ((a[0] + t * dx - p[0]).powi(2) + (a[1] + t * dy - p[1]).powi(2)).sqrt()
}

/// Takes `key` out of a geometry file's `table` and reads it; `entry` is how messages name it,
/// `what` what it is (a table, entries).
fn take<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
    table: &mut toml::de::DeTable,
    key: &str,
    entry: &str,
    what: &str,
) -> Result<T, DataError> {
    let node = table.remove(key).ok_or_else(|| {
        DataError::new(
            file,
            text,
            None,
            "file",
            format!("missing the {entry} {what}"),
        )
    })?;
    load::deserialize(node)
        .map_err(|e| DataError::new(file, text, e.span(), entry, load::one_line(e.message())))
}

/// The static geometry of both maps.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// Land on the city map, in map pixels.
    pub land: String,
    /// The rectangle the land data covers (its clip window), in map pixels: left, top, right,
    /// bottom. Beyond it the map would show sea where there may be land.
    pub land_extent: [f64; 4],
    /// The country on the locator, in locator pixels.
    pub country: String,
    /// Its neighbours on the locator.
    pub neighbours: String,
    /// The city map's window, outlined on the locator.
    pub city_frame: String,
    /// Where the geography comes from, in full, for the end matter.
    pub credits: String,
    /// The same in brief, for the map's credit line: credit and licence.
    pub short_credits: String,
    /// Whether some of it is under the Open Database License (OpenStreetMap's).
    pub odbl: bool,
    /// Where each city of the locator sits on it, in locator pixels (`MapPlan::locator_cities`
    /// order).
    pub locator_cities: Vec<(f64, f64)>,
}

/// The projection of the locator.
pub fn locator_projection(story: &Story) -> Projection {
    let w = story.window(WindowRole::Locator);
    Projection::fit(
        w.west,
        w.south,
        w.east,
        w.north,
        LOCATOR_WIDTH,
        LOCATOR_HEIGHT,
    )
}

impl Geometry {
    /// `land` is the main map's land, `countries` the country and its neighbours (the country
    /// is the polygon named as the locator's window is titled).
    pub fn of(
        story: &Story,
        land: &GeoFile,
        countries: &GeoFile,
        locator_cities: &[usize],
    ) -> Geometry {
        let country = story.window(WindowRole::Locator).title.as_str();
        let city_window = story.window(WindowRole::Map);
        let (w, s, e, n) = (
            city_window.west,
            city_window.south,
            city_window.east,
            city_window.north,
        );
        let city = Projection::fit(w, s, e, n, MAP_WIDTH, MAP_HEIGHT);
        let locator = locator_projection(story);
        let credits = [&land.meta, &countries.meta]
            .map(|m| format!("{} ({}, {})", m.credit, m.source, m.licence))
            .join("; ");
        Geometry {
            land: svg_path(&city, &land.rings(|_| true)),
            land_extent: {
                let [w, s, e, n] = land.meta.window;
                let ((left, top), (right, bottom)) = (city.project(w, n), city.project(e, s));
                [left, top, right, bottom]
            },
            country: svg_path(&locator, &countries.rings(|name| name == country)),
            neighbours: svg_path(&locator, &countries.rings(|name| name != country)),
            city_frame: svg_path(&locator, &[vec![[w, s], [e, s], [e, n], [w, n], [w, s]]]),
            credits,
            short_credits: [&land.meta, &countries.meta]
                .map(|m| match m.licence.as_str() {
                    "public domain" => m.credit.clone(),
                    licence => format!("{} ({licence})", m.credit),
                })
                .join("; "),
            odbl: [&land.meta, &countries.meta]
                .iter()
                .any(|m| m.licence.contains("ODbL")),
            locator_cities: locator_cities
                .iter()
                .map(|&i| {
                    let p = &story.places[i];
                    locator.project(p.lon.unwrap_or_default(), p.lat.unwrap_or_default())
                })
                .collect(),
        }
    }
}
