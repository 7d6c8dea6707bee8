//! The page in the browser: connects the reader's window (the scroll engine, through the
//! embedding's viewer) to the player, and the player to the pre-rendered panel.
//!
//! reader's window ─ scroll::observer ─▶ StepState ─ player ─▶ frame ─ paint ─▶ dom (the page)

use crate::dom::{all, MapDom, StepDom};
use crate::embed::child::{self, Host};
use crate::paint::{LinePaint, MapPaint, StepPaint};
use crate::player::Player;
use crate::scroll::observer::{Scroller, Steps};
use crate::scroll::StepState;
use gloo::events::EventListener;
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use story_script::Script;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, MediaQueryList};

/// What the page shows, and what it last wrote.
struct Shown {
    script: &'static Script,
    player: Player,
    map: MapDom,
    steps: StepDom,
    announcer: Option<Element>,
    /// What the map and the step's parts show now (the pre-render's at first).
    map_paint: MapPaint,
    step_paint: StepPaint,
    /// Whether the map was last marked settled.
    settled: bool,
    /// The reader's wish for reduced motion, read at each change of step so that a change of
    /// setting applies at once.
    reduced_motion: Option<MediaQueryList>,
    /// The next animation frame of a move under way.
    frame: Option<AnimationFrame>,
}

impl Shown {
    /// Writes the map as the player shows it now.
    fn draw_map(&mut self) {
        let next = MapPaint::of(self.script, self.player.shown(), self.player.progress());
        self.map.write(&next, Some(&self.map_paint));
        self.map_paint = next;
        let settled = self.player.settled();
        if settled != self.settled {
            self.settled = settled;
            self.map.mark_settled(settled);
        }
    }

    /// Writes what follows the step at once, and says the new step in the live region.
    fn draw_step(&mut self) {
        let index = self.player.step();
        let next = StepPaint::of(self.script, index);
        self.steps.write(&next, Some(&self.step_paint));
        self.map.write_words(&next, Some(&self.step_paint));
        self.step_paint = next;
        if let Some(announcer) = &self.announcer {
            announcer.set_text_content(Some(&self.script.frames[index].announcement));
        }
    }

    /// Within a step only the reader's progress moves: the air raids' dashes.
    fn draw_progress(&mut self) {
        let lines: Vec<LinePaint> =
            MapPaint::lines_of(self.script, self.player.shown(), self.player.progress());
        if lines != self.map_paint.lines {
            self.map.write_lines(&lines, Some(&self.map_paint.lines));
            self.map_paint.lines = lines;
        }
    }
}

/// Follows the reader to `state`: the step's parts at once, the map eased there.
fn follow(shown: &Rc<RefCell<Shown>>, state: StepState) {
    let mut s = shown.borrow_mut();
    let reduced = s
        .reduced_motion
        .as_ref()
        .is_some_and(MediaQueryList::matches);
    let moved = s.player.follow(state, reduced);
    if !moved {
        if s.frame.is_none() {
            s.draw_progress();
        }
        return;
    }
    s.draw_step();
    s.draw_map();
    if !s.player.settled() && s.frame.is_none() {
        s.frame = Some(next_frame(shown.clone()));
    }
}

/// Moves the map on at the next animation frame, and again until it has settled.
fn next_frame(shown: Rc<RefCell<Shown>>) -> AnimationFrame {
    request_animation_frame(move |now| {
        let mut s = shown.borrow_mut();
        let running = s.player.tick(now);
        s.draw_map();
        s.frame = running.then(|| next_frame(shown.clone()));
    })
}

