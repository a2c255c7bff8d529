// @ts-check
// A coarse drawing grid (7 × 7 or 14 × 14): the pointer paints cells white (or black with the
// eraser), for drawing a digit at low resolution; it also shows a low-resolution image.

export class CoarsePad {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {(values: Float32Array) => void} changed hears the cells after each stroke
   */
  constructor(canvas, changed) {
    this.canvas = canvas;
    this.changed = changed;
    this.side = 7;
    this.values = new Float32Array(49);
    this.erase = false;
    let down = false;
    const paint = (/** @type {PointerEvent} */ e) => {
      const box = canvas.getBoundingClientRect();
      const x = Math.floor(((e.clientX - box.left) / box.width) * this.side);
      const y = Math.floor(((e.clientY - box.top) / box.height) * this.side);
      if (x < 0 || y < 0 || x >= this.side || y >= this.side) return;
      this.values[y * this.side + x] = this.erase ? 0 : 1;
      this.draw();
    };
    canvas.addEventListener('pointerdown', (e) => { down = true; canvas.setPointerCapture(e.pointerId); paint(e); });
    canvas.addEventListener('pointermove', (e) => { if (down) paint(e); });
    canvas.addEventListener('pointerup', () => { if (!down) return; down = false; this.changed(this.values); });
  }

  /**
   * Shows `values` (side² in [0, 1]).
   * @param {ArrayLike<number>} values @param {number} side
   */
  set(values, side) {
    this.side = side;
    this.values = Float32Array.from(values);
    this.draw();
  }

  clear() {
    this.values = new Float32Array(this.side * this.side);
    this.draw();
  }

  draw() {
    const { canvas, side } = this;
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const cell = canvas.width / side;
    for (let i = 0; i < side * side; i++) {
      const v = Math.round(Math.min(1, Math.max(0, this.values[i])) * 255);
      ctx.fillStyle = `rgb(${v},${v},${v})`;
      ctx.fillRect((i % side) * cell, Math.floor(i / side) * cell, Math.ceil(cell), Math.ceil(cell));
    }
    ctx.strokeStyle = 'rgba(120,120,120,0.5)';
    for (let k = 1; k < side; k++) {
      ctx.beginPath(); ctx.moveTo(k * cell, 0); ctx.lineTo(k * cell, canvas.height); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(0, k * cell); ctx.lineTo(canvas.width, k * cell); ctx.stroke();
    }
  }
}
