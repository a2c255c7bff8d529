// @ts-check
// The superres lab's words in English (www/strings/en.js has the page's own, and says how keys are named).

export default {
  // Super-resolution
  'superres.heading': 'Super-resolution and its bias (figure 9)',
  'superres.intro': 'A digit is shrunk to 7 × 7 (or 14 × 14) by averaging blocks of pixels, then made 28 × 28 again. Nearest, bilinear and bicubic upsampling do the same to every image; a network trained here to undo the shrinking on MNIST fills in what its training digits taught it. That is its strength, and its bias: what it adds comes from its training data, not from the picture. Train it on 0 to 4 only and feed it a 7.',
  'superres.side': 'low resolution',
  'superres.only04': 'only 0 to 4 (bias)',
  'superres.new': 'New network',
  'superres.pad': 'the low-resolution input: draw on it',
  'superres.seven': 'Feed a 7',
  'superres.clear': 'Clear and draw',
  'superres.network': 'the network',
  'superres.nearest': 'nearest',
  'superres.bilinear': 'bilinear',
  'superres.bicubic': 'bicubic',
  'superres.fresh': 'a fresh network 784/{factor}² = {inputs} → {hidden} → 784, trained on {digits} digits ({classes}): press Train',
  'superres.only04Short': 'only 0 to 4',
  'superres.allClasses': 'all ten classes',
  'superres.progress': '{steps} steps ({epochs} epochs), loss {loss} (MSE [-1,1])',
  'superres.scores': '{what} ({digits} test digits): network {network} dB, bicubic {bicubic} dB, bilinear {bilinear} dB, nearest {nearest} dB.',
  'superres.on04': 'On 0–4, the digits it trained on',
  'superres.on59': 'On 5–9, digits it never saw',
  'superres.on': 'On all ten classes',
  'superres.testDigit': 'test digit {label}',
  'superres.drawn': 'drawn at low resolution',
  'superres.noTruth': 'no truth to compare',
  'superres.try': "Try this: draw a 7 on the small pad and compare the network's 28 × 28 with bicubic's.",
};
