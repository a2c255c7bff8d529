// The loss chart's memory is bounded: however many points are pushed, a series keeps at most
// MAX_POINTS, merged in pairs (www/views/linechart.js's `thin`) with the steps each stands for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineChart, MAX_POINTS, thin } from '../../www/views/linechart.js';

test('thin merges neighbours, weighted by the steps each stands for, and keeps the ends', () => {
  assert.deepEqual(thin([]), []);
  assert.deepEqual(thin([[1, 5]]), [[1, 5]]);
  // The first point stays; (10, 2) and (30, 4) stand for 10 and 20 steps: (2·10 + 4·20) / 30.
  assert.deepEqual(thin([[0, 1], [10, 2], [30, 4]]), [[0, 1], [30, 100 / 30]]);
  // An even count: the last point has no partner and stays as it is.
  assert.deepEqual(thin([[0, 1], [10, 2], [20, 4], [30, 8]]), [[0, 1], [20, 3], [30, 8]]);
});

test('a series never holds more than MAX_POINTS, its steps still rising to the last one pushed', () => {
  const chart = new LineChart(/** @type {any} */ (null));
  chart.add('standard train', '#000');
  const steps = 40 * MAX_POINTS;
  let sum = 0;
  for (let step = 10; step <= steps; step += 10) {
    const loss = 0.1 + 1 / step;
    sum += loss;
    chart.push('standard train', step, loss);
    assert.ok(chart.series.get('standard train').points.length <= MAX_POINTS);
  }
  const points = chart.series.get('standard train').points;
  assert.ok(points.length > MAX_POINTS / 2, `${points.length} points left`);
  assert.ok(points.every((p, i) => i === 0 || p[0] > points[i - 1][0]), 'steps rise');
  assert.equal(points.at(-1)[0], steps, 'the last step pushed is the last point');
  assert.equal(points[0][0], 10, 'the first point is kept');
  // The merged values keep the series' mean loss: each point weighs the steps since the one before.
  const mean = points.slice(1).reduce((a, p, i) => a + p[1] * (p[0] - points[i][0]), 0) / (steps - 10);
  const truth = (sum - (0.1 + 1 / 10)) / (steps / 10 - 1);
  assert.ok(Math.abs(mean - truth) < 1e-9, `${mean} against ${truth}`);
  assert.equal(chart.last('standard train'), points.at(-1)[1]);
});
