//! The map's frame at every step, as compiled: it follows the control timeline, its camera and
//! its lines land where the data says, labels are whole on the map and never collide, and the
//! locator covers no place.

use std::sync::LazyLock;
use story_compiler::geom::meets;
use story_compiler::map::{
    corner_area, label_box, road_label_box, symbol_box, GLYPH_SCALES, MAX_GLYPH_SCALE,
};
use story_compiler::model::LabelSide;
use story_compiler::projection::{MAP_HEIGHT, MAP_WIDTH};
use story_compiler::vocabulary::{look_index, side_colour, NEUTRAL};
use story_compiler::{compile_dir, Compiled};
use story_script::{LineStyle, MapFrame, MarkerFrame, Point, Side};

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stories/benghazi-2014");
    compile_dir(&root, |_| {}).unwrap_or_else(|e| panic!("{e}"))
});

fn step(id: &str) -> usize {
    COMPILED.story.step_index(id).unwrap()
}

fn frame(id: &str) -> &'static MapFrame {
    &COMPILED.script.frames[step(id)].map
}

/// The marker index of a place.
fn index(place: &str) -> usize {
    COMPILED
        .script
        .markers
        .iter()
        .position(|m| m.place == place)
        .unwrap_or_else(|| panic!("no marker for {place}"))
}

fn marker<'a>(frame: &'a MapFrame, place: &str) -> &'a MarkerFrame {
    &frame.markers[index(place)]
}

/// The short name of marker `m`'s place.
fn short(m: usize) -> &'static str {
    &COMPILED.story.places[COMPILED.plan.places[m]].short
}

/// Where marker `m` is on screen at `frame`.
fn on_screen(frame: &MapFrame, m: usize) -> Point {
    frame.camera.apply(COMPILED.script.markers[m].at)
}

#[test]
fn every_marker_shows_the_control_timeline_at_every_step() {
    let story = &COMPILED.story;
    for (i, f) in COMPILED.script.frames.iter().enumerate() {
        let control = story.control_at(i);
        for (m, mf) in f.map.markers.iter().enumerate() {
            let place = &story.places[COMPILED.plan.places[m]];
            match control.iter().find(|c| c.place == place.id) {
                Some(change) => {
                    let holder = story.faction(&change.holder).unwrap();
                    assert_eq!(
                        mf.look,
                        look_index(Some(change.status)),
                        "{} at step {i}",
                        place.id
                    );
                    assert_eq!(
                        mf.colour,
                        side_colour(story.side_of(holder)),
                        "{} at step {i}",
                        place.id
                    );
                    assert_eq!(mf.holder, holder.short, "{} at step {i}", place.id);
                }
                None => {
                    assert_eq!(mf.look, look_index(None), "{} at step {i}", place.id);
                    assert_eq!(mf.colour, NEUTRAL);
                }
            }
        }
    }
}

#[test]
fn only_located_places_of_the_city_map_are_drawn() {
    let drawn: Vec<_> = COMPILED
        .script
        .markers
        .iter()
        .map(|m| m.place.to_string())
        .collect();
    assert_eq!(
        drawn,
        ["benghazi", "benina", "bu-attni", "base-319", "ar-rajmah"]
    );
    // A place known only roughly carries its circle of uncertainty; an exact one does not.
    assert!(COMPILED.script.markers[index("bu-attni")]
        .uncertainty
        .is_some());
    assert!(COMPILED.script.markers[index("benghazi")]
        .uncertainty
        .is_none());
}

#[test]
fn the_map_changes_where_control_changes() {
    let (before, after) = (frame("may-offensive"), frame("bu-attni"));
    assert_ne!(
        marker(before, "bu-attni").colour,
        marker(after, "bu-attni").colour
    );
    assert_ne!(
        marker(before, "bu-attni").look,
        marker(after, "bu-attni").look
    );
    // Base 319 changes only with its claim, dated 14 July: by 29 July, not again with the others.
    assert_ne!(
        marker(before, "base-319").look,
        marker(after, "base-319").look
    );
    assert_eq!(
        marker(after, "base-319").look,
        marker(frame("bases-seized"), "base-319").look
    );
}

