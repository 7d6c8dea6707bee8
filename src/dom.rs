//! The browser half of the views: writes a [`crate::paint`] into the pre-rendered page. It binds
//! once to the elements the views rendered (by their `data-testid`), then writes only what
//! differs from what it wrote (or the pre-render drew) before: a scroll frame within a step
//! touches the air raids' dashes and nothing else.

use crate::num::fixed;
use crate::paint::{ArrowPaint, LinePaint, MapPaint, MarkerPaint, StepPaint};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The elements under `root` that match `selector`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The first element under `root` that matches `selector`. The views render every part the
/// player binds to, so a missing one is a broken page: say which.
fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the pre-rendered page has no {selector}"))
}

/// Writes `new` as the attribute `name` unless `old` (what is there) equals it.
fn attr(el: &Element, name: &str, new: &str, old: Option<&str>) {
    if old != Some(new) {
        let _ = el.set_attribute(name, new);
    }
}

/// Writes or removes (for `None`) the attribute `name`, unless `old` equals `new`.
fn attr_opt(el: &Element, name: &str, new: Option<&str>, old: Option<Option<&str>>) {
    if old == Some(new) {
        return;
    }
    let _ = match new {
        Some(v) => el.set_attribute(name, v),
        None => el.remove_attribute(name),
    };
}

/// Shows or hides an SVG element (`display="none"`).
fn display(el: &Element, shown: bool, old: Option<bool>) {
    let none = |s: bool| (!s).then_some("none");
    attr_opt(el, "display", none(shown), old.map(none));
}

/// Hides or shows an HTML element (`hidden`).
fn hidden(el: &Element, hide: bool, old: Option<bool>) {
    if old != Some(hide) {
        let _ = el.toggle_attribute_with_force("hidden", hide);
    }
}

fn text(el: &Element, new: &str, old: Option<&str>) {
    if old != Some(new) {
        el.set_text_content(Some(new));
    }
}

/// One place on the map.
struct MarkerDom {
    g: Element,
    uncertainty: Option<Element>,
    burst: Element,
    pulse: Element,
    symbol: Element,
    ring: Element,
    label: Element,
}

/// A line on the map.
enum LineDom {
    Arrow(Element),
    Fan(Element, Vec<Element>),
}

/// The map's elements.
pub struct MapDom {
    figure: Element,
    frame: HtmlElement,
    camera: Element,
    markers: Vec<MarkerDom>,
    roads: Vec<Element>,
    landmarks: Vec<Element>,
    lines: Vec<LineDom>,
    scale_bar: Element,
    scale_text: Element,
    locator: HtmlElement,
    cities: Vec<Element>,
    summary: Element,
    rows: Vec<(Element, Element)>,
}

impl MapDom {
    /// Binds to the map `figure` (the panel's, or a copy of it).
    pub fn bind(figure: &Element) -> MapDom {
        let markers = all(figure, "[data-testid=marker]")
            .into_iter()
            .map(|g| MarkerDom {
                uncertainty: g.query_selector(".uncertainty").ok().flatten(),
                burst: one(&g, ".burst"),
                pulse: one(&g, ".pulse"),
                symbol: one(&g, ".glyph > path"),
                ring: one(&g, ".threat-ring"),
                label: one(&g, ".label"),
                g,
            })
            .collect();
        let lines = all(figure, "[data-line]")
            .into_iter()
            .map(|el| {
                if el.tag_name().eq_ignore_ascii_case("path") {
                    LineDom::Arrow(el)
                } else {
                    let arcs = all(&el, "path");
                    LineDom::Fan(el, arcs)
                }
            })
            .collect();
        let rows = all(figure, "[data-testid=map-rows] tr")
            .into_iter()
            .map(|tr| {
                let status = one(&tr, "[data-testid=row-status]");
                (tr, status)
            })
            .collect();
        MapDom {
            figure: figure.clone(),
            frame: one(figure, "[data-testid=map-frame]").unchecked_into(),
            camera: one(figure, "[data-testid=camera]"),
            markers,
            roads: all(figure, "[data-testid=road-label]"),
            landmarks: all(figure, "[data-testid=landmark]"),
            lines,
            scale_bar: one(figure, "[data-testid=scale-bar] rect"),
            scale_text: one(figure, "[data-testid=scale-bar] span"),
            locator: one(figure, "[data-testid=locator]").unchecked_into(),
            cities: all(figure, ".locator-city"),
            summary: one(figure, "[data-testid=map-description] p"),
            rows,
        }
    }

