// Prints how long the guided lesson's texts take to read (www/guide/), in each language: the
// words of every step's texts and the minutes at 150 words a minute.
// Usage: node pkg-scripts/lesson-length.mjs
import en from '../www/guide/en.js';
import pt from '../www/guide/pt.js';
import { STEPS } from '../www/guide/steps.js';

const PER_MINUTE = 150;
for (const [lang, words] of Object.entries({ en, pt })) {
  // Every text of every step: its look, do and ask, and all its possible answers (an upper bound:
  // a student reads one answer a step).
  const texts = Object.entries(words).filter(([key]) => STEPS.some((s) => key.startsWith(`guide.${s.id}.`))).map(([, text]) => text);
  const count = texts.join(' ').split(/\s+/).filter(Boolean).length;
  console.log(`${lang}: ${STEPS.length} steps, ${count} words, ${(count / PER_MINUTE).toFixed(1)} min at ${PER_MINUTE} words a minute`);
}