#[test]
fn the_camera_goes_where_each_step_says() {
    let wide = frame("gains").camera;
    assert_eq!(
        (wide.x, wide.y, wide.k),
        (MAP_WIDTH / 2.0, MAP_HEIGHT / 2.0, 1.0)
    );
    let close = frame("bu-attni");
    assert_eq!(close.camera.k, 3.0);
    // Bu Attni is at the centre of the view.
    let at = on_screen(close, index("bu-attni"));
    assert!((at.x - MAP_WIDTH / 2.0).abs() < 1.0 && (at.y - MAP_HEIGHT / 2.0).abs() < 1.0);
    // The view never leaves the map.
    for f in COMPILED.script.frames.iter() {
        let c = f.map.camera;
        let a = c.apply(Point { x: 0.0, y: 0.0 });
        let b = c.apply(Point {
            x: MAP_WIDTH,
            y: MAP_HEIGHT,
        });
        assert!(a.x <= 1e-9 && a.y <= 1e-9 && b.x >= MAP_WIDTH - 1e-9 && b.y >= MAP_HEIGHT - 1e-9);
    }
}

#[test]
fn events_draw_their_lines_and_bursts_at_their_steps() {
    let line = |style: LineStyle| {
        COMPILED
            .script
            .lines
            .iter()
            .position(|l| l.style == style)
            .unwrap()
    };
    let (retreat, raids) = (line(LineStyle::Arrow), line(LineStyle::Fan));
    assert_eq!(frame("ar-rajmah").lines[retreat], 1.0);
    assert_eq!(frame("bu-attni").lines[retreat], 0.0);
    for id in ["air-base", "air-force", "shipna"] {
        assert_eq!(frame(id).lines[raids], 1.0, "{id}");
    }
    assert_eq!(frame("hor").lines[raids], 0.0);
    assert_eq!(frame("bu-attni").burst, Some(index("bu-attni") as u8));
    assert_eq!(frame("bases-seized").burst, None);
}

#[test]
fn the_locator_comes_forward_only_for_steps_elsewhere_in_the_country() {
    for id in ["hor", "un-talks", "un-statement"] {
        assert_eq!(frame(id).locator.forward, 1.0, "{id}");
    }
    // Shipna is a district of Benghazi that no source locates: the city map stays.
    for id in ["shipna", "bu-attni", "under-threat"] {
        assert_eq!(frame(id).locator.forward, 0.0, "{id}");
    }
    // The locator marks the step's city.
    let cities = &COMPILED.plan.locator_cities;
    let here = |id: &str| {
        frame(id)
            .locator
            .here
            .map(|c| COMPILED.story.places[cities[usize::from(c)]].id.clone())
    };
    assert_eq!(here("hor").as_deref(), Some("tobruk"));
    assert_eq!(here("bu-attni"), None);
}

/// The screen boxes of a frame's symbols on the view and its shown labels, at `scale`.
fn drawn_boxes(f: &MapFrame, scale: f64) -> Vec<(String, [f64; 4])> {
    let mut boxes = Vec::new();
    for (m, mf) in f.markers.iter().enumerate() {
        let at = on_screen(f, m);
        let place = &COMPILED.script.markers[m].place;
        if (0.0..=MAP_WIDTH).contains(&at.x) && (0.0..=MAP_HEIGHT).contains(&at.y) {
            boxes.push((format!("{place}'s symbol"), symbol_box(at, scale)));
        }
        if mf.label >= 0.5 {
            boxes.push((
                format!("{place}'s label"),
                label_box(at, mf.side, short(m), scale),
            ));
        }
    }
    boxes
}

