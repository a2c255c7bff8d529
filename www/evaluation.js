// How close an image is to the clean one, as `src/evaluation.rs` scores it: MSE and PSNR of
// values in [0, 1].
import { formatNumber } from './i18n.js';

/**
 * `{mse, psnr}` of `output` against `clean` (equal lengths, values in [0, 1]).
 * @param {ArrayLike<number>} output @param {ArrayLike<number>} clean
 */
export function scores(output, clean) {
  let s = 0;
  for (let i = 0; i < clean.length; i++) s += (output[i] - clean[i]) ** 2;
  const mse = s / clean.length;
  return { mse, psnr: 10 * Math.log10(1 / mse) };
}

/**
 * A PSNR as the page shows it, the same way on every panel: one decimal, '∞ dB' for an exact
 * copy (MSE exactly 0, so PSNR +∞) and nothing else ('–' when there is no score), in the
 * page's language (a decimal comma in Portuguese).
 * @param {number | null | undefined} psnr
 */
export function psnrText(psnr) {
  if (psnr === Infinity) return '∞ dB';
  return typeof psnr === 'number' && Number.isFinite(psnr) ? `${formatNumber(psnr, 1)} dB` : '–';
}
