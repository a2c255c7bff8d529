// The soak: trains both models in headless Chromium for a long time, once on the CPU backend and
// once on WebGPU (SwiftShader here), sampling every minute the worker's wasm memory, the worker's
// JS heap (through the DevTools protocol: Chromium gives workers no performance.memory), the page's JS heap
// (once the page has settled after the minute's last run — `playground.settled()` — and after a
// garbage collection, so each sample counts what the page keeps, not what is in flight), and the page's responsiveness (how long a stroke on the sketch pad
// takes to reach the screen: pointer events, then the next frame).
//
// The page's heap is also split, by a heap snapshot each minute, into V8's compiled code (the
// snapshot's "code" nodes: machine code, bytecode and their tables, for the page's own functions)
// and everything else, the page's objects (its strings, arrays, objects, closures and their
// shapes). The compiled code grows for as long as more of the page's functions are called often
// enough for V8 to compile them again, optimised (a function drawn once a run takes tens of
// minutes); that is V8's, bounded by the page's functions, not something the page keeps. So the
// verdict's page criterion is its objects; the whole heap and the code are printed beside them.
//
// Prints the samples and a verdict (memory within ±10% of its value at minute 5: the worker's
// wasm memory and JS heap, the page's objects; every stroke under 100 ms; the final test PSNR
// of each model against that of a fresh run of the same length as the first 5 minutes), and
// writes soak.csv and soak.png (the curves) to OUT.
//
//   node pkg-scripts/soak.mjs [--cpu MINUTES] [--webgpu MINUTES] [--out DIR]   (defaults 60, 10, docs/)
//   node pkg-scripts/soak.mjs --plot CSV [--out DIR]     only the plot, from a soak's CSV (a run stopped early keeps one)
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, labWorker } from '../tests/browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const PLOT = option('--plot', '');
const RUNS = PLOT ? [] : [['cpu', Number(option('--cpu', 60))], ['webgpu', Number(option('--webgpu', 10))]].filter(([, m]) => m > 0);
const OUT = option('--out', 'docs');
mkdirSync(OUT, { recursive: true });
// Steps of each model in one run: a run ends well within a minute (SwiftShader takes seconds a
// step for the d = 500 model), so each sample is taken on its minute.
const RUN_STEPS = { cpu: 40, webgpu: 4 };
const ctx = await start();
/** @typedef {{backend: string, minute: number, wasmMB: number, workerHeapMB: number, pageHeapMB: number, pageCodeMB: number, pageObjectsMB: number, strokeMs: number, steps: number}} Sample */
const COLUMNS = 'backend,minute,steps,wasm_mb,worker_heap_mb,page_heap_mb,page_code_mb,page_objects_mb,stroke_ms';
/** @type {Sample[]} */
const samples = PLOT ? readFileSync(PLOT, 'utf8').trim().split('\n').slice(1).map((line) => {
  const [backend, minute, steps, wasmMB, workerHeapMB, pageHeapMB, pageCodeMB, pageObjectsMB, strokeMs] = line.split(',');
  return {
    backend, minute: Number(minute), steps: Number(steps), wasmMB: Number(wasmMB), workerHeapMB: Number(workerHeapMB),
    pageHeapMB: Number(pageHeapMB), pageCodeMB: Number(pageCodeMB), pageObjectsMB: Number(pageObjectsMB), strokeMs: Number(strokeMs),
  };
}) : [];
const verdicts = [];
/** The samples so far, as CSV (written after each one, so a stopped soak keeps what it measured). */
const writeCsv = () => writeFileSync(join(OUT, 'soak.csv'), [COLUMNS,
  ...samples.map((s) => [s.backend, s.minute, s.steps, ...[s.wasmMB, s.workerHeapMB, s.pageHeapMB, s.pageCodeMB, s.pageObjectsMB, s.strokeMs].map((v) => v.toFixed(3))].join(','))].join('\n') + '\n');

/**
 * The page's JS heap split as a heap snapshot sees it (the DevTools protocol's
 * `HeapProfiler.takeHeapSnapshot`, which collects the garbage first): the bytes of V8's "code"
 * nodes (machine code, bytecode, feedback and their tables) and of the page's objects (every
 * other node of the JS heap: strings, arrays, objects, closures, shapes, numbers; not the
 * browser's own "native" nodes, which live outside the JS heap).
 * @param {import('playwright-core').CDPSession} cdp the page's session
 * @returns {Promise<{code: number, objects: number}>}
 */
async function heapSplit(cdp) {
  const chunks = [];
  const onChunk = (/** @type {{chunk: string}} */ e) => { chunks.push(e.chunk); };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join(''));
  const fields = snapshot.snapshot.meta.node_fields, types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('self_size')];
  const split = { code: 0, objects: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    if (type === 'code') split.code += snapshot.nodes[i + sizeAt];
    else if (type !== 'native' && type !== 'synthetic') split.objects += snapshot.nodes[i + sizeAt];
  }
  return split;
}

