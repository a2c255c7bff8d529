// The latent lab: interpolation, inpainting by energy minimisation, the anomaly score, the map
// of the latent space and compression, all with the model chosen here and the digit drawn in
// the denoising lab.
import { Interpolation } from './interpolation.js';
import { EnergyLab } from './energy.js';
import { AnomalyView } from './anomaly.js';
import { LatentMapView } from './map.js';
import { CompressionView } from './compression.js';
import { Latest } from '../../latest.js';
import { modelOption } from '../../i18n.js';

export class LatentLab {
  /**
   * `models`: Rust's model table (labels, latent sizes); `test`: test digits {pixels: 0..255,
   * labels}; `events`: the page's named events: the denoising lab's 'denoised' runs are heard
   * (their digit is the drawing every view shows), the map is told as 'latent-map'.
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the #latent-lab section
   * @param {object} deps
   * @param {import('../../state.js').PageState} deps.state
   * @param {import('../../protocol.js').ModelSpec[]} deps.models
   * @param {import('../../protocol.js').Digits} deps.test
   * @param {import('../../hooks.js').Bus} deps.events
   */
  constructor(lab, root, { state, models, test, events }) {
    this.events = events;
    this.lab = lab;
    this.root = root;
    this.state = state;
    /** @type {Promise<void> | undefined} the Fashion-MNIST strip, fetched or being fetched */
    this.fashion = undefined;
    const model = () => state.latent;
    this.models = models;
    const spec = (/** @type {string} */ name) => this.models.find((m) => m.name === name);
    /** @returns {import('../../hooks.js').DenoiseResult | undefined} */
    const denoised = () => events.last('denoised');
    const drawing = () => denoised()?.digit;
    const part = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
    this.map = new LatentMapView(lab, part('map'), { model, spec, test });
    this.interpolation = new Interpolation(lab, part('interpolation'), {
      state, model, test, drawing,
      onPath: (codes) => this.map.overlay({ pathCodes: codes }).catch((e) => this.fail(e)),
    });
    this.energy = new EnergyLab(lab, part('energy'), { state, model, models, damaged: () => denoised() ?? null, dropout: () => denoised()?.dropout ?? 0, hideBlock: () => events.ask('hide-block', 10) });
    this.anomaly = new AnomalyView(lab, part('anomaly'), { model, drawing });
    this.compression = new CompressionView(lab, part('compression'), { state, model, spec, drawing, test });
    const select = /** @type {HTMLSelectElement} */ (root.querySelector('#latent-model'));
    this.select = select;
    this.modelsChanged();
    select.onchange = () => { state.set('latent', select.value); this.refresh(); };
    // The views that show the drawing, once per new drawing, one run at a time.
    this.latest = new Latest(() => this.drawingChanged());
    events.on('denoised', () => { this.schedule(); this.energy.preview(); });
  }

  /** Hooks (www/hooks.js): the page is up: the lab fills in. */
  onStart() {
    return this.refresh();
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
      this.events.emit('latent-map', this.map.map);
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
    const digit = this.events.last('denoised')?.digit;
    if (!digit) return;
    const kind = this.anomaly.source.kind;
    const code = await this.lab.encode({ model: this.state.latent, pixels: digit });
    await this.map.overlay({ drawingCode: code });
    if (kind === 'drawing' || kind === 'invert' || !this.anomaly.last) await this.anomaly.update();
    await this.compression.update();
  }
}
