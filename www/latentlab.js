// The latent lab: interpolation, inpainting by energy minimisation, the anomaly score, the map
// of the latent space and compression, all with the model chosen here and the digit drawn in
// the denoising lab.
import { Interpolation } from './interpolation.js';
import { EnergyLab } from './energylab.js';
import { AnomalyView } from './anomaly.js';
import { LatentMapView } from './latentmap.js';
import { CompressionView } from './compression.js';

export class LatentLab {
  /** `test`: test digits {pixels: 0..255, labels}; `denoising`: the denoising lab. */
  constructor(lab, root, { state, test, denoising }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.denoising = denoising;
    this.busy = false;
    this.dirty = false;
    const model = () => state.latent;
    const drawing = () => denoising.last?.digit;
    const part = (id) => root.querySelector(`#${id}`);
    this.map = new LatentMapView(lab, part('map'), { model, test });
    this.interpolation = new Interpolation(lab, part('interpolation'), {
      state, model, test, drawing,
      onPath: (codes) => this.map.overlay({ pathCodes: codes }).catch((e) => this.fail(e)),
    });
    this.energy = new EnergyLab(lab, part('energy'), { state, model, damaged: () => denoising.last, dropout: () => Number(denoising.dropout.value), hideBlock: () => denoising.hideBlock(10) });
    this.anomaly = new AnomalyView(lab, part('anomaly'), { model, drawing });
    this.compression = new CompressionView(lab, part('compression'), { state, model, drawing });
    const select = root.querySelector('#latent-model');
    select.value = state.latent;
    select.onchange = () => { state.set('latent', select.value); this.refresh(); };
  }

  fail(e) {
    this.root.querySelector('#latent-error').textContent = e.message;
  }

  /** Redoes every view: after a change of model, training, new weights or a new backend. */
  async refresh() {
    this.root.dataset.ready = '';
    try {
      this.fashion ??= this.anomaly.loadFashion();
      await this.fashion;
      await this.map.build();
      await this.interpolation.render();
      await this.drawingChanged();
      this.root.querySelector('#latent-error').textContent = '';
      if (!performance.getEntriesByName('latent-lab-ready').length) performance.mark('latent-lab-ready');
      this.root.dataset.ready = 'true';
    } catch (e) {
      this.fail(e);
    }
  }

  /** After each run of the denoising lab: the views that show the drawing, one run at a time. */
  schedule() {
    if (!this.root.dataset.ready) return;
    if (this.busy) {
      this.dirty = true;
      return;
    }
    this.busy = true;
    this.dirty = false;
    this.drawingChanged()
      .catch((e) => this.fail(e))
      .finally(() => {
        this.busy = false;
        if (this.dirty) this.schedule();
      });
  }

  async drawingChanged() {
    const digit = this.denoising.last?.digit;
    if (!digit) return;
    const kind = this.anomaly.source.kind;
    const code = await this.lab.call('encode', { model: this.state.latent, pixels: digit });
    await this.map.overlay({ drawingCode: code });
    if (kind === 'drawing' || kind === 'invert' || !this.anomaly.last) await this.anomaly.update();
    await this.compression.update();
  }
}
