//! The player: the baked script is what the compiler makes of the data; between two frames the
//! map passes only through values between them (property tests over every pair of steps and
//! any point of the move); a step change eases there, or jumps under reduced motion; within a
//! step only the reader's progress moves, and only the air raids' dashes.
#![cfg(not(target_arch = "wasm32"))]

use benghazi_explainer::paint::{scale_bar_km, LinePaint, MapPaint};
use benghazi_explainer::player::{ease, lerp, Player, TRANSITION_MS};
use benghazi_explainer::script::SCRIPT;
use benghazi_explainer::scroll::StepState;
use proptest::prelude::*;
use story_script::{Corner, MapFrame};

fn map(i: usize) -> &'static MapFrame {
    &SCRIPT.frames[i].map
}

fn at(index: usize) -> StepState {
    StepState {
        index,
        progress: 0.0,
    }
}

/// Whether `v` lies between `a` and `b` (either way round), to rounding.
fn between(a: f64, v: f64, b: f64) -> bool {
    a.min(b) - 1e-9 <= v && v <= a.max(b) + 1e-9
}

#[test]
fn the_baked_script_is_what_the_compiler_makes_of_the_data() {
    let root = &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("stories/benghazi-2014");
    let compiled = story_compiler::compile_dir(root, |_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compiled.script, SCRIPT);
}

proptest! {
    #[test]
    fn a_move_starts_at_one_frame_ends_at_the_other_and_never_leaves_them(
        i in 0..SCRIPT.frames.len(),
        j in 0..SCRIPT.frames.len(),
        t in 0.0f64..=1.0,
    ) {
        let (a, b) = (map(i), map(j));
        prop_assert_eq!(&lerp(a, b, 0.0), a);
        prop_assert_eq!(&lerp(a, b, 1.0), b);
        let m = lerp(a, b, t);
        prop_assert!(between(a.camera.x, m.camera.x, b.camera.x));
        prop_assert!(between(a.camera.y, m.camera.y, b.camera.y));
        prop_assert!(between(a.camera.k, m.camera.k, b.camera.k));
        for ((ma, mm), mb) in a.markers.iter().zip(m.markers.iter()).zip(b.markers.iter()) {
            prop_assert!(between(ma.colour.r, mm.colour.r, mb.colour.r));
            prop_assert!(between(ma.colour.g, mm.colour.g, mb.colour.g));
            prop_assert!(between(ma.colour.b, mm.colour.b, mb.colour.b));
            prop_assert!(between(ma.focus, mm.focus, mb.focus));
            prop_assert!(between(ma.label, mm.label, mb.label));
            // What cannot move is one end or the other.
            prop_assert!(mm.look == ma.look || mm.look == mb.look);
            prop_assert!(mm.side == ma.side || mm.side == mb.side);
        }
        for ((la, lm), lb) in a.lines.iter().zip(m.lines.iter()).zip(b.lines.iter()) {
            prop_assert!(between(*la, *lm, *lb));
        }
        prop_assert!(between(a.locator.forward, m.locator.forward, b.locator.forward));
        prop_assert!((0.0..=1.0).contains(&m.locator.opacity));
        prop_assert!(between(a.road_label_at, m.road_label_at, b.road_label_at));
    }

    #[test]
    fn easing_stays_in_its_range_and_only_moves_forward(t in 0.0f64..=1.0, dt in 0.0f64..=0.5) {
        prop_assert!((0.0..=1.0).contains(&ease(t)));
        prop_assert!(ease(t) <= ease((t + dt).min(1.0)));
    }
}

#[test]
fn a_mid_move_frame_lies_strictly_between_its_two_ends() {
    let index = |id: &str| SCRIPT.frames.iter().position(|f| f.step == id).unwrap();
    let (a, b) = (map(index("may-offensive")), map(index("bu-attni")));
    let mid = lerp(a, b, 0.5);
    assert!(a.camera.k < mid.camera.k && mid.camera.k < b.camera.k);
    // Zoom is geometric: halfway from 1 to 3 is the square root of 3.
    assert!((mid.camera.k - 3f64.sqrt()).abs() < 1e-9);
}

