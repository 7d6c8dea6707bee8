//! The story: its model, its validation (native only) and the baked, validated instance.

#[cfg(not(target_arch = "wasm32"))]
pub mod load;
pub mod model;

pub use model::{Block, Date, Place, Speaker, Step, Story};

include!(concat!(env!("OUT_DIR"), "/story.rs"));

impl Story {
    /// The place a step happens at. Validation guarantees it exists.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// The speaker of a quote. Validation guarantees it exists.
    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.id == id)
    }

    /// Index of the step with this id.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }
}

impl Step {
    /// The time line shown for the step: its date, or the article's words for the time.
    pub fn time_label(&self) -> String {
        match (&self.date, &self.when) {
            (Some(date), _) => date.long(),
            (None, Some(when)) => when.to_string(),
            (None, None) => String::new(),
        }
    }
}
