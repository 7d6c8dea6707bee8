//! Print: on screen one sticky map serves every step; on paper every step carries a static map
//! of its own state, made when printing starts (a copy of the panel's map, written with the
//! step's frame) and removed when it ends.

use crate::dom::{all, MapDom};
use crate::paint::{MapPaint, StepPaint};
use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use story_script::Script;
use wasm_bindgen::JsCast;
use web_sys::{Element, MediaQueryList};

/// While the page is printed (or shown as print: print preview, emulated print media), every
/// step in `steps` ends with a map of the state a reader arriving at it sees, copied from
/// `map` (the panel's map figure).
pub fn start(script: &'static Script, steps: Vec<Element>, map: Element) {
    let made: Rc<RefCell<Vec<Element>>> = Rc::default();
    let set = Rc::new(move |printing: bool| {
        let mut made = made.borrow_mut();
        for el in made.drain(..) {
            el.remove();
        }
        if printing {
            *made = steps
                .iter()
                .enumerate()
                .filter_map(|(i, step)| print_map(script, i, step, &map))
                .collect();
        }
    });
    let Some(window) = web_sys::window() else {
        return;
    };
    // `beforeprint` comes before the browser lays out the pages; the media query also covers
    // emulated print media, which fires no `beforeprint`.
    let on = |event: &'static str, printing: bool| {
        let set = set.clone();
        EventListener::new(&window, event, move |_| set(printing)).forget();
    };
    on("beforeprint", true);
    on("afterprint", false);
    if let Some(query) = window.match_media("print").ok().flatten() {
        if query.matches() {
            set(true);
        }
        EventListener::new(&query, "change", move |event| {
            if let Some(query) = event
                .target()
                .and_then(|t| t.dyn_into::<MediaQueryList>().ok())
            {
                set(query.matches());
            }
        })
        .forget();
    }
}

/// Step `index`'s print map, last in its step element.
fn print_map(script: &Script, index: usize, step: &Element, map: &Element) -> Option<Element> {
    let document = step.owner_document()?;
    let holder = document.create_element("div").ok()?;
    holder.set_class_name("print-graphic");
    let _ = holder.set_attribute("data-testid", "print-graphic");
    let copy: Element = map.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    // The copy's ids would repeat the panel's.
    for el in all(&copy, "[id]") {
        if el.tag_name() != "marker" && el.tag_name() != "clipPath" {
            el.remove_attribute("id").ok()?;
        }
    }
    let dom = MapDom::bind(&copy);
    let frame = &script.frames[index];
    dom.write(&MapPaint::of(script, &frame.map, 0.0), None);
    dom.write_words(&StepPaint::of(script, index), None);
    dom.mark_settled(true);
    holder.append_child(&copy).ok()?;
    step.append_child(&holder).ok()?;
    Some(holder)
}
