//! Where the locator's city names go: beside each city's dot, clear of the other dots, the
//! other names and the city map's outline, and inside the locator. Chosen once at build time.

use crate::geom::{inside, meets, Rect};
use crate::projection::{LOCATOR_HEIGHT, LOCATOR_WIDTH};
use story_script::Side;

/// The largest size of a city's name, in the locator's viewBox px: the stylesheet's largest
/// `.locator-city text` font-size (its smallest frames).
pub const CITY_FONT: f64 = 11.0;
/// The radius of the step's own city's dot, the larger one (the stylesheet's `r`).
const DOT: f64 = 5.0;
/// The gap between a dot's centre and its name, beside it, in viewBox px.
const BESIDE: f64 = 7.0;

/// The offsets a name takes on `side`: x in px, dy in em (from the dot's centre to the
/// baseline), and its text-anchor. The view writes them; [`name_box`] measures them.
pub fn offset(side: Side) -> (f64, f64, &'static str) {
    match side {
        Side::Below => (0.0, 1.45, "middle"),
        Side::Above => (0.0, -0.75, "middle"),
        Side::Right => (BESIDE, 0.35, "start"),
        Side::Left => (-BESIDE, 0.35, "end"),
    }
}

/// The box of `name` on `side` of a dot at (x, y), at [`CITY_FONT`], in bold (the step's city).
pub fn name_box((x, y): (f64, f64), side: Side, name: &str) -> Rect {
    let (dx, dy, anchor) = offset(side);
    let w = name.chars().count() as f64 * CITY_FONT * 0.64;
    let left = match anchor {
        "start" => x + dx,
        "end" => x + dx - w,
        _ => x - w / 2.0,
    };
    let base = y + dy * CITY_FONT;
    [
        left,
        base - 0.78 * CITY_FONT,
        left + w,
        base + 0.22 * CITY_FONT,
    ]
}

fn dot_box((x, y): (f64, f64)) -> Rect {
    [x - DOT, y - DOT, x + DOT, y + DOT]
}

/// Each city's side, in the order of `cities` (locator px) and `names`: the first placement,
/// trying the data's side of each city first and then below, above, right, left, where every
/// name fits. `frame` is the city map's outline on the locator. A city whose name cannot fit
/// keeps its data's side (the locator's tests then fail, naming it).
pub fn sides(cities: &[(f64, f64)], names: &[&str], preferred: &[Side], frame: Rect) -> Vec<Side> {
    let view = [0.0, 0.0, LOCATOR_WIDTH, LOCATOR_HEIGHT];
    let choices: Vec<Vec<(Side, Rect)>> = cities
        .iter()
        .enumerate()
        .map(|(i, &at)| {
            let mut order = vec![preferred[i]];
            for s in [Side::Below, Side::Above, Side::Right, Side::Left] {
                if !order.contains(&s) {
                    order.push(s);
                }
            }
            order
                .into_iter()
                .map(|s| (s, name_box(at, s, names[i])))
                .filter(|&(_, b)| {
                    inside(b, view)
                        && !cities
                            .iter()
                            .enumerate()
                            .any(|(j, &c)| j != i && meets(b, dot_box(c)))
                        && (names[i].is_empty() || !meets(b, frame) || contains_dot(frame, at))
                })
                .collect()
        })
        .collect();
    fn search(choices: &[Vec<(Side, Rect)>], picked: &mut Vec<(Side, Rect)>) -> bool {
        let k = picked.len();
        if k == choices.len() {
            return true;
        }
        for &(s, b) in &choices[k] {
            if !picked.iter().any(|&(_, p)| meets(p, b)) {
                picked.push((s, b));
                if search(choices, picked) {
                    return true;
                }
                picked.pop();
            }
        }
        false
    }
    let mut picked = Vec::new();
    if search(&choices, &mut picked) {
        picked.into_iter().map(|(s, _)| s).collect()
    } else {
        preferred.to_vec()
    }
}

/// Whether the city map's outline is around this dot: the city's own name may then touch it.
fn contains_dot(frame: Rect, (x, y): (f64, f64)) -> bool {
    frame[0] - DOT <= x && x <= frame[2] + DOT && frame[1] - DOT <= y && y <= frame[3] + DOT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_on_one_line_take_different_sides() {
        // Two cities 40 px apart on the coast: both names below would run together.
        let cities = [(120.0, 30.0), (160.0, 30.0)];
        let sides = sides(
            &cities,
            &["Benghazi", "Tobruk"],
            &[Side::Below, Side::Below],
            [0.0; 4],
        );
        let boxes: Vec<Rect> = cities
            .iter()
            .zip(&sides)
            .zip(["Benghazi", "Tobruk"])
            .map(|((&c, &s), n)| name_box(c, s, n))
            .collect();
        assert!(!meets(boxes[0], boxes[1]), "{sides:?}");
        for b in &boxes {
            assert!(inside(*b, [0.0, 0.0, LOCATOR_WIDTH, LOCATOR_HEIGHT]));
        }
    }
}