    /// Writes `new` where it differs from `old`.
    pub fn write(&self, new: &MapPaint, old: Option<&MapPaint>) {
        let c = &new.camera;
        let oc = old.map(|o| &o.camera);
        attr(&self.camera, "data-k", &c.k, oc.map(|o| o.k.as_str()));
        attr(&self.camera, "data-x", &c.x, oc.map(|o| o.x.as_str()));
        attr(
            &self.camera,
            "transform",
            &c.transform,
            oc.map(|o| o.transform.as_str()),
        );
        for (i, (dom, m)) in self.markers.iter().zip(&new.markers).enumerate() {
            dom.write(m, old.map(|o| &o.markers[i]));
        }
        for (i, (el, t)) in self.roads.iter().zip(&new.roads).enumerate() {
            attr(el, "transform", t, old.map(|o| o.roads[i].as_str()));
            attr(
                el,
                "opacity",
                &new.road_opacity,
                old.map(|o| o.road_opacity.as_str()),
            );
            attr(el, "class", new.road_class, old.map(|o| o.road_class));
        }
        for (i, (el, (transform, opacity))) in self.landmarks.iter().zip(&new.landmarks).enumerate()
        {
            let was = old.map(|o| &o.landmarks[i]);
            attr(el, "transform", transform, was.map(|w| w.0.as_str()));
            attr(el, "opacity", opacity, was.map(|w| w.1.as_str()));
        }
        self.write_lines(&new.lines, old.map(|o| o.lines.as_slice()));
        attr(
            &self.scale_bar,
            "width",
            &new.scale_width,
            old.map(|o| o.scale_width.as_str()),
        );
        text(
            &self.scale_text,
            &new.scale_text,
            old.map(|o| o.scale_text.as_str()),
        );
        let l = &new.locator;
        let ol = old.map(|o| &o.locator);
        attr(
            &self.locator,
            "class",
            &l.class,
            ol.map(|o| o.class.as_str()),
        );
        attr(
            &self.locator,
            "data-emphasis",
            &l.emphasis,
            ol.map(|o| o.emphasis.as_str()),
        );
        attr(
            &self.frame,
            "class",
            l.frame_class,
            ol.map(|o| o.frame_class),
        );
        // Style properties through the CSSOM (a style attribute would be refused by a strict
        // CSP); at rest the stylesheet's defaults hold, as in the pre-rendered page.
        let style = |el: &HtmlElement, name: &str, v: f64, rest: f64, was: Option<f64>| {
            if was == Some(v) {
                return;
            }
            let _ = if v == rest {
                el.style().remove_property(name).map(drop)
            } else {
                el.style().set_property(name, &fixed(v, 3).to_string())
            };
        };
        style(
            &self.frame,
            "--locator-e",
            l.forward,
            0.0,
            ol.map(|o| o.forward),
        );
        style(
            &self.locator,
            "opacity",
            l.opacity,
            1.0,
            ol.map(|o| o.opacity),
        );
        if ol.map(|o| o.here) != Some(l.here) {
            for (j, city) in self.cities.iter().enumerate() {
                let class = if l.here == Some(j) {
                    "locator-city here"
                } else {
                    "locator-city"
                };
                let _ = city.set_attribute("class", class);
            }
        }
    }

    /// Writes the map's lines where they differ from `old`.
    pub fn write_lines(&self, new: &[LinePaint], old: Option<&[LinePaint]>) {
        for (i, (dom, line)) in self.lines.iter().zip(new).enumerate() {
            write_line(dom, line, old.map(|o| &o[i]));
        }
    }

    /// Writes the map's words (its summary and the table of places) where they differ.
    pub fn write_words(&self, new: &StepPaint, old: Option<&StepPaint>) {
        text(
            &self.summary,
            &new.map_summary,
            old.map(|o| o.map_summary.as_str()),
        );
        for (i, ((tr, status), row)) in self.rows.iter().zip(&new.rows).enumerate() {
            let was = old.map(|o| &o.rows[i]);
            hidden(tr, row.is_none(), was.map(Option::is_none));
            // A hidden row says nothing, as the pre-render writes it.
            text(
                status,
                row.as_deref().unwrap_or_default(),
                was.map(|w| w.as_deref().unwrap_or_default()),
            );
        }
    }

    /// Whether the map shows its step's frame (the tests and the benchmark wait for it).
    pub fn mark_settled(&self, settled: bool) {
        let _ = self
            .figure
            .set_attribute("data-settled", if settled { "true" } else { "false" });
    }
}

