// @ts-check
// The transforms lab's words in English (www/strings/en.js has the page's own, and says how keys are named).

export default {
  // Off the manifold: transformations
  'transforms.heading': 'Off the manifold: shifted, turned, zoomed and brightened digits (figures 5–8)',
  'transforms.intro': "Moving a digit through pixel space by a transformation leaves the digits' manifold, and the autoencoder learnt MNIST's centred, upright digits. Shifted, enlarged, brightened or turned far, a digit is reconstructed worse the farther it goes; shrunk, darkened, lower in contrast or turned a little, it can score higher than untouched, because less ink, or ink smoothed by the resampling, is easier to reconstruct (the chart shows which, for this digit). Training with those transformations as augmentation covers more of them, at some cost on the digits as they were.",
  'transforms.useDrawing': 'Use the drawing',
  'transforms.reset': 'Reset the sliders',
  'transforms.augment': 'Train 1 epoch with augmentation',
  'transforms.slider.shiftX': 'shift right (px)',
  'transforms.slider.shiftY': 'shift down (px)',
  'transforms.slider.rotation': 'rotation (°)',
  'transforms.slider.zoom': 'zoom',
  'transforms.slider.brightness': 'brightness',
  'transforms.slider.contrast': 'contrast',
  'transforms.chart': 'PSNR against the amount of the transformation last moved',
  'transforms.map': "the transformed digit's path on the latent map",
  'transforms.kind.shift': 'shift',
  'transforms.kind.rotation': 'rotation',
  'transforms.kind.zoom': 'zoom',
  'transforms.kind.brightness': 'brightness',
  'transforms.kind.contrast': 'contrast',
  'transforms.digit': 'the digit',
  'transforms.transformed': 'transformed',
  'transforms.reconstructed': 'reconstructed',
  'transforms.legend.digit': 'Blue: this digit, every amount of {kind}.',
  'transforms.legend.reference': 'Grey dashed: the shipped model over {digits} test digits; green dotted: the same after {epochs} epochs with augmentation (both measured natively, evaluate --transform).',
  'transforms.legend.psnr': 'PSNR against the transformed digit: bilinear resampling smooths a digit a little, and a smoothed digit is easier to reconstruct, so small turns and zooms can score above none.',
  'transforms.noMap': "The latent lab's map is not made yet.",
  'transforms.path': "The codes of {model} (the latent lab's map, test digits coloured by class): the path of the digit as the {kind} goes from A ({a}) to B ({b}); the star is the digit as the sliders set it.",
  'transforms.augmented': '{model} trained one epoch with shifts up to ±{shift} px, turns up to ±{rotation}°, zoom 1 ± {zoom}, brightness ±{brightness}.',
  'transforms.try': 'Try this: turn the rotation slider slowly from 0 to 60° and watch where the PSNR curve falls.',
};
