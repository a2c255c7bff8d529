import { start, openPage } from './browser.mjs';
const s = await start();
const { page } = await openPage(s, '?backend=webgpu');
await page.evaluate(() => window.playground.gpuCounts());
for (const model of ['standard']) {
  await page.evaluate((m) => window.playground.train({ model: m, steps: 3 }), model);
  const run = await page.evaluate((m) => window.playground.train({ model: m, steps: 1 }), model);
  console.log(model, run.chunks, 'chunks');
  for (const [k, v] of Object.entries(run.gpu).filter(([k]) => k.startsWith('kernel')).sort((a, b) => b[1] - a[1])) console.log(v, k);
}
await s.stop();
