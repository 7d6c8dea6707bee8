//! The player: from the reader's place in the story to the frame the map shows, easing from
//! one baked frame to the next. Pure: the browser side (`page`) gives it the step state, the
//! time of each animation frame and whether the reader wants reduced motion.
//!
//! The text, the chart and the panel's head follow the step at once; the map eases there
//! ([`TRANSITION_MS`]), starting from whatever it shows, so a change of step mid-way does not
//! jump. Within a step only the reader's progress moves (the air raids' dashes travel with it).

use crate::num::within;
use crate::scroll::StepState;
use story_script::{Camera, List, Locator, MapFrame, MarkerFrame, Rgb, Script};

/// How long a move between two steps takes, in ms.
pub const TRANSITION_MS: f64 = 900.0;

/// Slow at both ends, as a camera move should be.
pub fn ease(t: f64) -> f64 {
    let t = within(t, 0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        let u = -2.0 * t + 2.0;
        1.0 - u * u * u / 2.0
    }
}

fn mix(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

/// Each of `a`'s numbers mixed with its match in `b`.
fn mix_all(a: &[f64], b: &[f64], t: f64) -> List<f64> {
    a.iter().zip(b).map(|(&x, &y)| mix(x, y, t)).collect()
}

/// Zooms geometrically, so a zoom from 1 to 4 looks even, and pans so the point at the centre
/// moves in a straight line on screen.
fn camera(a: Camera, b: Camera, t: f64) -> Camera {
    Camera {
        x: mix(a.x, b.x, t),
        y: mix(a.y, b.y, t),
        k: a.k * (b.k / a.k).powf(t),
    }
}

/// `b` from halfway on, `a` before.
fn pick<T>(late: bool, a: T, b: T) -> T {
    if late {
        b
    } else {
        a
    }
}

/// The map `t` (0 to 1, already eased) of the way from `a` to `b`. Numbers move smoothly; what
/// cannot move (a symbol's shape, a label's side, which place just fell) switches halfway. A
/// line fades in by growing and out by shrinking back to where it came from.
pub fn lerp(a: &MapFrame, b: &MapFrame, t: f64) -> MapFrame {
    let t = within(t, 0.0, 1.0);
    // The ends are the frames themselves, not their arithmetic's rounding.
    if t == 0.0 {
        return a.clone();
    }
    if t == 1.0 {
        return b.clone();
    }
    let late = t >= 0.5;
    let markers = a
        .markers
        .iter()
        .zip(b.markers.iter())
        .map(|(ma, mb)| MarkerFrame {
            colour: Rgb {
                r: mix(ma.colour.r, mb.colour.r, t),
                g: mix(ma.colour.g, mb.colour.g, t),
                b: mix(ma.colour.b, mb.colour.b, t),
            },
            look: pick(late, ma.look, mb.look),
            holder: pick(late, &ma.holder, &mb.holder).clone(),
            focus: mix(ma.focus, mb.focus, t),
            label: mix(ma.label, mb.label, t),
            side: pick(late, ma.side, mb.side),
        })
        .collect();
    let (la, lb) = (&a.locator, &b.locator);
    MapFrame {
        camera: camera(a.camera, b.camera, t),
        markers,
        lines: mix_all(&a.lines, &b.lines, t),
        burst: pick(late, a.burst, b.burst),
        locator: Locator {
            forward: mix(la.forward, lb.forward, t),
            here: pick(late, la.here, lb.here),
            // The corner switches halfway, where the locator has faded out.
            corner: pick(late, la.corner, lb.corner),
            opacity: if la.corner == lb.corner {
                mix(la.opacity, lb.opacity, t)
            } else {
                (1.0 - 2.0 * t).abs()
            },
        },
        road_label_at: mix(a.road_label_at, b.road_label_at, t),
        landmarks: mix_all(&a.landmarks, &b.landmarks, t),
        road_label: mix(a.road_label, b.road_label, t),
    }
}

/// A move between two steps under way.
#[derive(Debug, Clone, PartialEq)]
struct Tween {
    from: MapFrame,
    /// The time of its first animation frame, once it has had one.
    start: Option<f64>,
}

/// What the reader sees, and where it is going.
#[derive(Debug, Clone, PartialEq)]
pub struct Player {
    script: &'static Script,
    /// The step whose frame the panel shows (or eases towards).
    step: usize,
    /// The reader's progress through it.
    progress: f64,
    /// The map as shown.
    shown: MapFrame,
    tween: Option<Tween>,
}

impl Player {
    /// A player showing step 0, settled, as the page is pre-rendered.
    pub fn new(script: &'static Script) -> Player {
        Player {
            script,
            step: 0,
            progress: 0.0,
            shown: script.frames[0].map.clone(),
            tween: None,
        }
    }

    pub fn step(&self) -> usize {
        self.step
    }

    /// The reader's progress through the step, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.progress
    }

    /// The map as it should be drawn now.
    pub fn shown(&self) -> &MapFrame {
        &self.shown
    }

    /// The map of the step, settled.
    pub fn target(&self) -> &MapFrame {
        &self.script.frames[self.step].map
    }

    /// Whether the map shows its step's frame, no move under way.
    pub fn settled(&self) -> bool {
        self.tween.is_none()
    }

    /// Follows the reader to `state`. A new step starts a move from what is shown, or, under
    /// reduced motion, shows the new frame at once. Returns whether the step changed.
    pub fn follow(&mut self, state: StepState, reduced_motion: bool) -> bool {
        let step = state.index.min(self.script.frames.len() - 1);
        self.progress = within(state.progress, 0.0, 1.0);
        if step == self.step {
            return false;
        }
        self.step = step;
        if reduced_motion {
            self.tween = None;
            self.shown = self.target().clone();
        } else {
            self.tween = Some(Tween {
                from: self.shown.clone(),
                start: None,
            });
        }
        true
    }

    /// Moves the map to animation frame time `now` (ms); returns whether a move is still under
    /// way (and wants another animation frame).
    pub fn tick(&mut self, now: f64) -> bool {
        let Some(tween) = &mut self.tween else {
            return false;
        };
        let start = *tween.start.get_or_insert(now);
        let t = within((now - start) / TRANSITION_MS, 0.0, 1.0);
        if t >= 1.0 {
            self.tween = None;
            self.shown = self.target().clone();
            return false;
        }
        self.shown = lerp(&tween.from, &self.script.frames[self.step].map, ease(t));
        true
    }
}
