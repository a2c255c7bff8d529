// The 28 × 28 digit the models see, enlarged, with the damage painted over it: a mask brush
// (hide pixels), a mask eraser, and a grey patch dragged anywhere. The clean digit is kept apart
// from the damage; hidden pixels are drawn red-tinted.

export class DamagePad {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} options
   * @param {() => void} options.onChange hears every change of the damage
   */
  constructor(canvas, { onChange }) {
    this.canvas = canvas;
    this.ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    this.onChange = onChange;
    this.hidden = new Uint8Array(784);   // painted with the mask brush
    /** @type {{x: number, y: number} | null} */
    this.patch = null;                    // {x, y} top-left of the grey patch, or null
    this.patchSize = 8;
    /** @type {'mask' | 'unmask' | 'patch'} */
    this.tool = 'mask';                   // mask | unmask | patch
    this.digit = new Float32Array(784);
    this.shownHidden = new Uint8Array(784);
    this.dragging = false;
    canvas.style.touchAction = 'none';
    canvas.addEventListener('pointerdown', (e) => { e.preventDefault(); canvas.setPointerCapture?.(e.pointerId); this.dragging = true; this.apply(e); });
    canvas.addEventListener('pointermove', (e) => { if (this.dragging) { e.preventDefault(); this.apply(e); } });
    for (const t of ['pointerup', 'pointercancel', 'pointerleave']) canvas.addEventListener(t, () => { this.dragging = false; });
  }

  /**
   * The cell of the 28 × 28 grid under the pointer, as [x, y].
   * @param {PointerEvent} e
   * @returns {[number, number]}
   */
  cell(e) {
    const r = this.canvas.getBoundingClientRect();
    return [Math.floor(((e.clientX - r.left) / r.width) * 28), Math.floor(((e.clientY - r.top) / r.height) * 28)];
  }

  /** @param {PointerEvent} e */
  apply(e) {
    const [x, y] = this.cell(e);
    if (this.tool === 'patch') {
      const s = this.patchSize;
      this.patch = { x: Math.min(Math.max(x - (s >> 1), 0), 28 - s), y: Math.min(Math.max(y - (s >> 1), 0), 28 - s) };
    } else {
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < 28 && yy < 28 && (dx === 0 || dy === 0)) this.hidden[yy * 28 + xx] = this.tool === 'mask' ? 1 : 0;
      }
    }
    this.onChange();
  }

  clearDamage() {
    this.hidden.fill(0);
    this.patch = null;
    this.onChange();
  }

  /** Pixels hidden by hand: the mask brush and the patch. */
  handHidden() {
    const h = Uint8Array.from(this.hidden);
    if (this.patch) {
      const s = this.patchSize;
      for (let y = this.patch.y; y < this.patch.y + s; y++) for (let x = this.patch.x; x < this.patch.x + s; x++) h[y * 28 + x] = 1;
    }
    return h;
  }

  /**
   * Draws the damaged input as the models receive it, with hidden pixels tinted.
   * @param {Float32Array} shown 784 values in [0, 1]
   * @param {Uint8Array} hidden 784 values, 1 where a pixel is hidden
   */
  draw(shown, hidden) {
    const { canvas, ctx } = this;
    const cell = canvas.width / 28;
    for (let i = 0; i < 784; i++) {
      const v = Math.round(shown[i] * 255);
      ctx.fillStyle = hidden[i] ? `rgb(${Math.min(255, v + 60)},${v},${v})` : `rgb(${v},${v},${v})`;
      ctx.fillRect((i % 28) * cell, Math.floor(i / 28) * cell, cell, cell);
    }
    if (this.patch) {
      ctx.strokeStyle = '#f5b700';
      ctx.lineWidth = 2;
      ctx.strokeRect(this.patch.x * cell, this.patch.y * cell, this.patchSize * cell, this.patchSize * cell);
    }
  }
}
