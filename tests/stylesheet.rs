//! The stylesheets keep to CSS every engine reads: an SVG geometry property set from CSS (r, cx,
//! cy, rx, ry) carries its unit, since Firefox and WebKit drop a bare number that Chromium takes;
//! the chart switches layout where the compiler expects it.
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

/// The chart's container queries show the wide and the medium layouts from the widths the
/// compiler sizes their text for (text renders at least 11px there), and no narrower.
#[test]
fn the_chart_switches_layout_where_the_compiler_sizes_its_text() {
    let css = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("style/main.css"))
        .expect("the stylesheet");
    use story_compiler::chart::{MEDIUM_FROM_PX, WIDE_FROM_PX};
    for (px, layout) in [(WIDE_FROM_PX, "wide"), (MEDIUM_FROM_PX, "medium")] {
        let query = format!("@container chart (min-width: {px}px) {{\n  .explainer .chart-svg.{layout} {{\n    display: block;");
        assert!(css.contains(&query), "style/main.css has no `{query}`");
    }
    assert_eq!(
        css.matches("@container chart").count(),
        2,
        "two container queries pick the chart's layout"
    );
}
