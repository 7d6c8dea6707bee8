//! The animated control map of Benghazi and its locator of Libya.
//!
//! `projection` turns coordinates into pixels (also used by `build.rs` to pre-project the
//! geometry), `scene` says what the map shows at a point of the story, `tween` animates from one
//! scene to the next, `view` draws it as SVG and `describe` says it in words.

pub mod describe;
pub mod projection;
pub mod scene;
pub mod tween;
pub mod view;

/// The land and country outlines, projected and simplified at build time (see `build.rs` and
/// `data/geo/`).
pub mod geo {
    include!(concat!(env!("OUT_DIR"), "/geo.rs"));
}
