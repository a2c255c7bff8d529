// @ts-check
// Weights files: download a model's weights as a burnpack (.bpk) file, or as a notebook file
// (.safetensors, the names and layout of the lecture's PyTorch notebook); upload one into a
// model. A file named after a model goes into that model; otherwise into the one selected. A
// notebook file named after no model, and a model file (.aepm), add a model of their own.
import { t, modelText, modelOption, language, formatNumber } from '../i18n.js';
import { saveBlob } from '../views/download.js';

/** @typedef {import('../protocol.js').ModelSpec} ModelSpec */

export class WeightFiles {
  /**
   * @param {import('../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root holds #upload-model, #download, #upload
   * @param {object} deps
   * @param {ModelSpec[]} deps.models
   * @param {(text: import('../i18n.js').Text, kind?: string) => void} deps.notify
   * @param {() => Promise<void>} deps.loaded after new weights: save them, redraw
   * @param {(bytes: Uint8Array, fileName?: string) => Promise<import('../protocol.js').ModelSpec>} deps.addModel adds a model file's model
   * @param {() => import('../types/face.d.ts').Source} deps.source the data set the models train on
   */
  constructor(lab, root, { models, notify, loaded, addModel, source }) {
    this.lab = lab;
    this.source = source;
    this.addModel = addModel;
    this.models = models;
    this.notify = notify;
    this.loaded = loaded;
    this.select = /** @type {HTMLSelectElement} */ (root.querySelector('#upload-model'));
    this.modelsChanged();
    /** @type {HTMLElement} */ (root.querySelector('#download')).onclick = () => { this.download(this.select.value).catch((e) => notify(() => t('weights.downloadFailed', { error: e.message }), 'error')); };
    const ipynb = /** @type {HTMLButtonElement} */ (root.querySelector('#download-ipynb'));
    ipynb.onclick = () => {
      ipynb.disabled = true;
      this.downloadIpynb(this.select.value)
        .catch((e) => notify(() => t('weights.downloadFailed', { error: e.message }), 'error'))
        .finally(() => { ipynb.disabled = false; });
    };
    /** @type {HTMLElement} */ (root.querySelector('#download-notebook')).onclick = () => { this.downloadNotebook(this.select.value).catch((e) => notify(() => t('weights.downloadFailed', { error: e.message }), 'error')); };
    const upload = /** @type {HTMLInputElement} */ (root.querySelector('#upload'));
    upload.onchange = () => {
      const file = upload.files?.[0];
      if (file) this.upload(file);
      upload.value = '';
    };
  }
  /** Hook (www/hooks.js): a model built or removed. */
  onTable() {
    this.modelsChanged();
  }

  /** After a model joined or left the table. */
  modelsChanged() {
    const chosen = this.select.value;
    this.select.replaceChildren(...this.models.map(modelOption));
    if (this.models.some((m) => m.name === chosen)) this.select.value = chosen;
  }


  /**
   * Saves a model: the shipped ones as their weights, `<model>.bpk`; a built one as a model
   * file, `<model>.aepm` (its recipe and its weights), so that loading it builds it again.
   * @param {string} model
   */
  async download(model) {
    const built = !this.models.find((m) => m.name === model)?.shipped;
    const bytes = built ? await this.lab.export_model({ model }) : await this.lab.weights({ model });
    save(bytes, `${model}.${built ? 'aepm' : 'bpk'}`);
  }

  /**
   * Saves a model as a notebook file, `<model>.safetensors`: in the notebook,
   * `model.load_state_dict(load_file("<model>.safetensors"))`.
   * @param {string} model
   */
  async downloadNotebook(model) {
    save(await this.lab.export_notebook({ model }), `${model}.safetensors`);
  }

  /**
   * Saves a model as a runnable notebook, `<model>.ipynb` (src/ipynb.rs), for the data set the
   * models train on, in the page's language; the notebook holds its figures on every test image.
   * @param {string} model
   */
  async downloadIpynb(model) {
    this.notify(() => t('weights.ipynbWriting', { model }));
    const text = await this.lab.export_ipynb({ model, dataset: this.source(), language: /** @type {'en' | 'pt'} */ (language()) });
    saveBlob(new Blob([text], { type: 'application/x-ipynb+json' }), `${model}.ipynb`);
    const size = text.length > 1 << 20 ? `${formatNumber(text.length / (1 << 20), 1)} MB` : `${formatNumber(text.length / 1024, 0)} kB`;
    this.notify(() => t('weights.ipynbWritten', { model, size }));
    return text;
  }

  /**
   * The model a file is for: the longest model name in its file name, else the one selected.
   * @param {string} fileName
   */
  modelFor(fileName) {
    return this.namedIn(fileName) ?? this.select.value;
  }

  /**
   * The longest model name in a file name, if any.
   * @param {string} fileName
   */
  namedIn(fileName) {
    const named = this.models.filter((m) => fileName.includes(m.name)).sort((a, b) => b.name.length - a.name.length);
    return named[0]?.name;
  }

  /**
   * Loads a weights file; a bad one is refused and the model kept.
   * @param {File} file
   */
  async upload(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const notebook = await this.lab.is_notebook_file({ bytes });
    if (await this.lab.is_model_file({ bytes }) || (notebook && !this.namedIn(file.name))) {
      try {
        const spec = await this.addModel(bytes, file.name);
        this.notify(() => t('weights.loadedModel', { file: file.name, model: modelText(spec, 'label'), description: modelText(spec, 'description') }));
        await this.loaded();
      } catch (e) {
        this.notify(() => t('weights.modelNotLoaded', { file: file.name, error: /** @type {Error} */ (e).message }), 'error');
      }
      return;
    }
    const model = this.modelFor(file.name);
    try {
      await this.lab.load_weights({ model, bytes });
      this.notify(() => t('weights.loaded', { file: file.name, model }));
      await this.loaded();
    } catch (e) {
      this.notify(() => t('weights.notLoaded', { file: file.name, error: /** @type {Error} */ (e).message, model }), 'error');
    }
  }
}

/**
 * Offers bytes as a file download.
 * @param {Uint8Array} bytes
 * @param {string} name
 */
function save(bytes, name) {
  saveBlob(new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)], { type: 'application/octet-stream' }), name);
}
