// @ts-check
// The figure 13 section's words in Portuguese (www/strings/pt.js has the page's own, and says how keys are named).

export default {
  'ae.heading': 'O que é um autoencoder (figura 13)',
  'ae.intro': 'O codificador comprime a entrada x num código h = f(Wₕx + bₕ); o decodificador transforma o código de volta numa imagem x̂ = g(Wₓh + bₓ). A saída é a predição que o modelo faz da sua própria entrada, e a perda ℓ(x, x̂) diz a que distância ela está. f e g são as funções de compressão da aula: tanh aqui (uma sigmoide onde os pixels estão em [0, 1]).',
  'ae.input': 'entrada',
  'ae.output': 'saída',
  'ae.code': 'código h: arraste uma barra, ou foque-a e use ← → ↑ ↓',
  'ae.inputLabel': 'a entrada x',
  'ae.outputLabel': 'a saída x̂, decodificada do código',
  'ae.weightsLabel': 'a forma de uma matriz de pesos',
  'ae.model': 'modelo',
  'ae.next': 'Próximo dígito de teste',
  'ae.drawing': 'Usar o desenho',
  'ae.reset': 'Voltar ao código do codificador',
  'ae.try': 'Experimente: arraste uma barra de h para cima e para baixo e veja que traços de x̂ ela move; depois clique em Próximo dígito de teste e compare os códigos de dois dígitos diferentes.',
  'ae.whShape': '{d} × 784',
  'ae.wxShape': '784 × {d}',
  'ae.codeCaption': '{d} números',
  'ae.loss': '{model}: 784 pixels na entrada, {d} números no código, 784 na saída. ℓ(x, x̂) = MSE {mse}, {psnr}.',
  'ae.lossMoved': '{model}, com o código movido à mão: ℓ(x, x̂) = MSE {mse}, {psnr} (Voltar ao código do codificador o devolve).',
  'ae.bar': 'número {unit} de {units} do código: {value}',
  'ae.failed': 'O autoencoder não pôde correr: {error}',
};
