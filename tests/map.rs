//! The map's scene per step: it follows the control timeline, its camera and its animations
//! land where the data says, transitions pass between their ends, and labels do not collide.
#![cfg(not(target_arch = "wasm32"))]

use benghazi_explainer::map::projection::{MAP_HEIGHT, MAP_WIDTH};
use benghazi_explainer::map::scene::{scale_bar_km, side_colour, Scene, LABEL_FONT_PX, NEUTRAL};
use benghazi_explainer::story::{LabelSide, STORY};

fn step(id: &str) -> usize {
    STORY.step_index(id).unwrap()
}

fn scene(id: &str) -> Scene {
    Scene::at(&STORY, step(id), 0.0)
}

fn marker<'a>(scene: &'a Scene, place: &str) -> &'a benghazi_explainer::map::scene::Marker {
    scene
        .markers
        .iter()
        .find(|m| STORY.places[m.place].id == place)
        .unwrap_or_else(|| panic!("no marker for {place}"))
}

#[test]
fn every_marker_shows_the_control_timeline_at_every_step() {
    for i in 0..STORY.steps.len() {
        let scene = Scene::at(&STORY, i, 0.5);
        let control = STORY.control_at(i);
        for m in &scene.markers {
            let place = &STORY.places[m.place];
            match control.iter().find(|c| c.place == place.id) {
                Some(change) => {
                    let holder = STORY
                        .factions
                        .iter()
                        .find(|f| f.id == change.holder)
                        .unwrap();
                    assert_eq!(m.status, Some(change.status), "{} at step {i}", place.id);
                    assert_eq!(
                        m.colour,
                        side_colour(holder.side),
                        "{} at step {i}",
                        place.id
                    );
                }
                None => {
                    assert_eq!(m.status, None, "{} at step {i}", place.id);
                    assert_eq!(m.colour, NEUTRAL);
                }
            }
        }
    }
}

#[test]
fn only_located_places_of_the_city_map_are_drawn() {
    let drawn: Vec<_> = scene("gains")
        .markers
        .iter()
        .map(|m| STORY.places[m.place].id.to_string())
        .collect();
    assert_eq!(
        drawn,
        ["benghazi", "benina", "bu-attni", "base-319", "ar-rajmah"]
    );
}

#[test]
fn the_map_changes_where_control_changes() {
    let before = scene("may-offensive");
    let after = scene("bu-attni");
    assert_ne!(
        marker(&before, "bu-attni").colour,
        marker(&after, "bu-attni").colour
    );
    assert_ne!(
        marker(&before, "bu-attni").status,
        marker(&after, "bu-attni").status
    );
    // Base 319 changes only with the claims.
    assert_eq!(
        marker(&before, "base-319").status,
        marker(&after, "base-319").status
    );
    assert_ne!(
        marker(&after, "base-319").status,
        marker(&scene("bases-seized"), "base-319").status
    );
}

#[test]
fn the_camera_goes_where_each_step_says() {
    let wide = scene("gains").camera;
    assert_eq!(
        (wide.x, wide.y, wide.k),
        (MAP_WIDTH / 2.0, MAP_HEIGHT / 2.0, 1.0)
    );
    let close = scene("bu-attni");
    let bu_attni = marker(&close, "bu-attni");
    assert_eq!(close.camera.k, 3.0);
    // Bu Attni is at the centre of the view.
    let (x, y) = close.camera.apply((bu_attni.x, bu_attni.y));
    assert!((x - MAP_WIDTH / 2.0).abs() < 1.0 && (y - MAP_HEIGHT / 2.0).abs() < 1.0);
    // The view never leaves the map.
    for i in 0..STORY.steps.len() {
        let c = Scene::at(&STORY, i, 0.0).camera;
        let (x0, y0) = c.apply((0.0, 0.0));
        let (x1, y1) = c.apply((MAP_WIDTH, MAP_HEIGHT));
        assert!(x0 <= 1e-9 && y0 <= 1e-9 && x1 >= MAP_WIDTH - 1e-9 && y1 >= MAP_HEIGHT - 1e-9);
    }
}

#[test]
fn events_animate_at_their_steps() {
    assert!(scene("ar-rajmah").retreat.is_some());
    assert!(scene("bu-attni").retreat.is_none());
    for id in ["air-base", "air-force", "shipna"] {
        assert!(scene(id).sorties.is_some(), "{id}");
    }
    assert!(scene("hor").sorties.is_none());
    let overrun = scene("bu-attni")
        .overrun
        .map(|i| STORY.places[i].id.to_string());
    assert_eq!(overrun.as_deref(), Some("bu-attni"));
    assert_eq!(scene("under-threat").locator, 0.0);
    assert_eq!(scene("hor").locator, 1.0, "the HoR sat in Tobruk");
    assert_eq!(scene("un-talks").locator, 1.0, "the talks were in Tripoli");
}

#[test]
fn progress_moves_the_sorties_and_nothing_else() {
    let a = Scene::at(&STORY, step("air-base"), 0.1);
    let b = Scene::at(&STORY, step("air-base"), 0.9);
    assert_ne!(a.sortie_phase, b.sortie_phase);
    assert_eq!(
        Scene {
            sortie_phase: 0.0,
            ..a
        },
        Scene {
            sortie_phase: 0.0,
            ..b
        }
    );
}

