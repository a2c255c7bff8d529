// All of the page's settings in one typed object that lives in the URL (?backend=cpu&...),
// so a teacher can share a link to exactly what the class should see.

const DEFAULTS = {
  backend: 'auto',        // auto | webgpu | cpu | flex
  model: 'both',          // which autoencoder the Train button trains: standard | denoising | both
  epochs: 3,              // epochs over the page's training digits per Train press
  dropout: 0.5,           // the notebook's nn.Dropout() probability, for the corrupted row
  gpu: '',                // 'fail' makes WebGPU unavailable, to see the CPU fallback
  latent: 'standard',     // the latent lab's model: standard | denoising
  frames: 8,              // frames of the interpolation strips
  iterations: 100,        // iterations of the energy minimisation
  bits: 8,                // bits per code number in the compression view
};

const CHOICES = {
  backend: ['auto', 'webgpu', 'cpu', 'flex'],
  model: ['standard', 'denoising', 'both'],
  gpu: ['', 'fail'],
  latent: ['standard', 'denoising'],
};

function parse(key, raw) {
  const def = DEFAULTS[key];
  if (typeof def === 'number') {
    const v = Number(raw);
    return Number.isFinite(v) ? v : def;
  }
  return CHOICES[key] && !CHOICES[key].includes(raw) ? def : raw;
}

export class State {
  constructor(search = location.search) {
    Object.assign(this, DEFAULTS);
    const params = new URLSearchParams(search);
    for (const key of Object.keys(DEFAULTS)) {
      if (params.has(key)) this[key] = parse(key, params.get(key));
    }
    this.epochs = Math.min(Math.max(Math.round(this.epochs), 1), 100);
    this.dropout = Math.min(Math.max(this.dropout, 0), 0.95);
    this.frames = Math.min(Math.max(Math.round(this.frames), 3), 16);
    this.iterations = Math.min(Math.max(Math.round(this.iterations), 1), 500);
    this.bits = Math.min(Math.max(Math.round(this.bits), 1), 16);
  }

  /** Sets a value and writes every non-default value into the URL. */
  set(key, value) {
    this[key] = parse(key, String(value));
    const params = new URLSearchParams();
    for (const k of Object.keys(DEFAULTS)) if (this[k] !== DEFAULTS[k]) params.set(k, this[k]);
    const query = params.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }
}
