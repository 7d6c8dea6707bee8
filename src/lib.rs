//! A story told as a scrollytelling explainer, from a folder of data: the page's player and
//! views.
//!
//! Data flows one way: the story's data → the compiler (`story-compiler`: validation, the frame
//! of every step, layouts, words; at build time) → the baked script ([`script::SCRIPT`]) → the
//! player (step state, interpolation) → the views: pre-rendered as HTML at build time
//! ([`views`]), written into the live page in the browser ([`dom`]), both from one definition of
//! how a frame looks ([`paint`]).

extern crate alloc; // the baked script names `alloc::borrow::Cow`

pub mod dom;
pub mod embed;
pub mod num;
pub mod page;
pub mod paint;
pub mod player;
#[cfg(all(feature = "render", not(target_arch = "wasm32")))]
pub mod prerender;
pub mod print;
pub mod scroll;
#[cfg(feature = "render")]
pub mod views;

/// The story's script, compiled from its data by `build.rs`.
pub mod script {
    include!(concat!(env!("OUT_DIR"), "/script.rs"));
}
