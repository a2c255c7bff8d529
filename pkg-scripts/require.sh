# Sourced by the other scripts: installs what is missing on a fresh machine, or stops with
# one line saying what to install.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export AEP_CACHE=${AEP_CACHE:-$HOME/.cache/autoencoder-playground}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$AEP_CACHE/target}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
stop() { printf 'error: %s\n' "$*" >&2; exit 1; }

apt_install() {
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing $* (apt-get)"
    if [ -z "${AEP_APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; export AEP_APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || stop "apt-get install $* failed"
  else
    stop "install $* (Debian/Ubuntu: sudo apt-get install $*)"
  fi
}

require_rust() {
  command -v cargo >/dev/null || stop "install Rust (https://rustup.rs), then rerun"
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >/dev/null || stop "rustup target add wasm32-unknown-unknown failed"
  fi
}

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
require_wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")
  have=
  if command -v wasm-bindgen >/dev/null; then have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true); fi
  if [ "$want" != "$have" ]; then
    say "installing wasm-bindgen-cli $want (a few minutes, once)"
    cargo install -q wasm-bindgen-cli --version "$want" || stop "cargo install wasm-bindgen-cli --version $want failed"
  fi
}

require_chromium() {
  { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || apt_install chromium chromium-driver
}

require_node_modules() {
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ]; then
    say "installing npm packages"
    (cd "$ROOT" && npm ci --silent --no-audit --no-fund) || stop "npm ci failed"
  fi
}

require_mnist() {
  if [ ! -f "$AEP_CACHE/mnist-train.bin" ]; then
    say "fetching the full MNIST into $AEP_CACHE"
    "$ROOT/pkg-scripts/fetch-mnist" || stop "pkg-scripts/fetch-mnist failed"
  fi
}
