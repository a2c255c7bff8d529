// @ts-check
// Off the manifold (lecture figures 5–8): sliders that shift, turn, zoom, brighten and
// re-contrast a digit, its reconstruction by any model of the table with the PSNR against the
// transformed digit, and the PSNR against the amount of the slider last moved: for this digit
// (live), and for 1,000 test digits as `evaluate --transform --write` measured the shipped
// models, before and after training with augmentation. "Train with augmentation" trains the
// chosen model one epoch with random transformations, in the training panel.
import { FigureRow } from '../../views/figures.js';
import { Scatter } from '../../views/scatter.js';
import { drawCurves } from '../../views/curvechart.js';
import { Latest } from '../../latest.js';
import { digitUnit, fetchBytes } from '../../data.js';
import { psnrText } from '../../evaluation.js';
import { stepsPerEpoch } from '../../protocol.js';
import { LatentMove } from './latentmove.js';
import { t, setText, formatNumber, modelText, modelOption, onLanguage } from '../../i18n.js';

/**
 * Each slider: the transformation's field, the curve's kind, its label.
 * @type {{id: string, field: string, kind: import('../../protocol.js').Kind, label: () => string}[]}
 */
const SLIDERS = [
  { id: 'tf-shift-x', field: 'shiftX', kind: 'shift', label: () => t('transforms.slider.shiftX') },
  { id: 'tf-shift-y', field: 'shiftY', kind: 'shift', label: () => t('transforms.slider.shiftY') },
  { id: 'tf-rotation', field: 'rotation', kind: 'rotation', label: () => t('transforms.slider.rotation') },
  { id: 'tf-zoom', field: 'zoom', kind: 'zoom', label: () => t('transforms.slider.zoom') },
  { id: 'tf-brightness', field: 'brightness', kind: 'brightness', label: () => t('transforms.slider.brightness') },
  { id: 'tf-contrast', field: 'contrast', kind: 'contrast', label: () => t('transforms.slider.contrast') },
];

/** The kinds of transformation, as the captions name them, in the page's language. */
const kindNames = () => ({
  shift: t('transforms.kind.shift'), rotation: t('transforms.kind.rotation'), zoom: t('transforms.kind.zoom'),
  brightness: t('transforms.kind.brightness'), contrast: t('transforms.kind.contrast'),
});
/** @param {string} kind */
const kindName = (kind) => kindNames()[/** @type {keyof ReturnType<typeof kindNames>} */ (kind)] ?? kind;
/** The ranges "Train with augmentation" draws from (those of evaluate --transform). @type {import('../../protocol.js').Augmentation} */
export const AUGMENTATION = { shift: 4, rotation: 30, zoom: 0.25, brightness: 0.3, thickness: 0, blur: 0 };

