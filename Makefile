# The two commands a newcomer needs: `make serve` and `make test` (see README.md).
# Tools are installed on first use by scripts/ensure-tools.sh, pinned, outside the clone.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

CACHE := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/benghazi-explainer
# cargo's bin folder (trunk, wasm-bindgen) and the npm-installed wasm-opt come first.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CACHE)/binaryen-132.0.0/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Cargo's build folder is kept with the tools, outside the clone: the dependencies, compiled once
# at the versions of Cargo.lock, serve every clone on the machine (a clone's own crates are
# built apart, by their paths). `make clean` empties it.
export CARGO_TARGET_DIR ?= $(CACHE)/target
export CARGO_TERM_COLOR ?= never

# The story a build compiles: a folder of data (docs/writing-a-story.md). Without STORY, the
# default of .cargo/config.toml (the Benghazi story). Made absolute, so that every tool (cargo,
# trunk's hooks, node) reads the same folder whatever its working directory.
ifdef STORY
export STORY := $(abspath $(STORY))
endif
# The made-up story the end-to-end suite also builds and checks; where `make test-story` builds.
FIXTURE := $(CURDIR)/tests/stories/port-sable
STORY_DIST := $(CURDIR)/target/dist-story

# One target at a time, even under `make -j`: they share cargo's build folder and the two cores.
.NOTPARALLEL:

.PHONY: serve dist bench check-story schemas test test-native test-wasm test-e2e test-story test-geodata geodata golden lint fmt lint-page tools tools-test clean

## serve: build (debug) and serve on http://127.0.0.1:8080, rebuilding on change (STORY=<folder>
##        make serve: another story)
serve: tools
	trunk serve $(foreach path,src crates style index.html build.rs Cargo.toml $(or $(STORY),stories),--watch $(path))

## dist: the release build in dist/, pre-rendered (trunk's post_build hook), with a .br and a .gz
##       beside each file that compresses. The pre-render binary is built first, so that a failure
##       to build it reads as a plain cargo error; trunk's own backtraces are off, so that the
##       hook's error message is the last thing a failed build prints (CI shows the tail).
dist: tools
	cargo build --locked --bin prerender
	RUST_LIB_BACKTRACE=0 trunk build --release
	node scripts/precompress.mjs dist

## bench: our release build and the reference page (BENCH_REFERENCE, default
##        ../shared/anchors/scrollama-d3/dist/full) side by side in throttled Chromium, BENCH_RUNS
##        alternating runs each (default 5): sizes, load, and a scroll through every step; where
##        the wasm's bytes go (twiggy, on a copy built with names in target/bench-wasm); against
##        budgets (see docs/performance.md)
bench: dist
	scripts/ensure-tools.sh bench
	node scripts/bench/bench.mjs

## check-story: validate and compile a story folder (STORY, default stories/benghazi-2014) in
##              seconds, without building the page: one `folder/file:line:column: entry: problem`
##              line per problem
check-story:
	cargo run --locked -q -p story-compiler --bin check-story -- $(STORY)

## schemas: write schemas/ (the data files' JSON Schemas) anew from the model, after a change
##          of its types or their /// comments (review the diff before committing it)
schemas:
	UPDATE_SCHEMAS=1 cargo test --locked -p story-compiler --test schemas

## test: every test: the story's data first (check-story), then formatting, native, wasm in
##       Chromium (both built with clippy's lints, as `make lint` has them), the page's wasm as
##       shipped linted, end-to-end in Chromium, and what matters to a reader in Firefox ESR and
##       WebKitGTK too
test: check-story tools-test
	$(MAKE) --no-print-directory fmt test-geodata test-native test-wasm lint-page test-e2e

## lint: formatting and clippy: the whole workspace natively (compiler, views, pre-render, tests),
##       the wasm tests (with the views), and the page's wasm as shipped (no default features: the
##       player only). `make test` lints the same, within its builds.
lint: fmt lint-page
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

## fmt: the formatting, checked
fmt:
	cargo fmt --all -- --check

## lint-page: clippy on the page's wasm as shipped (the player only)
lint-page:
	cargo clippy --target wasm32-unknown-unknown --lib --bins --no-default-features --locked -- -D warnings

# The tests' builds compile the workspace's own crates with clippy-driver, which is rustc with
# clippy's lints (what `cargo clippy` runs, there without code generation): the lints of
# `make lint` come with the build, and the dependencies are compiled once for the tests instead
# of also checked once more for clippy (three minutes of a cold run). CLIPPY_ARGS is how
# cargo-clippy hands clippy-driver its arguments.
LINTED := RUSTC_WORKSPACE_WRAPPER="$$(rustup which clippy-driver)" CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

## test-native: the compiler (data rules, frames, words, the golden file), the player, the step
##              state, the pre-rendered page (linted as it builds)
test-native:
	$(LINTED) cargo test --workspace --locked

## golden: write tests/golden/ anew from the compiler, after a change meant to change the frames
##         (review the diff before committing it)
golden:
	UPDATE_GOLDEN=1 cargo test --locked -p story-compiler --test golden

## test-wasm: the views and the player in headless Chromium (every target of the wasm build
##            linted as it builds; the browser tests are tests/web.rs)
test-wasm:
	$(LINTED) cargo test --locked --target wasm32-unknown-unknown --all-targets --no-run
	$(LINTED) cargo test --locked --target wasm32-unknown-unknown --test web

## test-e2e: the release build in Chromium (screenshots in target/e2e-screenshots/), checked by
##           the W3C Nu checker (html.test.js), and in Chromium, Firefox ESR and WebKitGTK
##           (engines.test.js; ENGINES=webkit,firefox for some only); then the made-up fixture
##           story, built into target/dist-story, through the checks every story must pass
test-e2e: dist
	cd tests/e2e && node --test --test-concurrency=2
	$(MAKE) --no-print-directory test-story STORY=$(FIXTURE)

## test-story: the checks every story must pass (tests/e2e/any-story.test.js, graphics.test.js
##             and html.test.js) on the release build of STORY (default: the Benghazi story),
##             built into target/dist-story
test-story: tools-test
	cargo build --locked --bin prerender
	RUST_LIB_BACKTRACE=0 trunk build --release --dist $(STORY_DIST)
	cd tests/e2e && DIST_DIR=$(STORY_DIST) node --test --test-concurrency=2 any-story.test.js graphics.test.js html.test.js

## test-geodata: every story's geo/ is exactly what scripts/geodata/build.mjs makes from its pinned
##               packages and the story's geo/geodata.toml
test-geodata:
	node scripts/geodata/build.mjs --check

## geodata: regenerate the coastline and locator outlines of every story (stories/, tests/stories/),
##          or of one: make geodata STORY=tests/stories/port-sable
geodata:
	scripts/ensure-tools.sh geodata
	node scripts/geodata/build.mjs $(STORY)

tools:
	scripts/ensure-tools.sh build

tools-test:
	scripts/ensure-tools.sh test

clean:
	cargo clean
	rm -rf dist tests/e2e/node_modules scripts/geodata/node_modules scripts/bench/node_modules scripts/hooks/node_modules
