//! Pre-renders the page: compiles the story and writes the explainer, rendered natively by the
//! views, into the `<body>` of the built `index.html`, so that the page reads in full without
//! JavaScript and the wasm only plays it.
//!
//! Run by trunk's `post_build` hook (see `Trunk.toml`) on the staged build, whose folder trunk
//! passes as `TRUNK_STAGING_DIR`; or by hand: `cargo run --bin prerender -- dist/index.html`.

#[cfg(all(feature = "render", not(target_arch = "wasm32")))]
fn main() {
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled =
        story_compiler::compile_dir(root, |_| {}).unwrap_or_else(|e| fail(e.to_string()));
    // Rendered once, for the life of this process.
    let compiled = Box::leak(Box::new(compiled));
    let page = fs::read_to_string(&path).unwrap_or_else(|e| fail(e.to_string()));
    let app = benghazi_explainer::prerender::render_app(compiled);
    let page =
        benghazi_explainer::prerender::insert_into_body(&page, &app).unwrap_or_else(|e| fail(e));
    fs::write(&path, page).unwrap_or_else(|e| fail(e.to_string()));
    eprintln!(
        "prerender: wrote the story ({} bytes of HTML) into {}",
        app.len(),
        path.display()
    );
}

/// The pre-render is a native build step with the views; elsewhere it does nothing.
#[cfg(not(all(feature = "render", not(target_arch = "wasm32"))))]
fn main() {}