export class TransformLab {
  /**
   * @param {import('../../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root the #transforms section
   * @param {object} deps
   * @param {import('../../protocol.js').ModelSpec[]} deps.models the table (shared, changed in place)
   * @param {import('../../protocol.js').Digits} deps.test
   * @param {string} deps.base the page's root URL
   * @param {() => import('../../parts/training.js').TrainingPanel | undefined} deps.training
   * @param {{trainLen: number}} deps.backends the session (its number of training digits)
   * @param {import('../../hooks.js').Bus} deps.events the page's named events: the denoising
   *   lab's digit is asked for ('drawing'), the latent lab's map heard ('latent-map')
   */
  constructor(lab, root, { models, test, base, training, backends, events }) {
    const drawing = () => /** @type {Promise<Float32Array | undefined>} */ (events.ask('drawing'));
    /** @returns {{model: string, points: Float32Array} | null | undefined} the latent lab's fitted map */
    this.latentMap = () => events.last('latent-map');
    events.on('latent-map', () => this.refresh());
    this.scatter = new Scatter(/** @type {HTMLCanvasElement} */ (root.querySelector('#tf-map')));
    this.lab = lab;
    this.root = root;
    this.models = models;
    this.test = test;
    this.drawing = drawing;
    this.training = training;
    this.trainLen = () => backends.trainLen;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.$ = $;
    this.index = 0;
    /** @type {Float32Array} */
    this.digit = digitUnit(test.pixels, 0);
    /** @type {import('../../protocol.js').Kind} */
    this.kind = 'shift';
    /** @type {import('../../protocol.js').Transformed | null} */
    this.last = null;
    /** @type {import('../../protocol.js').TransformCurve | null} */
    this.curve = null;
    /** the model of the last run, whose reference curves the chart shows */
    this.chartModel = '';
    /** what `curve` was computed for: model, kind and `version` */
    this.curveKey = '';
    /** grows whenever the digit or the models' weights change */
    this.version = 0;
    /** @type {Float32Array | null} the curve's path on the latent map */
    this.path = null;
    /** @type {any} the shipped models' curves over 1,000 test digits, if the file loads */
    this.reference = null;
    fetchBytes(`${base}www/data/transform-curves.json`).then((b) => { this.reference = JSON.parse(new TextDecoder().decode(b)); this.request(); }).catch(() => {});
    this.row = new FigureRow($('tf-outputs'), [
      { key: 'digit', title: () => t('transforms.digit') }, { key: 'input', title: () => t('transforms.transformed') },
      { key: 'output', title: () => t('transforms.reconstructed') },
    ]);
    /** Writes a slider's value beside it. @param {{id: string}} s */
    const showValue = (s) => { this.$(`${s.id}-value`).textContent = formatNumber(Number(this.$(s.id).value)); };
    for (const s of SLIDERS) {
      const el = $(s.id);
      el.addEventListener('input', () => { this.kind = s.kind; showValue(s); this.request(); });
    }
    $('tf-reset').onclick = () => { for (const s of SLIDERS) { const el = $(s.id); el.value = el.defaultValue; showValue(s); } this.request(); };
    // The chart's words are painted: draw it again (and the sliders' values) in the new language,
    // from the last run (the other words are set with setText and follow by themselves).
    onLanguage(() => { SLIDERS.forEach(showValue); this.drawChart(); });
    $('tf-next').onclick = () => { this.index = (this.index + 1) % test.labels.length; this.setDigit(digitUnit(test.pixels, this.index)); };
    $('tf-drawing').onclick = () => { drawing().then((d) => { if (d) this.setDigit(Float32Array.from(d)); }).catch((e) => this.fail(e)); };
    $('tf-model').onchange = () => this.request();
    $('tf-augment').onclick = () => this.augment().catch((e) => this.fail(e));
    this.runs = new Latest(() => this.run());
    this.latentMove = new LatentMove(lab, $('tf-latent'), { test });
    $('tf-latent-go').onclick = () => this.latentMove.show($('tf-model').value, this.digit, this.transform()).catch((e) => this.fail(e));
    this.modelsChanged();
  }

  /** Hooks (www/hooks.js): a new data set's digit redrawn; a model built or removed. */
  onData() {
    this.refresh();
  }

  onTable() {
    this.modelsChanged();
  }

  modelsChanged() {
    const select = this.$('tf-model');
    const chosen = select.value;
    select.replaceChildren(...this.models.map(modelOption));
    if (this.models.some((m) => m.name === chosen)) select.value = chosen;
  }

  /** The transformation the sliders show. @returns {import('../../protocol.js').Transform} */
  transform() {
    /** @type {any} */
    const t = {};
    for (const s of SLIDERS) t[s.field] = Number(this.$(s.id).value);
    return t;
  }

  /** Redraws for the sliders as they are (the curve and its path are kept while they hold). */
  request() {
    this.runs.request().catch((e) => this.fail(e));
  }

  /** Redraws everything after the models' weights (or the latent map) changed. */
  refresh() {
    this.version++;
    this.request();
  }

  /** @param {Float32Array} digit */
  setDigit(digit) {
    this.digit = digit;
    this.version++;
    this.request();
  }

