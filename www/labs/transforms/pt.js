// @ts-check
// The transforms lab's words in Portuguese (www/strings/pt.js has the page's own, and says how keys are named).

export default {
  // Off the manifold: transformations
  'transforms.heading': 'Fora da variedade: dígitos deslocados, girados, ampliados e clareados (figuras 5–8)',
  'transforms.intro': 'Mover um dígito pelo espaço dos pixels com uma transformação o tira da variedade dos dígitos, e o autoencoder aprendeu os dígitos centralizados e em pé do MNIST. Deslocado, ampliado, clareado ou muito girado, um dígito é reconstruído pior quanto mais longe ele vai; reduzido, escurecido, com menos contraste ou pouco girado, ele pode ter PSNR maior que o dígito intacto, porque menos tinta, ou tinta suavizada pela reamostragem, é mais fácil de reconstruir (o gráfico mostra qual, para este dígito). Treinar com essas transformações como aumento de dados cobre mais delas, com algum custo nos dígitos como eram.',
  'transforms.useDrawing': 'Usar o desenho',
  'transforms.reset': 'Voltar os controles ao início',
  'transforms.augment': 'Treinar 1 época com aumento de dados',
  'transforms.slider.shiftX': 'deslocar à direita (px)',
  'transforms.slider.shiftY': 'deslocar para baixo (px)',
  'transforms.slider.rotation': 'rotação (°)',
  'transforms.slider.zoom': 'zoom',
  'transforms.slider.brightness': 'brilho',
  'transforms.slider.contrast': 'contraste',
  'transforms.chart': 'PSNR em função da intensidade da última transformação movida',
  'transforms.map': 'o caminho do dígito transformado no mapa latente',
  'transforms.kind.shift': 'deslocamento',
  'transforms.kind.rotation': 'rotação',
  'transforms.kind.zoom': 'zoom',
  'transforms.kind.brightness': 'brilho',
  'transforms.kind.contrast': 'contraste',
  'transforms.digit': 'o dígito',
  'transforms.transformed': 'transformado',
  'transforms.reconstructed': 'reconstruído',
  'transforms.legend.digit': 'Azul: este dígito, em cada intensidade de {kind}.',
  'transforms.legend.reference': 'Cinza tracejado: o modelo que vem com a página em {digits} dígitos de teste; verde pontilhado: o mesmo depois de {epochs} épocas com aumento de dados (ambos medidos nativamente, evaluate --transform).',
  'transforms.legend.psnr': 'PSNR em relação ao dígito transformado: a reamostragem bilinear suaviza um pouco o dígito, e um dígito suavizado é mais fácil de reconstruir, então pequenas rotações e zooms podem ter PSNR maior que o dígito sem transformação.',
  'transforms.noMap': 'O mapa do laboratório latente ainda não foi feito.',
  'transforms.path': 'Os códigos do {model} (o mapa do laboratório latente, dígitos de teste coloridos pela classe): o caminho do dígito conforme a intensidade de {kind} vai de A ({a}) até B ({b}); a estrela é o dígito como os controles o definem.',
  'transforms.augmented': '{model} treinado por uma época com deslocamentos de até ±{shift} px, rotações de até ±{rotation}°, zoom 1 ± {zoom}, brilho ±{brightness}.',
  'transforms.try': 'Experimente: gire devagar o controle de rotação de 0 a 60° e veja onde a curva de PSNR cai.',
};
