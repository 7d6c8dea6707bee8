//! Pre-renders the page: writes the app, rendered natively by the same Leptos components, into
//! the `<body>` of the built `index.html`, so that the page reads in full without JavaScript and
//! the wasm hydrates it.
//!
//! Run by trunk's `post_build` hook (see `Trunk.toml`) on the staged build, whose folder trunk
//! passes as `TRUNK_STAGING_DIR`; or by hand: `cargo run --bin prerender -- dist/index.html`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::{env, fs, path::PathBuf, process};

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
    let page = fs::read_to_string(&path).unwrap_or_else(|e| fail(e.to_string()));
    let app = benghazi_explainer::prerender::render_app();
    let page =
        benghazi_explainer::prerender::insert_into_body(&page, &app).unwrap_or_else(|e| fail(e));
    fs::write(&path, page).unwrap_or_else(|e| fail(e.to_string()));
    eprintln!(
        "prerender: wrote the story ({} bytes of HTML) into {}",
        app.len(),
        path.display()
    );
}

/// The pre-render is a native build step; in a wasm build of every target it does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
