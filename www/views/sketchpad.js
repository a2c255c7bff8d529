// A drawing canvas: pen and eraser with round strokes, clear, undo/redo, for mouse, touch and
// pen alike (pointer events; the page does not scroll while drawing on it), and for the
// keyboard: the canvas takes focus, the arrow keys move a cursor one pixel of the 28 × 28 digit
// (four with Shift), Space puts the pen down or lifts it, and while it is down the cursor draws.
// `describe()` says what the pad holds, for a screen reader.

/** Cells of the digit along each side: the keyboard cursor moves one at a time. */
const CELLS = 28;

export class Sketchpad {
  /**
   * `canvas` is drawn at its own resolution (e.g. 280 × 280); `onChange()` after each move;
   * `onDescribe()` after a stroke, a key or a new drawing, when `describe()` has news.
   * @param {HTMLCanvasElement} canvas
   * @param {{onChange: () => void, onDescribe?: () => void, brush?: number}} options
   */
  constructor(canvas, { onChange, onDescribe = () => {}, brush = 18 }) {
    this.canvas = canvas;
    // A canvas's 2-D context is null only when it already has another kind of context.
    this.ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
    this.onChange = onChange;
    this.brush = brush;
    /** @type {'pen' | 'eraser'} */
    this.tool = 'pen';
    /** @type {ImageData[]} */
    this.undoStack = [];
    /** @type {ImageData[]} */
    this.redoStack = [];
    /** @type {number[] | null} the pointer's last point (canvas pixels) while it draws */
    this.last = null;
    canvas.style.touchAction = 'none';
    this.clear(false);
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    for (const type of ['pointerup', 'pointercancel', 'pointerleave']) canvas.addEventListener(type, () => this.up());
    this.onDescribe = onDescribe;
    // The keyboard's cursor (canvas pixels), shown as a ring over the canvas while it has focus.
    this.cursor = [canvas.width / 2, canvas.height / 2];
    this.penDown = false;
    canvas.tabIndex = 0;
    this.ring = document.createElement('div');
    this.ring.className = 'pad-cursor';
    this.ring.hidden = true;
    canvas.parentElement?.classList.add('has-cursor');
    canvas.after(this.ring);
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('focus', () => { this.ring.hidden = false; this.placeRing(); });
    canvas.addEventListener('blur', () => { this.ring.hidden = true; this.penDown = false; this.placeRing(); });
  }

  /**
   * Arrow keys move the cursor (Shift: four cells), Space puts the pen down or lifts it.
   * @param {KeyboardEvent} e
   */
  key(e) {
    const step = (this.canvas.width / CELLS) * (e.shiftKey ? 4 : 1);
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (e.key === ' ') {
      e.preventDefault();
      this.penDown = !this.penDown;
      if (this.penDown) {
        this.remember();
        this.stroke(this.cursor, this.cursor);
      }
    } else if (e.key in moves) {
      e.preventDefault();
      const [dx, dy] = moves[/** @type {keyof typeof moves} */ (e.key)];
      const clamp = (/** @type {number} */ v, /** @type {number} */ max) => Math.min(max - step / 2, Math.max(step / 2, v));
      const next = [clamp(this.cursor[0] + dx, this.canvas.width), clamp(this.cursor[1] + dy, this.canvas.height)];
      if (this.penDown) this.stroke(this.cursor, next);
      this.cursor = next;
    } else {
      return;
    }
    this.placeRing();
    this.onDescribe();
  }

  /** Puts the ring over the cursor, filled while the pen is down. */
  placeRing() {
    const c = this.canvas;
    const scale = c.clientWidth / c.width;
    this.ring.style.left = `${c.offsetLeft + this.cursor[0] * scale}px`;
    this.ring.style.top = `${c.offsetTop + this.cursor[1] * scale}px`;
    this.ring.style.width = this.ring.style.height = `${this.brush * scale}px`;
    this.ring.classList.toggle('down', this.penDown);
  }

  /**
   * What the pad holds, for words: the share of the pad inked (0..1), the inked box in cells of
   * the 28 × 28 digit (rows and columns from 1; null when blank), the keyboard cursor's cell
   * and whether its pen is down.
   */
  describe() {
    const { pixels } = this.pixels(this.canvas.width / CELLS);
    let ink = 0, top = CELLS, bottom = -1, left = CELLS, right = -1;
    for (let i = 0; i < pixels.length; i++) {
      ink += pixels[i];
      if (pixels[i] > 0.25) {
        const r = Math.floor(i / CELLS), col = i % CELLS;
        top = Math.min(top, r); bottom = Math.max(bottom, r); left = Math.min(left, col); right = Math.max(right, col);
      }
    }
    const cell = (/** @type {number} */ v) => Math.floor(v / (this.canvas.width / CELLS)) + 1;
    return {
      ink: ink / pixels.length,
      box: bottom < 0 ? null : { top: top + 1, bottom: bottom + 1, left: left + 1, right: right + 1 },
      cursor: { row: cell(this.cursor[1]), column: cell(this.cursor[0]) },
      penDown: this.penDown,
    };
  }

  /** Keeps the drawing as it is for undo (the last 50 drawings: each is the canvas's pixels). */
  remember() {
    this.undoStack.push(this.snapshot());
    if (this.undoStack.length > 50) this.undoStack.shift();
    this.redoStack = [];
  }

  /** @param {PointerEvent} e @returns {number[]} */
  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * this.canvas.width, ((e.clientY - r.top) / r.height) * this.canvas.height];
  }

  snapshot() {
    return this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  /** @param {PointerEvent} e */
  down(e) {
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.remember();
    this.last = this.point(e);
    this.stroke(this.last, this.last);
  }

  /** @param {PointerEvent} e */
  move(e) {
    if (!this.last) return;
    e.preventDefault();
    const p = this.point(e);
    this.stroke(this.last, p);
    this.last = p;
  }

  up() {
    if (this.last) this.onDescribe();
    this.last = null;
  }

  /** @param {number[]} a @param {number[]} b */
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
    if (record) this.remember();
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (record) {
      this.onChange();
      this.onDescribe();
    }
  }

  undo() {
    if (!this.undoStack.length) return;
    this.redoStack.push(this.snapshot());
    this.ctx.putImageData(/** @type {ImageData} */ (this.undoStack.pop()), 0, 0); // not empty: checked above
    this.onChange();
    this.onDescribe();
  }

  redo() {
    if (!this.redoStack.length) return;
    this.undoStack.push(this.snapshot());
    this.ctx.putImageData(/** @type {ImageData} */ (this.redoStack.pop()), 0, 0); // not empty: checked above
    this.onChange();
    this.onDescribe();
  }

  /**
   * Puts a 28 × 28 digit (784 values in [0, 1]) on the canvas, enlarged.
   * @param {ArrayLike<number>} pixels
   */
  load(pixels) {
    this.remember();
    const tile = document.createElement('canvas');
    tile.width = tile.height = 28;
    // A fresh canvas always has a 2-D context.
    const img = /** @type {CanvasRenderingContext2D} */ (tile.getContext('2d')).createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(pixels[i] * 255);
      img.data.set([v, v, v, 255], i * 4);
    }
    /** @type {CanvasRenderingContext2D} */ (tile.getContext('2d')).putImageData(img, 0, 0);
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.drawImage(tile, 0, 0, this.canvas.width, this.canvas.height);
    this.onChange();
    this.onDescribe();
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
