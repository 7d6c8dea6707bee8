//! The compiled story as readable text: every step's frame, the chart's layouts and the static
//! parts of the script, one line a thing. Committed as a golden file (`tests/golden/`) and
//! checked by the tests, so that a change to the data or to the compiler shows, in review, what
//! it changes at every step.

use crate::{ChartLayout, Compiled};
use std::fmt::Write;
use story_script::{Corner, LineStyle, Point, Side};

fn pt(p: Point) -> String {
    format!("{:.1},{:.1}", p.x, p.y)
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Right => "right",
        Side::Left => "left",
        Side::Above => "above",
        Side::Below => "below",
    }
}

/// The whole compiled story as text.
pub fn text(c: &Compiled) -> String {
    let (story, script) = (&c.story, &c.script);
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# The compiled frames of the story, written by story-compiler (crates/compiler/src/golden.rs).\n\
         # A change to the data or to the compiler shows here, step by step: review it, then\n\
         # accept it with `make golden`."
    );
    let _ = writeln!(w, "\n== map");
    let _ = writeln!(w, "map px per km: {:.3}", script.px_per_km);
    for m in script.markers.iter() {
        let rough = m
            .uncertainty
            .map_or(String::new(), |r| format!(", within {r:.1} px"));
        let _ = writeln!(w, "marker {} at {}{rough}", m.place, pt(m.at));
    }
    for (line, (_, kind, from, to)) in script.lines.iter().zip(&c.plan.lines) {
        let (from, to) = (*from, *to);
        let style = match line.style {
            LineStyle::Arrow => "arrow",
            LineStyle::Fan => "fan",
        };
        let _ = writeln!(
            w,
            "line {style} ({kind}) {} {} -> {} {}",
            story.places[from].id,
            pt(line.from),
            story.places[to].id,
            pt(line.to)
        );
    }
    for (road, route) in script.roads.iter().zip(&story.routes) {
        let _ = writeln!(
            w,
            "road {} {} -> {}, its name at {:.1}°",
            route.id,
            pt(road.from),
            pt(road.to),
            road.angle
        );
    }
    for (i, look) in script.looks.iter().enumerate() {
        let _ = writeln!(
            w,
            "look {i} {}: class \"{}\", {}{}{}",
            look.name,
            look.class,
            look.shape,
            if look.fill { ", filled" } else { "" },
            if look.stroke { ", outlined" } else { "" },
        );
    }
    for chart in &c.charts {
        chart_text(w, c, chart);
    }
    for (i, f) in script.frames.iter().enumerate() {
        let step = &story.steps[i];
        let _ = writeln!(
            w,
            "\n== step {} {}: {} ({})",
            i + 1,
            f.step,
            step.title,
            f.when
        );
        let _ = writeln!(w, "place: {}", f.place);
        let _ = writeln!(w, "announce: {}", f.announcement);
        let m = &f.map;
        let _ = writeln!(
            w,
            "camera: x {:.2} y {:.2} k {:.3}",
            m.camera.x, m.camera.y, m.camera.k
        );
        for (marker, mf) in script.markers.iter().zip(m.markers.iter()) {
            let look = &script.looks[usize::from(mf.look)];
            let holder = if mf.holder.is_empty() {
                "-"
            } else {
                &mf.holder
            };
            let label = if mf.label > 0.5 {
                format!("label {}", side(mf.side))
            } else {
                "no label".into()
            };
            let _ = writeln!(
                w,
                "  {:<10} {:<13} {:<17} #{:02x}{:02x}{:02x}  {label}{}",
                marker.place,
                look.name,
                holder,
                mf.colour.r as u8,
                mf.colour.g as u8,
                mf.colour.b as u8,
                if mf.focus > 0.5 { ", spoken of" } else { "" }
            );
        }
        let lines: Vec<String> = m.lines.iter().map(|d| format!("{d:.2}")).collect();
        let _ = writeln!(w, "lines drawn: {}", lines.join(" "));
        if let Some(b) = m.burst {
            let _ = writeln!(w, "burst: {}", script.markers[usize::from(b)].place);
        }
        let l = &m.locator;
        let here = l.here.map_or("-".to_string(), |h| {
            story.places[c.plan.locator_cities[usize::from(h)]]
                .id
                .clone()
        });
        let _ = writeln!(
            w,
            "locator: {}, {}, marks {here}",
            if l.forward > 0.5 {
                "forward"
            } else {
                "at rest"
            },
            match l.corner {
                Corner::BottomRight => "bottom right",
                Corner::TopLeft => "top left",
            }
        );
        let _ = writeln!(
            w,
            "road names at {:.2} of their roads, shown {:.1}",
            m.road_label_at, m.road_label
        );
        let shown: Vec<&str> = story
            .landmarks
            .iter()
            .zip(m.landmarks.iter())
            .filter(|(_, &v)| v > 0.5)
            .map(|(l, _)| l.id.as_str())
            .collect();
        let _ = writeln!(w, "landmarks shown: {}", shown.join(", "));
        let _ = writeln!(w, "map words: {}", f.map_words.summary);
        let ch = &f.chart;
        let lit: Vec<&str> = (0..ch.lit.len())
            .filter(|&i| ch.lit[i])
            .map(|i| story.factions[i].id.as_str())
            .collect();
        let _ = writeln!(w, "chart lit: {}", lit.join(", "));
        let rel = |pick: fn(&story_script::RelationFrame) -> bool| -> String {
            let ids: Vec<String> = (0..ch.relations.len())
                .filter(|&r| pick(&ch.relations[r]))
                .map(|r| (r + 1).to_string())
                .collect();
            ids.join(" ")
        };
        let _ = writeln!(
            w,
            "relations shown: {}; new: {}; lit: {}",
            rel(|r| r.shown),
            rel(|r| r.new),
            rel(|r| r.lit)
        );
        let counts: Vec<String> = ch
            .counts
            .iter()
            .map(|k| format!("{} held, {} claimed", k.held, k.claimed))
            .collect();
        let _ = writeln!(w, "bases: {}", counts.join("; "));
        let _ = writeln!(w, "chart words: {}", ch.summary);
    }
    out
}

fn chart_text(w: &mut String, c: &Compiled, chart: &ChartLayout) {
    let g = &chart.geometry;
    let _ = writeln!(
        w,
        "\n== chart {:?}: {:.0} × {:.0}, names {:.1} px, labels {:.1} px",
        chart.layout, g.width, g.height, g.font_px, g.label_px
    );
    for (i, f) in c.story.factions.iter().enumerate() {
        let (x, y) = g.positions[i];
        let _ = writeln!(
            w,
            "faction {} at {x:.1},{y:.1}, {:.1} × {:.1}: {}",
            f.id,
            g.node_widths[i],
            g.node_heights[i],
            g.names[i].join(" / ")
        );
    }
    for (r, (rel, link)) in c.story.relations.iter().zip(&chart.links).enumerate() {
        let p = |(x, y): (f64, f64)| format!("{x:.1},{y:.1}");
        let _ = writeln!(
            w,
            "relation {} {} {:?} {}: M{}Q{} {}, label at {}",
            r + 1,
            rel.from,
            rel.kind,
            rel.to,
            p(link.start),
            p(link.control),
            p(link.end),
            p(link.label)
        );
    }
}