impl MarkerDom {
    fn write(&self, m: &MarkerPaint, old: Option<&MarkerPaint>) {
        let o = |f: fn(&MarkerPaint) -> &str| old.map(f);
        attr(&self.g, "class", m.class, o(|o| o.class));
        attr(&self.g, "data-status", &m.status, o(|o| &o.status));
        attr(&self.g, "data-holder", &m.holder, o(|o| &o.holder));
        attr(&self.g, "data-fill", &m.colour, o(|o| &o.colour));
        attr(&self.g, "transform", &m.transform, o(|o| &o.transform));
        if let (Some(circle), Some(r)) = (&self.uncertainty, &m.uncertainty) {
            attr(circle, "r", r, old.and_then(|o| o.uncertainty.as_deref()));
        }
        let opt = |f: fn(&MarkerPaint) -> &Option<String>| old.map(|o| f(o).as_deref());
        for (el, colour, was) in [
            (&self.burst, &m.burst, opt(|o| &o.burst)),
            (&self.pulse, &m.alert, opt(|o| &o.alert)),
            (&self.ring, &m.alert, opt(|o| &o.alert)),
        ] {
            attr_opt(el, "stroke", colour.as_deref(), was);
            display(el, colour.is_some(), was.map(|w| w.is_some()));
        }
        attr(
            &self.symbol,
            "class",
            &m.symbol_class,
            o(|o| &o.symbol_class),
        );
        attr(&self.symbol, "d", &m.symbol_shape, o(|o| &o.symbol_shape));
        attr_opt(
            &self.symbol,
            "fill",
            m.symbol_fill.as_deref(),
            opt(|o| &o.symbol_fill),
        );
        attr_opt(
            &self.symbol,
            "stroke",
            m.symbol_stroke.as_deref(),
            opt(|o| &o.symbol_stroke),
        );
        attr(&self.label, "x", &m.label_x, o(|o| &o.label_x));
        attr(&self.label, "y", &m.label_y, o(|o| &o.label_y));
        attr(
            &self.label,
            "text-anchor",
            m.label_anchor,
            o(|o| o.label_anchor),
        );
        attr(
            &self.label,
            "opacity",
            &m.label_opacity,
            o(|o| &o.label_opacity),
        );
    }
}

fn write_line(dom: &LineDom, new: &LinePaint, old: Option<&LinePaint>) {
    match (dom, new) {
        (LineDom::Arrow(el), LinePaint::Arrow(p)) => {
            let was = match old {
                Some(LinePaint::Arrow(w)) => Some(w),
                _ => None,
            };
            let w = |f: fn(&ArrowPaint) -> &str| was.map(f);
            display(el, p.shown, was.map(|w| w.shown));
            attr(el, "data-drawn", &p.drawn, w(|w| &w.drawn));
            attr(el, "d", &p.d, w(|w| &w.d));
            attr(el, "stroke-dasharray", &p.dasharray, w(|w| &w.dasharray));
            attr(el, "stroke-dashoffset", &p.dashoffset, w(|w| &w.dashoffset));
            attr_opt(
                el,
                "marker-end",
                p.head.as_deref(),
                was.map(|w| w.head.as_deref()),
            );
        }
        (LineDom::Fan(g, arcs), LinePaint::Fan(p)) => {
            let was = match old {
                Some(LinePaint::Fan(w)) => Some(w),
                _ => None,
            };
            display(g, p.shown, was.map(|w| w.shown));
            for (i, (el, d)) in arcs.iter().zip(&p.arcs).enumerate() {
                attr(el, "d", d, was.map(|w| w.arcs[i].as_str()));
                attr(
                    el,
                    "stroke-dashoffset",
                    &p.dashoffset,
                    was.map(|w| w.dashoffset.as_str()),
                );
                attr(el, "opacity", &p.opacity, was.map(|w| w.opacity.as_str()));
            }
        }
        // The views draw each line in its own style.
        _ => {}
    }
}

/// A side's bar.
struct BarDom {
    held_rect: Element,
    claimed_rect: Element,
    held: Element,
    claims: Element,
    claimed: Element,
}

/// Everything that follows the step at once: the panel's head, the rail, the step cards, the
/// chart and its tables.
pub struct StepDom {
    panel: Element,
    number: Element,
    when: Element,
    place: Element,
    rail: Vec<Element>,
    /// Each step and its card.
    cards: Vec<(Element, Element)>,
    /// Every layout's relation lines and then their labels, drawing after drawing: each a run
    /// in the story's order.
    relations: Vec<Element>,
    factions: Vec<Element>,
    bars: Vec<BarDom>,
    chart_summary: Element,
    relation_rows: Vec<Element>,
    counts: Vec<(Element, Element)>,
}

