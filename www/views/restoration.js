// @ts-check
// A restoration's name in the page's language: the denoising lab's panels and the energy
// descent's one-shot restoration are titled alike.
import { t, modelText } from '../i18n.js';

/** The classical inpaintings' radius in pixels (Telea, Navier–Stokes), as the page asks for them. */
export const INPAINT_RADIUS = 3;

/**
 * What the page writes under a restoration, in the page's language: the model's label (and
 * that its visible pixels were pasted back), or the classical method and its radius; Rust's
 * label for anything else.
 * @param {import('../protocol.js').Restoration} r
 * @param {import('../protocol.js').ModelSpec[]} models the table
 */
export function restorationText(r, models) {
  const spec = models.find((m) => m.name === r.model);
  const radius = INPAINT_RADIUS;
  if (spec) return r.pasted ? t('restoration.pasted', { model: modelText(spec, 'label') }) : modelText(spec, 'label');
  if (r.key === 'telea') return t('restoration.telea', { radius });
  if (r.key === 'navier-stokes') return t('restoration.navierStokes', { radius });
  return r.label;
}