#[test]
fn the_locator_fades_out_and_back_in_when_it_changes_corner() {
    // No step of this story moves it, but an edit of the data may.
    let a = map(0).clone();
    let mut b = map(4).clone();
    b.locator.corner = match a.locator.corner {
        Corner::BottomRight => Corner::TopLeft,
        Corner::TopLeft => Corner::BottomRight,
    };
    let at = |t| lerp(&a, &b, t).locator;
    assert_eq!(at(0.25).opacity, 0.5);
    assert_eq!(at(0.25).corner, a.locator.corner);
    assert_eq!(at(0.5).opacity, 0.0);
    assert_eq!(at(0.75).corner, b.locator.corner);
    assert_eq!(at(1.0).opacity, 1.0);
    // Between two steps in the same corner it stays.
    assert_eq!(lerp(map(0), map(1), 0.5).locator.opacity, 1.0);
}

#[test]
fn a_step_change_eases_the_map_there_from_what_it_shows() {
    let mut player = Player::new(&SCRIPT);
    assert!(player.settled() && player.shown() == map(0));
    assert!(player.follow(at(4), false));
    assert!(!player.settled());
    // The move starts at its first animation frame and ends TRANSITION_MS later.
    assert!(player.tick(1000.0));
    assert_eq!(player.shown(), map(0));
    assert!(player.tick(1000.0 + TRANSITION_MS / 2.0));
    let mid = player.shown().camera.k;
    assert!(map(0).camera.k < mid && mid < map(4).camera.k);
    // A new step mid-way starts from what is shown, not from a baked frame.
    assert!(player.follow(at(6), false));
    assert!(player.tick(2000.0));
    assert_eq!(player.shown().camera.k, mid);
    assert!(!player.tick(2000.0 + TRANSITION_MS));
    assert!(player.settled());
    assert_eq!(player.shown(), map(6));
}

#[test]
fn under_reduced_motion_a_step_change_shows_the_new_frame_at_once() {
    let mut player = Player::new(&SCRIPT);
    assert!(player.follow(at(4), true));
    assert!(player.settled());
    assert_eq!(player.shown(), map(4));
    assert!(!player.tick(0.0));
}

#[test]
fn progress_within_a_step_moves_the_air_raids_dashes_and_nothing_else() {
    let index = SCRIPT
        .frames
        .iter()
        .position(|f| f.step == "air-base")
        .unwrap();
    let mut player = Player::new(&SCRIPT);
    player.follow(at(index), true);
    let paint = |player: &Player, p: f64| MapPaint::of(&SCRIPT, player.shown(), p);
    let (a, b) = (paint(&player, 0.1), paint(&player, 0.9));
    assert_ne!(a.lines, b.lines);
    assert_eq!(
        MapPaint {
            lines: b.lines.clone(),
            ..a.clone()
        },
        b
    );
    let dashes = |p: &MapPaint| -> Vec<String> {
        p.lines
            .iter()
            .filter_map(|l| match l {
                LinePaint::Fan(fan) => Some(fan.dashoffset.clone()),
                LinePaint::Arrow(_) => None,
            })
            .collect()
    };
    assert_ne!(dashes(&a), dashes(&b));
    // A step without air raids: progress changes nothing at all.
    player.follow(at(0), true);
    assert_eq!(paint(&player, 0.1), paint(&player, 0.9));
    // The player keeps the reader's progress, within 0 to 1.
    assert!(!player.follow(
        StepState {
            index: 0,
            progress: 1.7
        },
        false
    ));
    assert_eq!(player.progress(), 1.0);
}

#[test]
fn the_scale_bar_is_a_round_length_of_readable_width() {
    assert_eq!(scale_bar_km(12.0, 60.0), 5.0);
    assert_eq!(scale_bar_km(36.0, 60.0), 2.0);
    assert_eq!(scale_bar_km(100.0, 60.0), 1.0);
}
