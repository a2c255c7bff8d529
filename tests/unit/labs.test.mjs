// The registry of labs (www/labs/index.js): every lab folder is registered, in the order of
// index.html's sections; each lab's words are in both languages and its own; its settings and
// console entries are its own; and no lab reaches into another's folder (they talk through the
// named events of www/hooks.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABS } from '../../www/labs/index.js';
import { State } from '../../www/state.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAB_DIR = path.join(ROOT, 'www', 'labs');
const html = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');

test('every folder of www/labs is a registered lab, in the order of index.html\'s sections', () => {
  const folders = fs.readdirSync(LAB_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  assert.deepEqual([...LABS.map((unit) => unit.name)].sort(), folders);
  const sections = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
  const inPage = LABS.filter((unit) => !unit.make);
  const order = inPage.map((unit) => sections.indexOf(unit.section));
  assert.ok(order.every((i) => i >= 0), `every lab's section is in index.html or made by the lab: ${inPage.map((u) => u.section)}`);
  assert.deepEqual(order, [...order].sort((a, b) => a - b), 'the registry lists the labs in the page\'s order');
  for (const unit of LABS.filter((u) => u.make)) assert.ok(!sections.includes(unit.section), `${unit.name}: made, so not in index.html`);
});

test('each lab\'s words are in both languages, with keys no other lab or the page defines', () => {
  const seen = new Map();
  for (const unit of LABS) {
    assert.deepEqual(Object.keys(unit.words.pt).sort(), Object.keys(unit.words.en).sort(), `${unit.name}: the same keys in English and Portuguese`);
    for (const key of Object.keys(unit.words.en)) {
      assert.ok(!seen.has(key), `${key}: in the ${unit.name} lab and the ${seen.get(key)} lab`);
      seen.set(key, unit.name);
    }
  }
});

test('each lab\'s settings are its own and live in the address', () => {
  const s = new State({ search: '', write: () => {} });
  const owners = new Map();
  for (const unit of LABS) {
    for (const key of Object.keys(unit.settings)) {
      assert.ok(!owners.has(key), `${key}: the ${unit.name} lab and the ${owners.get(key)} lab`);
      owners.set(key, unit.name);
      assert.ok(Object.hasOwn(s.rules, key), `${unit.name}'s ${key} is a setting of the page`);
    }
  }
});

test('no lab imports another lab\'s folder', () => {
  const wrong = [];
  for (const unit of LABS) {
    for (const file of fs.readdirSync(path.join(LAB_DIR, unit.name))) {
      const text = fs.readFileSync(path.join(LAB_DIR, unit.name, file), 'utf8');
      for (const m of text.matchAll(/(?:from |import\()\s*'\.\.\/(\w+)\//g)) {
        if (m[1] !== unit.name) wrong.push(`${unit.name}/${file} imports ../${m[1]}/`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});