#[test]
fn labels_do_not_collide_at_any_step_on_desktop_or_phone() {
    // Every --glyph-scale of the stylesheet, by the frame's height.
    for scale in GLYPH_SCALES {
        for (i, fr) in COMPILED.script.frames.iter().enumerate() {
            let f = &fr.map;
            let mut labels: Vec<(String, [f64; 4])> = drawn_boxes(f, scale)
                .into_iter()
                .filter(|(what, _)| what.ends_with("label"))
                .collect();
            for (route, road) in COMPILED
                .story
                .routes
                .iter()
                .zip(COMPILED.script.roads.iter())
                // Shown everywhere (1), or (0.5) in the frames below the largest glyph scale.
                .filter(|_| f.road_label > 0.75 || (f.road_label > 0.25 && scale < MAX_GLYPH_SCALE))
            {
                let (a, b) = (f.camera.apply(road.from), f.camera.apply(road.to));
                labels.push((
                    route.id.clone(),
                    road_label_box(a, b, f.road_label_at, &route.name, scale),
                ));
            }
            let symbols: Vec<_> = drawn_boxes(f, scale)
                .into_iter()
                .filter(|(what, _)| what.ends_with("symbol"))
                .collect();
            let step = &COMPILED.story.steps[i].id;
            for (a, (ida, ba)) in labels.iter().enumerate() {
                for (idb, bb) in &labels[a + 1..] {
                    assert!(
                        !meets(*ba, *bb),
                        "{ida} and {idb} collide at step {step} (scale {scale})"
                    );
                }
                for (idb, bb) in &symbols {
                    let own = idb.trim_end_matches("'s symbol") == ida.trim_end_matches("'s label");
                    assert!(
                        own || !meets(*ba, *bb),
                        "{ida} covers {idb} at step {step} (scale {scale})"
                    );
                }
            }
        }
    }
}

#[test]
fn every_shown_label_lies_whole_on_the_view() {
    for (i, fr) in COMPILED.script.frames.iter().enumerate() {
        let f = &fr.map;
        for (route, road) in COMPILED
            .story
            .routes
            .iter()
            .zip(COMPILED.script.roads.iter())
        {
            let (a, b) = (f.camera.apply(road.from), f.camera.apply(road.to));
            for scale in GLYPH_SCALES {
                let shown = f.road_label > 0.75 || (f.road_label > 0.25 && scale < MAX_GLYPH_SCALE);
                let b = road_label_box(a, b, f.road_label_at, &route.name, scale);
                assert!(
                    !shown
                        || (b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= MAP_WIDTH && b[3] <= MAP_HEIGHT),
                    "{}'s name runs off the view at step {} (scale {scale}): {b:?}",
                    route.id,
                    COMPILED.story.steps[i].id
                );
            }
        }
        for (what, b) in drawn_boxes(&fr.map, MAX_GLYPH_SCALE) {
            if what.ends_with("label") {
                assert!(
                    b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= MAP_WIDTH && b[3] <= MAP_HEIGHT,
                    "{what} runs off the view at step {}: {b:?}",
                    COMPILED.story.steps[i].id
                );
            }
        }
    }
}

#[test]
fn a_label_that_would_run_off_the_view_moves_to_another_side() {
    // Zoomed on Benina, Benghazi is near the left edge: its label (left, in the data) moves.
    let at_benina = frame("air-base");
    let benghazi = marker(at_benina, "benghazi");
    let data_side = COMPILED.story.place("benghazi").unwrap().label_side;
    assert_eq!(data_side, LabelSide::Left);
    assert_eq!(benghazi.label, 1.0);
    assert_ne!(benghazi.side, Side::Left);
    // ... where it leaves room for Bu Attni's.
    assert_eq!(marker(at_benina, "bu-attni").label, 1.0);
    // Where a road's name would take the room of the label of a place the step speaks of, the
    // name gives way.
    let retreat = frame("ar-rajmah");
    assert_eq!(marker(retreat, "bu-attni").label, 1.0);
    assert!(retreat.road_label < 1.0);
    // Where it fits, the data's side holds.
    assert_eq!(marker(frame("gains"), "benghazi").side, Side::Left);
}

#[test]
fn the_locator_at_rest_covers_no_place() {
    for (i, fr) in COMPILED.script.frames.iter().enumerate() {
        let f = &fr.map;
        if f.locator.forward > 0.0 {
            continue; // it fills the frame, in front of the faded city: tested in the browser
        }
        for (what, b) in drawn_boxes(f, MAX_GLYPH_SCALE) {
            assert!(
                !meets(b, corner_area(f.locator.corner)),
                "the locator ({:?}) covers {what} at step {}",
                f.locator.corner,
                COMPILED.story.steps[i].id
            );
        }
    }
}
