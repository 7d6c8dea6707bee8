//! From longitude and latitude to the map's pixels, and back.
//!
//! An equirectangular projection with its standard parallel at the window's middle: over a city
//! map's few tens of kilometres (and, less exactly, for a small locator of a country) distances
//! and shapes stay true to within a fraction of a pixel.

pub use story_script::{MAP_HEIGHT, MAP_WIDTH};

/// How much of the map is drawn beyond each side of its viewBox, as a share of its width: a
/// frame up to (1 + 2 × 0.6) × 800 / 480 ≈ 3.7 times as wide as high shows map, not empty
/// bands (the stylesheet keeps frames within that). A story's land reaches that far (its
/// geodata's `margin_lon_deg`).
pub const MAP_BEYOND: f64 = 0.6;

/// The pixel box of the locator.
pub const LOCATOR_WIDTH: f64 = 200.0;
pub const LOCATOR_HEIGHT: f64 = 170.0;

/// Mean Earth radius in km, for distances on the map.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// A projection that fits a lon/lat window into a `width` × `height` pixel box (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// The window's centre.
    lon0: f64,
    lat0: f64,
    /// cos(lat0): shrinks longitudes to their true length at the standard parallel.
    cos0: f64,
    /// Pixels per degree of latitude.
    scale: f64,
    /// Pixel position of the centre.
    cx: f64,
    cy: f64,
}

impl Projection {
    /// The projection that fits [west, east] × [south, north] inside `width` × `height`,
    /// centred, keeping its aspect.
    pub fn fit(west: f64, south: f64, east: f64, north: f64, width: f64, height: f64) -> Self {
        let lat0 = (south + north) / 2.0;
        let lon0 = (west + east) / 2.0;
        let cos0 = lat0.to_radians().cos();
        let scale = (width / ((east - west) * cos0)).min(height / (north - south));
        Projection {
            lon0,
            lat0,
            cos0,
            scale,
            cx: width / 2.0,
            cy: height / 2.0,
        }
    }

    /// Pixel position of a point.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.cx + (lon - self.lon0) * self.cos0 * self.scale,
            self.cy - (lat - self.lat0) * self.scale,
        )
    }

    /// Pixels per km (the same along both axes at the standard parallel).
    pub fn px_per_km(&self) -> f64 {
        self.scale / (EARTH_RADIUS_KM * core::f64::consts::PI / 180.0)
    }
}

/// An SVG path for polygons given as rings of [lon, lat] points, rounded to 0.1 px so the path
/// stays short; rings with fewer than three distinct points after rounding are dropped.
pub fn svg_path(projection: &Projection, rings: &[Vec<[f64; 2]>]) -> String {
    let mut d = String::new();
    for ring in rings {
        let mut points: Vec<(i64, i64)> = ring
            .iter()
            .map(|&[lon, lat]| {
                let (x, y) = projection.project(lon, lat);
                ((x * 10.0).round() as i64, (y * 10.0).round() as i64)
            })
            .collect();
        points.dedup();
        if points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            continue;
        }
        for (i, (x, y)) in points.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&format!("{}", Tenths(*x)));
            d.push(',');
            d.push_str(&format!("{}", Tenths(*y)));
        }
        d.push('Z');
    }
    d
}

/// A number of tenths written as a decimal without a trailing ".0".
struct Tenths(i64);

impl core::fmt::Display for Tenths {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.abs();
        match abs % 10 {
            0 => write!(f, "{sign}{}", abs / 10),
            tenth => write!(f, "{sign}{}.{tenth}", abs / 10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn benghazi() -> Projection {
        Projection::fit(19.85, 31.90, 20.55, 32.25, 800.0, 480.0)
    }

    #[test]
    fn the_window_centre_lands_in_the_middle() {
        let p = benghazi();
        let (x, y) = p.project(20.2, 32.075);
        assert!((x - 400.0).abs() < 1e-9 && (y - 240.0).abs() < 1e-9);
    }

    #[test]
    fn the_window_fits_inside_the_box_touching_two_sides() {
        let p = benghazi();
        let (x0, y0) = p.project(19.85, 32.25);
        let (x1, y1) = p.project(20.55, 31.90);
        assert!(x0 >= -1e-9 && y0 >= -1e-9 && x1 <= 800.0 + 1e-9 && y1 <= 480.0 + 1e-9);
        let touches_width = x0.abs() < 1e-6 && (x1 - 800.0).abs() < 1e-6;
        let touches_height = y0.abs() < 1e-6 && (y1 - 480.0).abs() < 1e-6;
        assert!(touches_width || touches_height);
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let p = benghazi();
        let (x, y) = p.project(20.0, 32.0);
        let (xe, _) = p.project(20.1, 32.0);
        let (_, yn) = p.project(20.0, 32.1);
        assert!(xe > x && yn < y);
    }

    #[test]
    fn distances_on_the_map_match_great_circle_distances() {
        // Benghazi (GeoNames) to Benina airport is 19.0 km on the sphere.
        let p = benghazi();
        let (x0, y0) = p.project(20.06859, 32.11486);
        let (x1, y1) = p.project(20.2694, 32.0969);
        let km = (x1 - x0).hypot(y1 - y0) / p.px_per_km();
        assert!((km - 19.0).abs() < 0.2, "{km}");
    }

    #[test]
    fn a_ring_becomes_a_closed_path_rounded_to_tenths() {
        let p = Projection::fit(0.0, 0.0, 1.0, 1.0, 100.0, 100.0);
        let ring = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]];
        let d = svg_path(&p, &[ring]);
        assert_eq!(d, "M0,100L100,100L100,0Z");
        let (x, _) = p.project(0.123456, 0.5);
        assert_eq!(format!("{}", Tenths((x * 10.0).round() as i64)), "12.3");
    }

    #[test]
    fn rings_too_small_to_see_are_dropped() {
        let p = Projection::fit(0.0, 0.0, 1.0, 1.0, 100.0, 100.0);
        let speck = vec![[0.5, 0.5], [0.5001, 0.5], [0.5, 0.5001], [0.5, 0.5]];
        assert_eq!(svg_path(&p, &[speck]), "");
    }
}
