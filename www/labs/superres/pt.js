// @ts-check
// The superres lab's words in Portuguese (www/strings/pt.js has the page's own, and says how keys are named).

export default {
  // Super-resolution
  'superres.heading': 'Super-resolução e seu viés (figura 9)',
  'superres.intro': 'Um dígito é reduzido para 7 × 7 (ou 14 × 14) pela média de blocos de pixels e depois volta a 28 × 28. As ampliações por vizinho mais próximo, bilinear e bicúbica fazem o mesmo com qualquer imagem; uma rede treinada aqui para desfazer a redução no MNIST preenche o que os seus dígitos de treinamento lhe ensinaram. Essa é a sua força, e o seu viés: o que ela acrescenta vem dos dados de treinamento, não da imagem. Treine-a só com 0 a 4 e dê a ela um 7.',
  'superres.side': 'baixa resolução',
  'superres.only04': 'só de 0 a 4 (viés)',
  'superres.new': 'Nova rede',
  'superres.pad': 'a entrada em baixa resolução: desenhe nela',
  'superres.seven': 'Dar um 7',
  'superres.clear': 'Limpar e desenhar',
  'superres.network': 'a rede',
  'superres.nearest': 'vizinho mais próximo',
  'superres.bilinear': 'bilinear',
  'superres.bicubic': 'bicúbica',
  'superres.fresh': 'uma rede nova 784/{factor}² = {inputs} → {hidden} → 784, treinada com {digits} dígitos ({classes}): aperte Treinar',
  'superres.only04Short': 'só de 0 a 4',
  'superres.allClasses': 'as dez classes',
  'superres.progress': '{steps} passos ({epochs} épocas), custo {loss} (MSE [-1,1])',
  'superres.scores': '{what} ({digits} dígitos de teste): rede {network} dB, bicúbica {bicubic} dB, bilinear {bilinear} dB, vizinho mais próximo {nearest} dB.',
  'superres.on04': 'Em 0–4, os dígitos com que ela treinou',
  'superres.on59': 'Em 5–9, dígitos que ela nunca viu',
  'superres.on': 'Nas dez classes',
  'superres.testDigit': 'dígito de teste {label}',
  'superres.drawn': 'desenhado em baixa resolução',
  'superres.noTruth': 'nada com que comparar',
  'superres.try': 'Experimente: desenhe um 7 no bloco pequeno e compare o 28 × 28 da rede com o da bicúbica.',
};