  async run() {
    const model = this.$('tf-model').value;
    // The curve depends on the model, the digit and the kind of slider, not on the amounts: a
    // slider's move only transforms and reconstructs once more.
    const key = `${model}|${this.kind}|${this.version}`;
    const [r, curve] = await Promise.all([
      this.lab.transform({ model, pixels: this.digit, transform: this.transform() }),
      this.curveKey === key && this.curve ? this.curve : this.lab.transform_curve({ model, pixels: this.digit, kind: this.kind }),
    ]);
    if (curve !== this.curve) this.path = null;
    this.curveKey = key;
    this.last = r;
    this.curve = curve;
    this.row.show('digit', this.digit, '');
    this.row.show('input', r.input, '');
    this.row.show('output', r.output, () => `PSNR ${psnrText(r.psnr)}`).dataset.psnr = String(r.psnr);
    this.chartModel = model;
    this.drawChart();
    const ref = this.reference?.models?.[model]?.[this.kind];
    const kind = this.kind;
    const reference = ref ? { digits: this.reference.digits, epochs: this.reference.epochs } : null;
    setText(this.$('tf-legend'), () => [
      t('transforms.legend.digit', { kind: kindName(kind) }),
      reference ? t('transforms.legend.reference', reference) : '',
      t('transforms.legend.psnr'),
    ].filter(Boolean).join(' '));
    await this.drawPath(curve, r);
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1);
  }

  /**
   * The chart of PSNR against the amount (this digit's curve, and the reference curves of the
   * shipped and augmented models where the reference has them), from the last run: drawn again
   * as it is after a change of language, without asking the worker.
   */
  drawChart() {
    const curve = this.curve;
    if (!curve) return;
    /** @type {{name: string, colour: string, dash?: number[], x: number[], y: number[]}[]} */
    const series = [{ name: 'this digit', colour: '#0072b2', x: curve.amounts, y: curve.psnr }];
    const ref = this.reference?.models?.[this.chartModel]?.[this.kind];
    if (ref) {
      series.push({ name: 'shipped', colour: '#555', dash: [5, 4], x: ref.amounts, y: ref.shipped });
      series.push({ name: 'augmented', colour: '#1f7a45', dash: [2, 3], x: ref.amounts, y: ref.augmented });
    }
    const slider = SLIDERS.find((s) => s.kind === this.kind);
    const amounts = this.transform();
    drawCurves(this.$('tf-chart'), { xLabel: slider?.label() ?? this.kind, series, marker: this.kind === 'shift' ? Math.abs(amounts.shiftX) || Math.abs(amounts.shiftY) : amounts[/** @type {'rotation'} */ (slider?.field ?? 'rotation')] });
  }

  /**
   * The codes of the transformed digit along the curve, on the latent lab's map (its model's
   * codes, projected onto its two axes), and the current one as a star.
   * @param {import('../../protocol.js').TransformCurve} curve @param {import('../../protocol.js').Transformed} r
   */
  async drawPath(curve, r) {
    const map = this.latentMap();
    const caption = this.$('tf-map-caption');
    if (!map) { setText(caption, () => t('transforms.noMap')); return; }
    if (this.scatter.points !== map.points) {
      this.scatter.set(map.points, this.test.labels);
      this.path = null;
    }
    // The path along the curve is kept with the curve; the star moves with the sliders.
    this.path ??= await this.lab.map_codes({ model: map.model, codes: await this.lab.encode({ model: map.model, pixels: curve.inputs }) });
    const path = /** @type {Float32Array} */ (this.path);
    const mark = await this.lab.map_codes({ model: map.model, codes: await this.lab.encode({ model: map.model, pixels: r.input }) });
    this.scatter.path = path;
    this.scatter.mark = Array.from(mark);
    this.scatter.draw();
    const spec = this.models.find((m) => m.name === map.model);
    const kind = this.kind;
    setText(caption, () => t('transforms.path', {
      model: spec ? modelText(spec, 'label') : map.model, kind: kindName(kind), a: curve.amounts[0], b: curve.amounts[curve.amounts.length - 1],
    }));
    this.root.dataset.path = String(path.length / 2);
  }

  /** One epoch of the chosen model with random transformations, then the curves again. */
  async augment() {
    const model = this.$('tf-model').value;
    const panel = this.training();
    if (!panel) throw new Error(t('builder.noTrainingPanel'));
    await this.lab.set_augmentation({ model, ranges: AUGMENTATION });
    try {
      await panel.train({ model, steps: stepsPerEpoch(this.trainLen()), source: () => t('training.source.augmentation') });
    } finally {
      await this.lab.set_augmentation({ model, ranges: null });
    }
    this.version++;
    await this.runs.request();
    setText(this.$('tf-status'), () => t('transforms.augmented', { model, ...AUGMENTATION }));
  }

  /** @param {Error} e */
  fail(e) {
    setText(this.$('tf-status'), e.message);
  }
}
