// Fuzzes the page's address (the URL state, www/state.js) for SECONDS (default 600): query
// strings mutated from real lesson links, read by State as the page reads its address. Checks,
// for every input: reading never throws; every value is one its rule allows (reading it again
// changes nothing); the corrections notice is a sentence exactly when something was corrected;
// the query the page writes back reads as the same settings with nothing to correct; `set`
// with any value keeps within the limits. Prints executions and the block coverage of
// state.js (V8's precise coverage). Run by pkg-scripts/fuzz.
import { Session } from 'node:inspector/promises';
import { State, describeCorrections } from '../www/state.js';

const seconds = Number(process.argv[2] ?? 600);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

const SEEDS = [
  '', '?backend=cpu&model=denoising&epochs=5&dropout=0.3', '?lesson=denoising-lab&hide=backend,upload&presenter=1',
  '?lang=pt&data=fashion&threads=0', '?buildLatent=500&buildCorruption=gaussian&buildAmount=0.3&buildLambda=0.5',
  '?curve=spiral&planePoints=2000&planeWay=contractive&planeSigma=0.01', '?srSide=14&srDigits=0-4&restore=no',
  '?epochs=1e3&dropout=-1&frames=2.5&hide=nothing,backend&latent=standard&kernels=denoising', '?gpu=fail&backend=webgpu',
];
const PIECES = ['=', '&', ',', '%', '%2C', '%00', '%E2%80%8B', '+', ' ', '-', '.', 'e', 'Infinity', 'NaN', '0x1f', '1e308',
  '-0', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '[]', '🙂', 'é', '\u0000', '\uFFFF', '#', '?', '//'];

let seed = 0x2545f491;
const random = () => {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const pick = (/** @type {any[]} */ a) => a[Math.floor(random() * a.length)];
const keys = Object.keys(new State({ search: '', write: () => {} }).rules);
const values = [...new Set(SEEDS.flatMap((s) => [...new URLSearchParams(s).values()]))];

/** One mutation of a query string. @param {string} q */
function mutate(q) {
  const params = [...new URLSearchParams(q)];
  switch (Math.floor(random() * 7)) {
    case 0: params.push([pick(keys), pick(values)]); break;
    case 1: params.push([pick(keys), String(random() * 10 ** Math.floor(random() * 6 - 2) * (random() < 0.2 ? -1 : 1))]); break;
    case 2: if (params.length) { const i = Math.floor(random() * params.length); params[i][1] += pick(PIECES); } break;
    case 3: params.push([pick(keys) + (random() < 0.5 ? pick(PIECES) : ''), pick(PIECES) + pick(values)]); break;
    case 4: if (params.length) params.splice(Math.floor(random() * params.length), 1); break;
    case 5: { const raw = `?${new URLSearchParams(params)}`; const at = Math.floor(random() * raw.length); return raw.slice(0, at) + pick(PIECES) + raw.slice(at); }
    default: params.push(['hide', Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(['backend', 'upload', 'training', 'x', '', ' ', 'own-data'])).join(',')]);
  }
  return `?${new URLSearchParams(params)}`;
}

/** The checks for one query; throws what failed. @param {string} search */
function check(search) {
  const state = new State({ search, write: () => {} });
  state.allow('model', ['standard', 'denoising', 'both'], 'both');
  state.allow('latent', ['standard', 'denoising']);
  for (const [key, rule] of Object.entries(state.rules)) {
    const again = rule.clamp(String(state.values[key]));
    if (again.value !== state.values[key] || again.why) throw new Error(`${key}=${state.values[key]} is not a value its rule allows (${again.why})`);
  }
  const notice = describeCorrections(state.corrections);
  if ((notice === '') !== (state.corrections.length === 0)) throw new Error('the corrections notice and the corrections disagree');
  for (const c of state.corrections) {
    if (typeof c.used === 'number' && !Number.isFinite(c.used)) throw new Error(`${c.key} was corrected to ${c.used}`);
  }
  if (/undefined|\[object|\{\w+\}/.test(notice.replaceAll(search, ''))) throw new Error(`the notice reads badly: ${notice}`);
  const back = new State({ search: state.query(), write: () => {} });
  back.allow('model', ['standard', 'denoising', 'both'], 'both');
  back.allow('latent', ['standard', 'denoising']);
  if (back.corrections.length) throw new Error(`the page's own address ${state.query()} needs correcting: ${describeCorrections(back.corrections)}`);
  for (const key of keys) if (back.values[key] !== state.values[key]) throw new Error(`${key} changed on the way back: ${state.values[key]} → ${back.values[key]}`);
  const key = pick(keys);
  const used = state.set(key, [...new URLSearchParams(search).values()][0] ?? pick(PIECES));
  if (state.rules[key].clamp(String(used)).value !== used) throw new Error(`set('${key}') used ${used}, outside its limits`);
}

const corpus = [...SEEDS];
const end = Date.now() + seconds * 1000;
let executions = 0;
const failures = new Map();
while (Date.now() < end) {
  for (let i = 0; i < 1000; i++) {
    const input = mutate(pick(corpus));
    executions++;
    try {
      check(input);
      if (corpus.length < 5000 && random() < 0.01) corpus.push(input);
    } catch (e) {
      const message = /** @type {Error} */ (e).message;
      if (!failures.has(message)) failures.set(message, input);
    }
  }
}
const { result } = await session.post('Profiler.takePreciseCoverage');
const script = result.find((r) => r.url.endsWith('/www/state.js'));
const functions = script?.functions ?? [];
const blocks = functions.flatMap((f) => f.ranges);
const covered = blocks.filter((r) => r.count > 0).length;
const line = `url         ${String(executions).padStart(12)} ${String(Math.round(executions / seconds)).padStart(10)} ${`${covered}/${blocks.length}`.padStart(8)} ${'blocks'.padStart(8)} ${failures.size}`;
console.log(line);
for (const [message, input] of failures) console.log(`  url: ${message}\n    input: ${JSON.stringify(input)}`);
process.exit(failures.size ? 1 : 0);
