//! Pre-renders the page: compiles the story (the folder `STORY` names) and writes into the
//! built `index.html` the explainer, rendered natively by the views, so that the page reads in
//! full without JavaScript and the wasm only plays it; its title and description; and a link to
//! the story's palette, written beside it. Beside the page it also writes `manifest.json`, the
//! facts about the story that the end-to-end tests check the page against.
//!
//! Run by trunk's `post_build` hook (see `Trunk.toml`) on the staged build, whose folder trunk
//! passes as `TRUNK_STAGING_DIR`; or by hand: `cargo run --bin prerender -- dist/index.html`.

#[cfg(all(feature = "render", not(target_arch = "wasm32")))]
fn main() {
    use benghazi_explainer::prerender;
    use std::{env, fs, path::Path, path::PathBuf, process};

    let path = match (env::args_os().nth(1), env::var_os("TRUNK_STAGING_DIR")) {
        (Some(path), _) => PathBuf::from(path),
        (None, Some(dir)) => PathBuf::from(dir).join("index.html"),
        (None, None) => {
            eprintln!("usage: prerender <index.html> (or set TRUNK_STAGING_DIR)");
            process::exit(2)
        }
    };
    let fail = |what: String| -> ! {
        eprintln!("error: prerender: {}: {what}", path.display());
        process::exit(1)
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = story_compiler::story_folder(repo).unwrap_or_else(|e| fail(e));
    let compiled = story_compiler::compile_dir(&folder, |_| {})
        .unwrap_or_else(|e| fail(format!("the story in {}:\n{e}", folder.display())));
    // Rendered once, for the life of this process.
    let compiled = Box::leak(Box::new(compiled));
    let dir = path.parent().unwrap_or(Path::new("."));
    let page = fs::read_to_string(&path).unwrap_or_else(|e| fail(e.to_string()));

    let palette = story_compiler::vocabulary::palette_css(&compiled.story);
    let palette_file = prerender::hashed_name("palette", "css", &palette);
    fs::write(dir.join(&palette_file), &palette).unwrap_or_else(|e| fail(e.to_string()));
    let head = prerender::head(&compiled.story.meta, &palette_file);
    let app = prerender::render_app(compiled);
    let page = prerender::insert_into_head(&page, &head)
        .and_then(|page| prerender::insert_into_body(&page, &app))
        .unwrap_or_else(|e| fail(e));
    fs::write(&path, page).unwrap_or_else(|e| fail(e.to_string()));

    let shown = folder.strip_prefix(repo).unwrap_or(&folder);
    let manifest = prerender::manifest(compiled, shown);
    fs::write(dir.join("manifest.json"), manifest).unwrap_or_else(|e| fail(e.to_string()));
    eprintln!(
        "prerender: wrote the story of {} ({} bytes of HTML) into {}",
        shown.display(),
        app.len(),
        path.display()
    );
}

/// The pre-render is a native build step with the views; elsewhere it does nothing.
#[cfg(not(all(feature = "render", not(target_arch = "wasm32"))))]
fn main() {}
