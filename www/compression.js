// Compression: the code against the image, and the digit rebuilt from a code stored with a
// given number of bits per number.
import { drawDigit } from './views/digits.js';
import { scores, psnrText } from './evaluation.js';

export class CompressionView {
  constructor(lab, root, { state, model, drawing }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.model = model;
    this.drawing = drawing;
    this.ticket = 0;
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    $('#compression-outputs').innerHTML = ['the digit (784 bytes)', 'from the exact code', 'from the rounded code']
      .map((t, i) => `<figure data-panel="${i}"><canvas width="112" height="112"></canvas><figcaption>${t}<br><span class="score">–</span></figcaption></figure>`).join('');
    const bits = $('#bits');
    bits.value = state.bits;
    bits.oninput = () => { state.set('bits', bits.value); this.update(); };
  }

  async update() {
    const digit = this.drawing();
    if (!digit) return;
    const $ = this.$;
    const model = this.model();
    const bits = this.state.bits;
    const ticket = ++this.ticket;
    const code = await this.lab.call('encode', { model, pixels: digit });
    const rounded = await this.lab.call('quantise', { codes: code, bits });
    const [exact, approx] = await Promise.all([
      this.lab.call('decode', { model, codes: code }),
      this.lab.call('decode', { model, codes: rounded }),
    ]);
    if (ticket !== this.ticket) return;
    const d = code.length;
    const bytes = (d * bits) / 8;
    $('#bits-value').textContent = `${bits} (${bytes % 1 ? bytes.toFixed(1) : bytes} bytes a code)`;
    const ratio = 784 / bytes;
    $('#compression-text').textContent = d < 784
      ? `An MNIST image is 784 pixels of 8 bits: 784 bytes. This autoencoder's code is ${d} numbers: ${4 * d} bytes as 32-bit floats (${(784 / (4 * d)).toFixed(1)}× smaller), ${bytes % 1 ? bytes.toFixed(1) : bytes} bytes at ${bits} bits each (${ratio.toFixed(1)}× smaller). Sender and receiver share the decoder once; then each digit travels as its code.`
      : `An MNIST image is 784 pixels of 8 bits: 784 bytes. This autoencoder's code is ${d} numbers, more than the image has pixels: an over-complete code (${bytes % 1 ? bytes.toFixed(1) : bytes} bytes at ${bits} bits each) is no compression; it is useful for denoising, not for storing.`;
    const figures = $('#compression-outputs').querySelectorAll('figure');
    [[digit, ''], [exact, null], [approx, null]].forEach(([pixels], i) => {
      drawDigit(figures[i].querySelector('canvas'), pixels);
      if (i) figures[i].querySelector('.score').textContent = psnrText(scores(pixels, digit).psnr);
    });
    figures[0].querySelector('.score').textContent = `${d} numbers in the code`;
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1);
  }
}
