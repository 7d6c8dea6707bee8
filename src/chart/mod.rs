//! The faction chart: who fights whom, who backs whom, who authorised what, and how many bases
//! each side holds or claims. `layout` places the factions and says what a step shows (pure,
//! tested natively); `view` draws it as SVG with a table for screen readers.

pub mod layout;
pub mod view;