/**
 * The lab worker's JS heap, through the DevTools protocol (`labWorker`): resolves, once the
 * lab's worker is attached, to a function that collects its garbage and resolves to its used
 * heap in bytes.
 * @param {import('playwright-core').CDPSession} cdp the page's session
 * @returns {Promise<() => Promise<number>>}
 */
async function workerHeap(cdp) {
  const send = await labWorker(cdp);
  return async () => {
    await send('HeapProfiler.collectGarbage');
    return /** @type {{usedSize: number}} */ (await send('Runtime.getHeapUsage')).usedSize;
  };
}

for (const [backend, minutes] of RUNS) {
  const page = await ctx.context.newPage();
  await page.goto(`${ctx.url}?backend=${backend}&restore=no`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
  const cdp = await page.context().newCDPSession(page);
  const workerHeapBytes = await workerHeap(cdp);
  /** One stroke across the pad: pointer events in the page, timed to the next frame. */
  const stroke = () => page.evaluate(() => new Promise((resolve) => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById('sketch'));
    const { left: x, top: y, width: w, height: h } = canvas.getBoundingClientRect();
    const t0 = performance.now();
    const at = (type, f) => canvas.dispatchEvent(new PointerEvent(type, { clientX: x + f * w, clientY: y + h / 2, bubbles: true, pointerId: 1, buttons: 1 }));
    at('pointerdown', 0.3);
    for (let f = 0.3; f <= 0.7; f += 0.05) at('pointermove', f);
    at('pointerup', 0.7);
    requestAnimationFrame(() => resolve(performance.now() - t0));
  }));
  const sample = async (minute) => {
    await page.evaluate(() => window.playground.settled());
    const memory = await page.evaluate(() => window.playground.memory());
    // The page's heap after a garbage collection, so the samples compare what is kept.
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const split = await heapSplit(cdp);
    const steps = await page.evaluate(() => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent));
    /** @type {Sample} */
    const s = {
      backend, minute, steps,
      wasmMB: Object.values(memory.wasm).reduce((a, b) => a + b, 0) / 2 ** 20,
      workerHeapMB: (await workerHeapBytes()) / 2 ** 20,
      pageHeapMB: usedSize / 2 ** 20,
      pageCodeMB: split.code / 2 ** 20,
      pageObjectsMB: split.objects / 2 ** 20,
      strokeMs: await stroke(),
    };
    samples.push(s);
    writeCsv();
    console.log(`${backend} minute ${String(minute).padStart(3)}: ${s.steps} steps, wasm ${s.wasmMB.toFixed(1)} MB, worker heap ${s.workerHeapMB.toFixed(2)} MB, page heap ${s.pageHeapMB.toFixed(3)} MB (compiled code ${s.pageCodeMB.toFixed(3)}, objects ${s.pageObjectsMB.toFixed(3)}), stroke ${s.strokeMs.toFixed(1)} ms`);
  };
  await sample(0);
  // The page trains by itself, run after run (of RUN_STEPS steps of each model, taking turns), and
  // stops between two runs when asked to: the soak calls into the page a few times a minute, not once
  // a run, so what it measures is the page's own memory, not its scripts'.
  await page.evaluate((runSteps) => {
    /** @type {any} */
    const soak = { gate: null, open: () => {}, stopped: () => {}, error: '' };
    soak.pause = () => (soak.error ? Promise.resolve() : new Promise((resolve) => {
      soak.stopped = resolve;
      soak.gate = new Promise((open) => { soak.open = open; });
    }));
    soak.resume = () => { soak.gate = null; soak.open(); };
    window.__soak = soak;
    (async () => {
      for (;;) {
        if (soak.gate) { soak.stopped(); await soak.gate; }
        await window.playground.train({ model: 'both', steps: runSteps });
      }
    })().catch((e) => { soak.error = String(e?.message ?? e); soak.stopped(); });
  }, RUN_STEPS[backend]);
  const pause = async () => {
    await page.evaluate(() => window.__soak.pause());
    const error = await page.evaluate(() => window.__soak.error);
    if (error) throw new Error(`training failed during the soak: ${error}`);
  };
  const t0 = Date.now();
  let stepsAtFive = 0;
  for (let minute = 1; minute <= minutes; minute++) {
    // The minute's training goes on in the page; the soak waits for the minute to end.
    await new Promise((resolve) => { setTimeout(resolve, Math.max(0, t0 + minute * 60_000 - Date.now())); });
    await pause();
    await sample(minute);
    if (minute === 5) stepsAtFive = samples.at(-1).steps;
    if (minute < minutes) await page.evaluate(() => window.__soak.resume());
  }
  /** Each model's test PSNR (dB) on the first 1,000 test digits, one model after the other. */
  const score = (p) => p.evaluate(async () => {
    const out = {};
    for (const m of window.playground.models()) out[m.name] = (await window.playground.evaluate({ model: m.name, limit: 1000 })).psnr;
    return out;
  });
  const final = await score(page);
  const mine = samples.filter((s) => s.backend === backend);
  const base = mine.find((s) => s.minute === Math.min(5, minutes)) ?? mine[0];
  const later = mine.filter((s) => s.minute >= base.minute);
  // Within ±10% of minute 5.
  const within = (key) => later.every((s) => Math.abs(s[key] - base[key]) <= 0.1 * base[key]);
  /** The widest change from minute 5, in per cent (signed). */
  const widest = (key) => later.reduce((w, s) => { const d = (100 * (s[key] - base[key])) / base[key]; return Math.abs(d) > Math.abs(w) ? d : w; }, 0);
  // A fresh run as long as the first five minutes, on a fresh page, for comparison.
  let fresh = null;
  if (stepsAtFive > 0) {
    const other = await ctx.context.newPage();
    await other.goto(`${ctx.url}?backend=${backend}&restore=no`);
    await other.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
    await other.evaluate((s) => window.playground.train({ model: 'both', steps: s }), stepsAtFive);
    fresh = await score(other);
    await other.close();
  }
  const verdict = {
    backend, minutes,
    wasmFlat: within('wasmMB'), workerHeapFlat: within('workerHeapMB'), pageObjectsFlat: within('pageObjectsMB'),
    widestChangePct: Object.fromEntries(['wasmMB', 'workerHeapMB', 'pageObjectsMB', 'pageHeapMB', 'pageCodeMB'].map((k) => [k, Number(widest(k).toFixed(1))])),
    slowestStrokeMs: Math.max(...mine.map((s) => s.strokeMs)), finalPsnr: final, freshPsnrAtMinute5Steps: fresh,
  };
  verdicts.push(verdict);
  console.log(JSON.stringify(verdict));
  await page.close();
}

