// @ts-check
// The figure 13 section's words in English (www/strings/en.js has the page's own, and says how keys are named).

export default {
  'ae.heading': 'What an autoencoder is (figure 13)',
  'ae.intro': 'The encoder squashes the input x into a code h = f(Wₕx + bₕ); the decoder turns the code back into an image x̂ = g(Wₓh + bₓ). The output is the model\'s prediction of its own input, and the loss ℓ(x, x̂) says how far it is. f and g are the lecture\'s squashing functions: tanh here (a sigmoid where pixels are in [0, 1]).',
  'ae.input': 'input',
  'ae.output': 'output',
  'ae.code': 'code h: drag a bar, or focus it and use ← → ↑ ↓',
  'ae.inputLabel': 'the input x',
  'ae.outputLabel': 'the output x̂, decoded from the code',
  'ae.weightsLabel': 'the shape of a weight matrix',
  'ae.model': 'model',
  'ae.next': 'Next test digit',
  'ae.drawing': 'Use the drawing',
  'ae.reset': 'Back to the encoder\'s code',
  'ae.try': 'Try this: drag one bar of h up and down and watch which strokes of x̂ it moves; then press Next test digit and compare the codes of two different digits.',
  'ae.whShape': '{d} × 784',
  'ae.wxShape': '784 × {d}',
  'ae.codeCaption': '{d} numbers',
  'ae.loss': '{model}: 784 pixels in, {d} numbers in the code, 784 out. ℓ(x, x̂) = MSE {mse}, {psnr}.',
  'ae.lossMoved': '{model}, with the code moved by hand: ℓ(x, x̂) = MSE {mse}, {psnr} (Back to the encoder\'s code undoes it).',
  'ae.bar': 'number {unit} of {units} of the code: {value}',
  'ae.failed': 'The autoencoder could not run: {error}',
};