impl StepDom {
    /// Binds to the explainer's elements under `root`; `steps` are its step elements.
    pub fn bind(root: &Element, steps: &[Element]) -> StepDom {
        let panel = one(root, "[data-testid=panel]");
        let bars = all(&panel, "[data-testid=base-count]")
            .iter()
            .map(|row| BarDom {
                held_rect: one(row, ".bar.held"),
                claimed_rect: one(row, ".bar.claimed"),
                held: one(row, "[data-testid=held]"),
                claims: one(row, "[data-testid=claims]"),
                claimed: one(row, "[data-testid=claimed]"),
            })
            .collect();
        let counts = all(&panel, "[data-testid=count-rows] tr")
            .iter()
            .map(|tr| {
                (
                    one(tr, "[data-testid=count-held]"),
                    one(tr, "[data-testid=count-claimed]"),
                )
            })
            .collect();
        StepDom {
            number: one(&panel, "[data-testid=panel-index]"),
            when: one(&panel, "[data-testid=panel-when]"),
            place: one(&panel, "[data-testid=panel-place]"),
            rail: all(&panel, "[data-testid=rail-step]"),
            cards: steps
                .iter()
                .filter_map(|s| Some((s.clone(), s.first_element_child()?)))
                .collect(),
            relations: all(
                &panel,
                "[data-testid=relation], [data-testid=relation-label]",
            ),
            factions: all(&panel, "[data-testid=faction]"),
            bars,
            chart_summary: one(&panel, "[data-testid=chart-summary]"),
            relation_rows: all(&panel, "[data-testid=relation-rows] tr"),
            counts,
            panel,
        }
    }

    /// Writes `new` where it differs from `old`.
    pub fn write(&self, new: &StepPaint, old: Option<&StepPaint>) {
        let o = |f: fn(&StepPaint) -> &str| old.map(f);
        attr(&self.panel, "data-step-id", &new.step, o(|o| &o.step));
        text(&self.number, &new.number, o(|o| &o.number));
        text(&self.when, &new.when, o(|o| &o.when));
        text(&self.place, &new.place, o(|o| &o.place));
        for (i, (a, &(class, current))) in self.rail.iter().zip(&new.rail).enumerate() {
            let was = old.map(|o| o.rail[i]);
            attr(a, "class", class, was.map(|w| w.0));
            attr_opt(a, "aria-current", current, was.map(|w| w.1));
        }
        for (i, ((step, card), marks)) in self.cards.iter().zip(&new.cards).enumerate() {
            let was = old.map(|o| o.cards[i]);
            if was != Some(*marks) {
                let _ = step.set_attribute("class", marks.class());
                let _ = step.set_attribute("data-active", marks.data_active());
                attr_opt(card, "aria-current", marks.current(), None);
            }
        }
        let count = new.relations.len().max(1);
        for (i, el) in self.relations.iter().enumerate() {
            let (class, shown) = &new.relations[i % count];
            let was = old.map(|o| &o.relations[i % count]);
            attr(el, "class", class, was.map(|w| w.0.as_str()));
            display(el, *shown, was.map(|w| w.1));
        }
        for (i, (el, row)) in self.relation_rows.iter().zip(&new.relations).enumerate() {
            hidden(el, !row.1, old.map(|o| !o.relations[i].1));
        }
        let count = new.factions.len().max(1);
        for (i, el) in self.factions.iter().enumerate() {
            let (class, lit) = new.factions[i % count];
            let was = old.map(|o| o.factions[i % count]);
            attr(el, "class", class, was.map(|w| w.0));
            let word = |l: bool| if l { "true" } else { "false" };
            attr(el, "data-lit", word(lit), was.map(|w| word(w.1)));
        }
        for (i, ((dom, (held, claimed)), bar)) in self
            .bars
            .iter()
            .zip(&self.counts)
            .zip(&new.bars)
            .enumerate()
        {
            let was = old.map(|o| &o.bars[i]);
            let w = |f: fn(&crate::paint::BarPaint) -> &str| was.map(f);
            attr(
                &dom.held_rect,
                "width",
                &bar.held_width,
                w(|b| &b.held_width),
            );
            attr(
                &dom.claimed_rect,
                "class",
                bar.claimed_class,
                w(|b| b.claimed_class),
            );
            attr(&dom.claimed_rect, "x", &bar.claimed_x, w(|b| &b.claimed_x));
            attr(
                &dom.claimed_rect,
                "width",
                &bar.claimed_width,
                w(|b| &b.claimed_width),
            );
            text(&dom.held, &bar.held, w(|b| &b.held));
            hidden(&dom.claims, !bar.claims, was.map(|b| !b.claims));
            text(&dom.claimed, &bar.claimed, w(|b| &b.claimed));
            text(held, &bar.held, w(|b| &b.held));
            text(claimed, &bar.claimed, w(|b| &b.claimed));
        }
        text(
            &self.chart_summary,
            &new.chart_summary,
            o(|o| &o.chart_summary),
        );
    }
}