if (!PLOT) writeCsv();

// The plot, drawn by the browser on a canvas: memory (MB) against minutes, one panel per backend.
const plot = await ctx.context.newPage();
const plotted = [...new Set(samples.map((s) => s.backend))];
await plot.setViewportSize({ width: 1260, height: 260 * plotted.length + 20 });
await plot.setContent('<canvas id="c"></canvas>');
await plot.evaluate(({ samples, backends }) => {
  const c = /** @type {HTMLCanvasElement} */ (document.getElementById('c'));
  c.width = 1240; c.height = 260 * backends.length;
  const g = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d'));
  g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
  // One row per backend, four panels each: the worker's wasm memory and JS heap, the page's heap, a stroke's latency.
  // The page's panel has three lines: the whole heap, its compiled code and its objects.
  const panels = [
    ['worker wasm memory (MB)', [['wasmMB', '#1f77b4', '']]],
    ['worker JS heap (MB)', [['workerHeapMB', '#2ca02c', '']]],
    ['page JS heap (MB)', [['pageHeapMB', '#d62728', 'whole'], ['pageObjectsMB', '#ff7f0e', 'objects'], ['pageCodeMB', '#7f7f7f', 'compiled code']]],
    ['stroke latency (ms)', [['strokeMs', '#9467bd', '']]],
  ];
  backends.forEach((backend, row) => {
    const mine = samples.filter((s) => s.backend === backend);
    const maxX = Math.max(1, ...mine.map((s) => s.minute));
    panels.forEach(([label, lines], k) => {
      const left = 50 + k * 300, top = row * 260 + 40, w = 240, h = 170;
      const maxY = Math.max(1e-9, ...lines.flatMap(([key]) => mine.map((s) => s[key])).filter(Number.isFinite)) * 1.15;
      g.strokeStyle = '#888'; g.lineWidth = 1; g.strokeRect(left, top, w, h);
      g.fillStyle = '#000'; g.font = '13px sans-serif';
      g.fillText(`${backend}: ${label}`, left, top - 10);
      for (let i = 0; i <= 2; i++) g.fillText((maxY * i / 2).toFixed(maxY < 10 ? 1 : 0), left - 40, top + h - (h * i) / 2 + 4);
      for (let i = 0; i <= 2; i++) g.fillText(String(Math.round(maxX * i / 2)), left + (w * i) / 2 - 4, top + h + 16);
      g.fillText('minutes', left + w / 2 - 25, top + h + 32);
      lines.forEach(([key, colour, name], n) => {
        g.strokeStyle = colour; g.lineWidth = 2; g.beginPath();
        mine.filter((s) => Number.isFinite(s[key])).forEach((s, i) => {
          const x = left + (w * s.minute) / maxX, y = top + h - (h * s[key]) / maxY;
          if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
        });
        g.stroke();
        if (name) { g.fillStyle = colour; g.fillText(name, left + 8, top + 16 + 15 * n); }
      });
    });
  });
}, { samples, backends: plotted });
await (await plot.$('#c')).screenshot({ path: join(OUT, 'soak.png') });
await ctx.stop();
console.log(PLOT ? `wrote ${join(OUT, 'soak.png')}` : `wrote ${join(OUT, 'soak.csv')} and ${join(OUT, 'soak.png')}`);
const bad = verdicts.filter((v) => !v.wasmFlat || !v.workerHeapFlat || !v.pageObjectsFlat || v.slowestStrokeMs > 100);
process.exit(bad.length ? 1 : 0);