#[test]
fn a_transition_starts_and_ends_at_its_two_scenes() {
    let (a, b) = (scene("may-offensive"), scene("bu-attni"));
    assert_eq!(Scene::lerp(&a, &b, 0.0).camera, a.camera);
    assert_eq!(Scene::lerp(&a, &b, 0.0).markers, a.markers);
    assert_eq!(Scene::lerp(&a, &b, 1.0), b);
}

#[test]
fn a_frame_mid_transition_lies_between_its_two_ends() {
    let (a, b) = (scene("may-offensive"), scene("bu-attni"));
    let mid = Scene::lerp(&a, &b, 0.5);
    assert!(a.camera.k < mid.camera.k && mid.camera.k < b.camera.k);
    let between = |lo: f64, v: f64, hi: f64| lo.min(hi) < v && v < lo.max(hi);
    assert!(between(a.camera.x, mid.camera.x, b.camera.x));
    let (ca, cm, cb) = (
        marker(&a, "bu-attni").colour,
        marker(&mid, "bu-attni").colour,
        marker(&b, "bu-attni").colour,
    );
    assert!(
        between(ca.0, cm.0, cb.0) && between(ca.2, cm.2, cb.2),
        "{cm:?}"
    );
}

#[test]
fn the_scale_bar_is_a_round_length_of_readable_width() {
    assert_eq!(scale_bar_km(12.0, 60.0), 5.0);
    assert_eq!(scale_bar_km(36.0, 60.0), 2.0);
    assert_eq!(scale_bar_km(100.0, 60.0), 1.0);
}

/// A label's box on screen: left, top, right, bottom.
fn label_box(x: f64, y: f64, side: LabelSide, text: &str, scale: f64) -> [f64; 4] {
    // Bold sans-serif averages about 0.62 em a character.
    let w = text.chars().count() as f64 * LABEL_FONT_PX * 0.62 * scale;
    let h = LABEL_FONT_PX * scale;
    let (dx, dy) = match side {
        LabelSide::Right => (12.0 * scale, 0.0),
        LabelSide::Left => (-12.0 * scale - w, 0.0),
        LabelSide::Above => (-w / 2.0, -14.0 * scale),
        LabelSide::Below => (-w / 2.0, 19.0 * scale),
    };
    let (left, mid) = match side {
        LabelSide::Right | LabelSide::Left => (x + dx, y),
        LabelSide::Above | LabelSide::Below => (x + dx, y + dy),
    };
    [left, mid - h * 0.6, left + w, mid + h * 0.4]
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

#[test]
fn labels_do_not_collide_at_any_step_on_desktop_or_phone() {
    // The stylesheet's --glyph-scale: 1.3 on desktop, where the map draws at about 60% of its
    // viewBox; 1.9 on phones, where it draws at about 40%; 1 for the SVG as it is.
    for scale in [1.0, 1.3, 1.9] {
        for (i, s) in STORY.steps.iter().enumerate() {
            let scene = Scene::at(&STORY, i, 0.0);
            let boxes: Vec<_> = scene
                .markers
                .iter()
                .filter(|m| m.label >= 0.5)
                .map(|m| {
                    let place = &STORY.places[m.place];
                    let (x, y) = scene.camera.apply((m.x, m.y));
                    (
                        place.id.to_string(),
                        x,
                        y,
                        label_box(x, y, place.label_side, &place.short, scale),
                    )
                })
                .filter(|(_, x, y, _)| {
                    (0.0..=MAP_WIDTH).contains(x) && (0.0..=MAP_HEIGHT).contains(y)
                })
                .chain(STORY.routes.iter().map(|r| {
                    // The road's label sits above its middle (it is nearly level).
                    let end = |id: &str| {
                        let m = scene
                            .markers
                            .iter()
                            .find(|m| STORY.places[m.place].id == id)
                            .unwrap();
                        scene.camera.apply((m.x, m.y))
                    };
                    let ((x0, y0), (x1, y1)) = (end(&r.from), end(&r.to));
                    let (x, y) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0 - 10.0 * scale);
                    let w = r.name.chars().count() as f64 * 11.0 * 0.6 * scale;
                    (
                        r.id.to_string(),
                        x,
                        y,
                        [x - w / 2.0, y - 6.0 * scale, x + w / 2.0, y + 4.0 * scale],
                    )
                }))
                .collect();
            for (a, (ida, _, _, ba)) in boxes.iter().enumerate() {
                for (idb, xb, yb, bb) in &boxes[a + 1..] {
                    assert!(
                        !overlap(*ba, *bb),
                        "labels of {ida} and {idb} collide at step {} (scale {scale})",
                        s.id
                    );
                    let symbol = [
                        xb - 8.0 * scale,
                        yb - 8.0 * scale,
                        xb + 8.0 * scale,
                        yb + 8.0 * scale,
                    ];
                    assert!(
                        !overlap(*ba, symbol),
                        "label of {ida} covers {idb} at step {} (scale {scale})",
                        s.id
                    );
                }
            }
        }
    }
}
