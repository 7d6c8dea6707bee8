//! MEED's report on the battle for Benghazi (August 2014) as a scrollytelling explainer.
//!
//! Data flows one way: `data/` → [`story::STORY`] (validated and baked at build time) →
//! the step state ([`scroll`]) → the views ([`app`]).

extern crate alloc; // the baked story names `alloc::borrow::Cow`

pub mod app;
pub mod chart;
pub mod embed;
pub mod geom;
pub mod map;
pub mod num;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod print;
pub mod rail;
pub mod scroll;
pub mod story;
