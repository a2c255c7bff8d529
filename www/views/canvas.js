// A canvas drawn at the screen's pixel density: its backing store is sized to its CSS box
// times the device pixel ratio, and drawing happens in CSS pixels.

/**
 * Resizes `canvas` for sharp drawing and returns `{ctx, w, h}`: a cleared 2-D context that
 * draws in CSS pixels, and the size in CSS pixels (`width`/`height` when the canvas is not
 * laid out yet).
 * @param {HTMLCanvasElement} canvas @param {number} width @param {number} height
 */
export function sharpCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || width;
  const h = canvas.clientHeight || height;
  canvas.width = w * ratio;
  canvas.height = h * ratio;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}
