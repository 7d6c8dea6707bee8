//! The script as Rust source: a constant the page's build includes, so the player reads the
//! frames from static memory and parses nothing at start-up.

use databake::{Bake, CrateEnv};
use story_script::Script;

/// `pub static SCRIPT: story_script::Script = …;`
pub fn rust(script: &Script) -> String {
    let baked = script.bake(&CrateEnv::default());
    format!(
        "/// The story's script, baked from its data by the compiler (story-compiler).\n\
         pub static SCRIPT: story_script::Script = {baked};\n"
    )
}
