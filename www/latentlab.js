// The latent lab: interpolation, inpainting by energy minimisation, the anomaly score, the map
// of the latent space and compression, all with the model chosen here and the digit drawn in
// the denoising lab.
import { Interpolation } from './interpolation.js';
import { EnergyLab } from './energylab.js';
import { AnomalyView } from './anomaly.js';
import { LatentMapView } from './latentmap.js';
import { CompressionView } from './compression.js';
import { Latest } from './latest.js';
import { modelOption } from './i18n.js';

export class LatentLab {
  /**
   * `models`: Rust's model table (labels, latent sizes); `test`: test digits {pixels: 0..255,
   * labels}; `denoising`: the denoising lab, heard through its 'result' events.
   * @param {import('./labclient.js').Lab} lab
   * @param {HTMLElement} root the #latent-lab section
   * @param {object} deps
   * @param {import('./state.js').PageState} deps.state
   * @param {import('./protocol.js').ModelSpec[]} deps.models
   * @param {import('./protocol.js').Digits} deps.test
   * @param {import('./denoiselab.js').DenoisingLab} deps.denoising
   * @param {() => void} [deps.mapped]
   */
  constructor(lab, root, { state, models, test, denoising, mapped = () => {} }) {
    /** hears when the map has been made again (another view draws on it) */
    this.mapped = mapped;
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.denoising = denoising;
    /** @type {Promise<void> | undefined} the Fashion-MNIST strip, fetched or being fetched */
    this.fashion = undefined;
    const model = () => state.latent;
    this.models = models;
    const spec = (/** @type {string} */ name) => this.models.find((m) => m.name === name);
    const drawing = () => denoising.last?.digit;
    const part = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
    this.map = new LatentMapView(lab, part('map'), { model, spec, test });
    this.interpolation = new Interpolation(lab, part('interpolation'), {
      state, model, test, drawing,
      onPath: (codes) => this.map.overlay({ pathCodes: codes }).catch((e) => this.fail(e)),
    });
    this.energy = new EnergyLab(lab, part('energy'), { state, model, models, damaged: () => denoising.last, dropout: () => denoising.last?.dropout ?? 0, hideBlock: () => denoising.hideBlock(10) });
    this.anomaly = new AnomalyView(lab, part('anomaly'), { model, drawing });
    this.compression = new CompressionView(lab, part('compression'), { state, model, spec, drawing, test });
    const select = /** @type {HTMLSelectElement} */ (root.querySelector('#latent-model'));
    this.select = select;
    this.modelsChanged();
    select.onchange = () => { state.set('latent', select.value); this.refresh(); };
    // The views that show the drawing, once per new drawing, one run at a time.
    this.latest = new Latest(() => this.drawingChanged());
    denoising.on('result', () => this.schedule());
  }

  /** Hooks (www/hooks.js): a new data set's gallery; a model built or removed; new weights, every view again. */
  onData() {
    this.interpolation.setTest();
  }

  onTable() {
    this.modelsChanged();
  }

  onWeights() {
    return this.refresh();
  }

  /** After a model joined or left the table (`models` is shared, changed in place). */
  modelsChanged() {
    this.state.allow('latent', this.models.map((m) => m.name));
    this.select.replaceChildren(...this.models.map(modelOption));
    this.select.value = this.state.latent;
  }

  /** The last results of each view (for the console and the tests). */
  results() {
    const map = this.map.map;
    return {
      interpolation: this.interpolation.last,
      energy: this.energy.last,
      anomaly: this.anomaly.last,
      map: map && { variance: map.variance, total: map.totalVariance, totalVariance: map.totalVariance, points: map.points.length / 2 },
      decoded: this.map.lastDecoded,
    };
  }

  /** @param {Error} e */
  fail(e) {
    /** @type {HTMLElement} */ (this.root.querySelector('#latent-error')).textContent = e.message;
  }

  /** Redoes every view: after a change of model, training, new weights or a new backend. */
  async refresh() {
    this.root.dataset.ready = '';
    try {
      // Fetched once; a failed fetch (the worker died meanwhile) is asked again next time.
      this.fashion ??= this.anomaly.loadFashion().catch((e) => {
        this.fashion = undefined;
        throw e;
      });
      await this.fashion;
      await this.anomaly.updateRoc();
      await this.map.build();
      this.mapped();
      await this.interpolation.render();
      await this.latest.request();
      /** @type {HTMLElement} */ (this.root.querySelector('#latent-error')).textContent = '';
      if (!performance.getEntriesByName('latent-lab-ready').length) performance.mark('latent-lab-ready');
      this.root.dataset.ready = 'true';
    } catch (e) {
      this.fail(/** @type {Error} */ (e));
    }
  }

  /** After each run of the denoising lab: the views that show the drawing, one run at a time. */
  schedule() {
    if (!this.root.dataset.ready) return;
    this.latest.request().catch((e) => this.fail(e));
  }

  async drawingChanged() {
    const digit = this.denoising.last?.digit;
    if (!digit) return;
    const kind = this.anomaly.source.kind;
    const code = await this.lab.encode(this.state.latent, digit);
    await this.map.overlay({ drawingCode: code });
    if (kind === 'drawing' || kind === 'invert' || !this.anomaly.last) await this.anomaly.update();
    await this.compression.update();
  }
}