/// Starts the pre-rendered explainer `root` playing `script`.
pub fn start(root: Element, script: &'static Script) {
    let host = child::start();
    let steps = all(&root, "[data-step]");
    let ids = steps
        .iter()
        .map(|s| s.get_attribute("data-step").unwrap_or_default())
        .collect();
    let panel: HtmlElement = root
        .query_selector("[data-testid=panel]")
        .ok()
        .flatten()
        .expect("the pre-rendered page has its panel")
        .unchecked_into();
    let figure = panel
        .query_selector("[data-testid=map]")
        .ok()
        .flatten()
        .expect("the panel has its map");
    let player = Player::new(script);
    let shown = Rc::new(RefCell::new(Shown {
        script,
        map_paint: MapPaint::of(script, player.shown(), 0.0),
        step_paint: StepPaint::of(script, 0),
        player,
        map: MapDom::bind(&figure),
        steps: StepDom::bind(&root, &steps),
        announcer: root
            .query_selector("[data-testid=announcer]")
            .ok()
            .flatten(),
        settled: true,
        reduced_motion: web_sys::window().and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        }),
        frame: None,
    }));

    // On phones the panel stands over the steps' column and hides the top of the window: a
    // jump lands its step below it.
    let covered = {
        let panel = panel.clone();
        move |step: &web_sys::DomRect| {
            let p = panel.get_bounding_client_rect();
            if p.left() < step.right() && step.left() < p.right() {
                p.height()
            } else {
                0.0
            }
        }
    };
    let scroller = Scroller::start(
        Steps {
            root: root.clone(),
            elements: steps.clone(),
            ids,
            covered: Box::new(covered),
        },
        host.clone(),
        {
            let shown = shown.clone();
            move |state| follow(&shown, state)
        },
    );
    follow_host(&host, &panel, &scroller);
    rail(&panel, &scroller);
    tabs(&panel);
    crate::print::start(script, steps, figure);
}

/// In a frame as tall as the page nothing scrolls inside it, so `position: sticky` cannot hold
/// the panel: it follows the parent's window, and every word from the parent about its window
/// is a new view of the steps.
fn follow_host(host: &Rc<Host>, panel: &HtmlElement, scroller: &Scroller) {
    let (host_, panel, scroller) = (host.clone(), panel.clone(), scroller.clone());
    host.on_view(move || {
        if let Some(view) = host_.parent_viewport() {
            child::pin(&panel, view);
        }
        scroller.measure();
    });
}

/// The step rail's marks are plain `#step-` links; with the wasm a click lands on the step the
/// way the keyboard does (straight there, focus moved, no history entry).
fn rail(panel: &HtmlElement, scroller: &Scroller) {
    for (i, mark) in all(panel, "[data-testid=rail-step]")
        .into_iter()
        .enumerate()
    {
        let scroller = scroller.clone();
        EventListener::new_with_options(
            &mark,
            "click",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() else {
                    return;
                };
                // A modified click (new tab, new window) keeps its meaning.
                if event.button() == 0
                    && !(event.ctrl_key() || event.meta_key() || event.shift_key())
                {
                    event.prevent_default();
                    scroller.go_to(i);
                }
            },
        )
        .forget();
    }
}

/// On phones only one graphic fits: the reader switches between map and chart.
fn tabs(panel: &HtmlElement) {
    let (Some(graphics), Some(map), Some(chart)) = (
        panel
            .query_selector("[data-testid=graphics]")
            .ok()
            .flatten(),
        panel
            .query_selector("[data-testid=show-map]")
            .ok()
            .flatten(),
        panel
            .query_selector("[data-testid=show-chart]")
            .ok()
            .flatten(),
    ) else {
        return;
    };
    for (button, chart_first) in [(map.clone(), false), (chart.clone(), true)] {
        let (graphics, map, chart) = (graphics.clone(), map.clone(), chart.clone());
        EventListener::new(&button, "click", move |_| {
            let _ = graphics.set_attribute(
                "class",
                if chart_first {
                    "graphics chart-first"
                } else {
                    "graphics"
                },
            );
            let _ = map.set_attribute("aria-pressed", if chart_first { "false" } else { "true" });
            let _ = chart.set_attribute("aria-pressed", if chart_first { "true" } else { "false" });
        })
        .forget();
    }
}
