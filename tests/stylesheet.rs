//! The stylesheets keep to CSS every engine reads: an SVG geometry property set from CSS (r, cx,
//! cy, rx, ry) carries its unit, since Firefox and WebKit drop a bare number that Chromium takes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

#[test]
fn svg_geometry_in_css_has_units() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("style");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("style/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "css") {
            continue;
        }
        let css = std::fs::read_to_string(&path).expect("a stylesheet");
        for (n, line) in css.lines().enumerate() {
            let Some((property, value)) = line.trim().split_once(':') else {
                continue;
            };
            let value = value.trim().trim_end_matches(';').trim();
            let geometry = ["r", "cx", "cy", "rx", "ry"].contains(&property.trim());
            let bare = value.parse::<f64>().is_ok_and(|v| v != 0.0);
            if geometry && bare {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "unitless SVG geometry in CSS:\n{}",
        found.join("\n")
    );
}
