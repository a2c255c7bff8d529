// A drawing canvas: pen and eraser with round strokes, clear, undo/redo, for mouse, touch and
// pen alike (pointer events; the page does not scroll while drawing on it).

export class Sketchpad {
  /** `canvas` is drawn at its own resolution (e.g. 280 × 280); `onChange()` after each move. */
  constructor(canvas, { onChange, brush = 18 }) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
    this.onChange = onChange;
    this.brush = brush;
    this.tool = 'pen';
    this.undoStack = [];
    this.redoStack = [];
    this.last = null;
    canvas.style.touchAction = 'none';
    this.clear(false);
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    for (const type of ['pointerup', 'pointercancel', 'pointerleave']) canvas.addEventListener(type, () => this.up());
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * this.canvas.width, ((e.clientY - r.top) / r.height) * this.canvas.height];
  }

  snapshot() {
    return this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  down(e) {
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.undoStack.push(this.snapshot());
    if (this.undoStack.length > 50) this.undoStack.shift();
    this.redoStack = [];
    this.last = this.point(e);
    this.stroke(this.last, this.last);
  }

  move(e) {
    if (!this.last) return;
    e.preventDefault();
    const p = this.point(e);
    this.stroke(this.last, p);
    this.last = p;
  }

  up() {
    this.last = null;
  }

  stroke(a, b) {
    const { ctx } = this;
    ctx.strokeStyle = this.tool === 'eraser' ? '#000' : '#fff';
    ctx.lineWidth = this.tool === 'eraser' ? this.brush * 1.6 : this.brush;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0] + 0.01, b[1]);
    ctx.stroke();
    this.onChange();
  }

  clear(record = true) {
    if (record) this.undoStack.push(this.snapshot());
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (record) this.onChange();
  }

  undo() {
    if (!this.undoStack.length) return;
    this.redoStack.push(this.snapshot());
    this.ctx.putImageData(this.undoStack.pop(), 0, 0);
    this.onChange();
  }

  redo() {
    if (!this.redoStack.length) return;
    this.undoStack.push(this.snapshot());
    this.ctx.putImageData(this.redoStack.pop(), 0, 0);
    this.onChange();
  }

  /** Puts a 28 × 28 digit (784 values in [0, 1]) on the canvas, enlarged. */
  load(pixels) {
    this.undoStack.push(this.snapshot());
    const tile = document.createElement('canvas');
    tile.width = tile.height = 28;
    const img = tile.getContext('2d').createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(pixels[i] * 255);
      img.data.set([v, v, v, 255], i * 4);
    }
    tile.getContext('2d').putImageData(img, 0, 0);
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(tile, 0, 0, this.canvas.width, this.canvas.height);
    this.onChange();
  }

  /** The drawing as grey values in [0, 1], downsampled by `factor` (area average). */
  pixels(factor = 2) {
    const { width, height } = this.canvas;
    const data = this.ctx.getImageData(0, 0, width, height).data;
    const w = Math.floor(width / factor), h = Math.floor(height / factor);
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) s += data[((y * factor + dy) * width + x * factor + dx) * 4];
        out[y * w + x] = s / (255 * factor * factor);
      }
    }
    return { pixels: out, width: w, height: h };
  }
}
