//! Boxes on screen, for the graphics' layouts: where a label may go without meeting another.

/// A box: left, top, right, bottom.
pub type Rect = [f64; 4];

/// Whether two boxes overlap (touching edges do not count).
pub fn meets(a: Rect, b: Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether the point lies strictly inside the box.
pub fn contains(r: Rect, (x, y): (f64, f64)) -> bool {
    r[0] < x && x < r[2] && r[1] < y && y < r[3]
}

/// Whether box `b` lies whole within `outer`.
pub fn inside(b: Rect, outer: Rect) -> bool {
    b[0] >= outer[0] && b[1] >= outer[1] && b[2] <= outer[2] && b[3] <= outer[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_meet_when_they_overlap_not_when_they_touch() {
        let a = [0.0, 0.0, 10.0, 10.0];
        assert!(meets(a, [5.0, 5.0, 15.0, 15.0]));
        assert!(!meets(a, [10.0, 0.0, 20.0, 10.0]));
        assert!(contains(a, (5.0, 5.0)) && !contains(a, (10.0, 5.0)));
        assert!(inside([1.0, 1.0, 9.0, 9.0], a) && !inside([1.0, 1.0, 11.0, 9.0], a));
    }
}
