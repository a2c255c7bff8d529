//! A model of the page as a runnable notebook, in the manner of the course's
//! `10-autoencoder.ipynb` (lecture figures 13 and 20–27): the model's class written for its
//! recipe, its weights embedded, the course's data loading, a cell that reproduces the page's
//! test figures for it, the notebook's training loop to go on training, and a cell that writes
//! a file the page takes back (its recipe in the metadata, see `notebook.rs`).
//!
//! The class follows the recipe (`spec.rs`): `h = f(W_h x + b_h)` with f tanh or linear,
//! `x̂ = g(W_x h + b_x)` with g tanh, linear or a sigmoid (BCE); tied weights (`W_x = W_hᵀ`)
//! keep only the decoder's bias; a model that sees its pixels in [0, 1] maps the notebook's
//! [-1, 1] to them first; the corruption is the notebook's `nn.Dropout(p)` mask or Gaussian
//! noise; the contractive penalty is `λ‖∂h/∂x‖²_F` in closed form (`contractive.rs`).
//!
//! The page scores a denoising model on its corruption with masks drawn from its own random
//! stream (`rng.rs`, seed [`EVALUATION_SEED`]); the notebook draws the same masks with the same
//! stream (SplitMix64 in numpy), so its figures are the page's to rounding.
//!
//! A notebook holds its weights as base64 (4/3 of the safetensors file): every model the page
//! can hold fits under [`MAX_NOTEBOOK_BYTES`] (the largest, d = 2048, makes about 17 MB); a
//! student's own images are embedded too, up to [`MAX_EMBEDDED_DIGITS`].

use crate::data::Digits;
use crate::evaluation::EVALUATION_SEED;
use crate::spec::{Activation, Corruption, Loss, Output, Recipe, Scale, output_of};
use serde::Deserialize;
use serde_json::{Value, json};

/// The largest notebook written; a larger one is refused with a sentence (no model of the page
/// reaches it).
pub const MAX_NOTEBOOK_BYTES: usize = 24 << 20;

/// The most images of a student's own data set embedded in a notebook (train and test together).
pub const MAX_EMBEDDED_DIGITS: usize = 12_000;

/// The notebook's words: English or Portuguese, as the page is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Pt,
}

/// The data set the model trained on, as the page names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Source {
    #[default]
    Mnist,
    Fashion,
    Own,
}

impl Language {
    pub fn parse(code: &str) -> Result<Self, String> {
        match code {
            "en" => Ok(Self::En),
            "pt" => Ok(Self::Pt),
            other => Err(format!("unknown language '{other}' (expected 'en' or 'pt')")),
        }
    }

    fn pick<'a>(self, en: &'a str, pt: &'a str) -> &'a str {
        match self {
            Self::En => en,
            Self::Pt => pt,
        }
    }
}

/// Where the notebook's digits come from.
#[derive(Clone, Debug)]
pub enum DataSet {
    /// torchvision's MNIST, as the course's notebook loads it.
    Mnist,
    /// torchvision's Fashion-MNIST.
    FashionMnist,
    /// The student's own images, embedded (training and test sets).
    Own { train: Digits, test: Digits },
}

/// The page's test figures of the model, written beside the notebook's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageFigures {
    /// Mean squared error on [-1, 1] from the input the model was trained on.
    pub mse: f64,
    /// 10 · log10(1 / (mse / 4)), in dB.
    pub psnr: f64,
    /// How many test digits (the first ones of the test set).
    pub digits: usize,
}

/// What a notebook is written from.
pub struct Export<'a> {
    pub recipe: &'a Recipe,
    /// The model as a notebook file (`notebook::model_to_notebook`: safetensors, the recipe in
    /// its metadata).
    pub weights: &'a [u8],
    pub figures: PageFigures,
    pub data: &'a DataSet,
    pub language: Language,
}

/// The notebook (nbformat 4, as JSON text), or a sentence saying why not.
pub fn write(export: &Export) -> Result<String, String> {
    let mut cells = cells(export)?;
    for (i, cell) in cells.iter_mut().enumerate() {
        cell["id"] = json!(format!("cell-{i}"));
    }
    let notebook = json!({
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "autoencoder_playground": {"model": export.recipe.name, "weights_fnv1a64": format!("{:016x}", fnv1a64(base64(export.weights).as_bytes()))},
        },
        "cells": cells,
    });
    let text = serde_json::to_string_pretty(&notebook).map_err(|e| format!("writing the notebook failed: {e}"))?;
    if text.len() > MAX_NOTEBOOK_BYTES {
        return Err(format!("this notebook would be {} MB, over the {} MB a notebook of the page may be", text.len() >> 20, MAX_NOTEBOOK_BYTES >> 20));
    }
    Ok(text)
}

/// The 64-bit FNV-1a hash of `bytes` (how the fixtures name the weights a notebook embeds).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The built models whose notebooks are proved against PyTorch (`pkg-scripts/make-ipynb-fixtures`,
/// `tests/ipynb.rs`), beside the two shipped ones: a tied linear model (the lecture's PCA
/// remark), BCE on [0, 1] with a sigmoid and Gaussian noise, and a contractive one.
pub fn fixture_recipes() -> Vec<Recipe> {
    let notebook = |name: &str| Recipe::notebook(name, 30);
    vec![
        Recipe { activation: Activation::Linear, tied: true, ..notebook("tied-linear") },
        Recipe { scale: Scale::Unit, loss: Loss::Bce, corruption: Corruption::Gaussian { sigma: 0.2 }, ..notebook("bce-gaussian") },
        Recipe { contractive: 0.05, ..notebook("contractive") },
    ]
}

/// A cell of markdown.
fn markdown(text: &str) -> Value {
    json!({"cell_type": "markdown", "metadata": {}, "source": lines(text)})
}

/// A cell of code, not yet run.
fn code(text: &str) -> Value {
    json!({"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": lines(text)})
}

/// A cell's text as nbformat keeps it: lines with their line ends.
fn lines(text: &str) -> Vec<String> {
    text.trim_end().split_inclusive('\n').map(str::to_string).collect()
}

/// A number in Python, written so that it reads back as the same f32.
fn float(x: f32) -> String {
    let text = format!("{x}");
    if text.contains('.') || text.contains('e') { text } else { format!("{text}.0") }
}

fn cells(e: &Export) -> Result<Vec<Value>, String> {
    let r = e.recipe;
    let l = e.language;
    let w = |en: &str, pt: &str| l.pick(en, pt).to_string();
    let unit = r.scale == Scale::Unit;
    let output = output_of(r.loss, r.activation);
    let f = match r.activation {
        Activation::Tanh => ", nn.Tanh()",
        Activation::Linear => "",
    };
    let g = match output {
        Output::Tanh => "torch.tanh",
        Output::Linear => "",
        Output::Sigmoid => "torch.sigmoid",
    };
    let g_layer = match output {
        Output::Tanh => ", nn.Tanh()",
        Output::Linear => "",
        Output::Sigmoid => ", nn.Sigmoid()",
    };
    let recipe_json = serde_json::to_string(&Recipe { tied: false, ..r.clone() }).map_err(|e| format!("writing the recipe failed: {e}"))?;
    let mut cells = Vec::new();

    // 1. What this notebook is.
    let corruption = match r.corruption {
        Corruption::None => w("its clean input", "sua entrada limpa"),
        Corruption::Dropout { p } => format!("{} p = {}", w("its input with pixels dropped by the notebook's `nn.Dropout()` mask,", "sua entrada com pixels apagados pela máscara `nn.Dropout()` do notebook,"), float(p)),
        Corruption::Gaussian { sigma } => format!("{} σ = {}", w("its input with Gaussian noise,", "sua entrada com ruído gaussiano,"), float(sigma)),
    };
    let parts = format!(
        "784 → {d} → 784, f = {f}, g = {g}{tied}, {scale}, {loss}{contractive}",
        d = r.latent,
        f = if r.activation == Activation::Tanh { "tanh" } else { "linear" },
        g = match output { Output::Tanh => "tanh", Output::Linear => "linear", Output::Sigmoid => "sigmoid" },
        tied = if r.tied { l.pick(", W_x = W_hᵀ (tied)", ", W_x = W_hᵀ (pesos atados)") } else { "" },
        scale = if unit { l.pick("pixels in [0, 1]", "pixels em [0, 1]") } else { l.pick("pixels in [-1, 1]", "pixels em [-1, 1]") },
        loss = if r.loss == Loss::Bce { "BCE" } else { "MSE" },
        contractive = if r.contractive > 0.0 { format!(", λ = {}", float(r.contractive)) } else { String::new() },
    );
    cells.push(markdown(&format!(
        "# {title} `{name}`\n\n{parts}; {trained} {corruption}.\n\n{what}",
        title = w("Autoencoder Playground: the model", "Autoencoder Playground: o modelo"),
        name = r.name,
        trained = w("trained to restore", "treinado para restaurar"),
        what = w(
            "Written by the page in the manner of the course's `10-autoencoder.ipynb` (NYU Deep Learning, week 7). Run every cell: the weights are in this notebook, the test figures are computed again beside the page's, the notebook's loop trains further, and the last cell writes a file the page takes back (Train → Add a model from a file).",
            "Escrito pela página no estilo do `10-autoencoder.ipynb` do curso (NYU Deep Learning, semana 7). Rode todas as células: os pesos estão neste notebook, os números de teste são calculados de novo ao lado dos da página, o laço do notebook continua o treino, e a última célula grava um arquivo que a página aceita de volta (Treinar → Adicionar um modelo de um arquivo).",
        ),
    )));

    // 2. The libraries.
    cells.push(code(&format!(
        "{comment}\nimport base64, json\nimport numpy as np\nimport torch\nfrom torch import nn\nfrom torch.nn import functional as F\nfrom torchvision import datasets, transforms\nfrom safetensors.torch import load, save_file\n\ntorch.manual_seed(1)\ndevice = torch.device('cuda' if torch.cuda.is_available() else 'cpu')",
        comment = w("# The course notebook's libraries, and safetensors for the page's weights (pip install safetensors)", "# As bibliotecas do notebook do curso, e safetensors para os pesos da página (pip install safetensors)"),
    )));

    // 3. The data.
    cells.push(markdown(&w("## The data", "## Os dados")));
    let data = match e.data {
        DataSet::Mnist | DataSet::FashionMnist => {
            let set = if matches!(e.data, DataSet::Mnist) { "MNIST" } else { "FashionMNIST" };
            format!(
                "{comment}\ntransform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])\ntrain_set = datasets.{set}('data', train=True, download=True, transform=transform)\ntest_set = datasets.{set}('data', train=False, download=True, transform=transform)\ndataloader = torch.utils.data.DataLoader(train_set, batch_size=256, shuffle=True)\ntest_images = ((test_set.data.float() / 255 - 0.5) / 0.5).view(-1, 28 * 28)  # [10000, 784] {range}",
                comment = w("# As in the course's notebook: pixels normalised to [-1, 1]", "# Como no notebook do curso: pixels normalizados para [-1, 1]"),
                range = w("in [-1, 1]", "em [-1, 1]"),
            )
        }
        DataSet::Own { train, test } => {
            if train.len() + test.len() > MAX_EMBEDDED_DIGITS {
                return Err(format!(
                    "your data set has {} images; a notebook embeds at most {MAX_EMBEDDED_DIGITS}: export it with fewer images",
                    train.len() + test.len()
                ));
            }
            format!(
                "{comment}\nTRAIN = '{train}'\nTEST = '{test}'\n\ndef digits(text):\n    raw = base64.b64decode(text)  # b'AEPD' | count (u32) | count × 784 pixels (u8) | count labels (u8)\n    count = int.from_bytes(raw[4:8], 'little')\n    pixels = np.frombuffer(raw, np.uint8, count * 784, 8).reshape(count, 784)\n    labels = np.frombuffer(raw, np.uint8, count, 8 + count * 784)\n    return (torch.from_numpy(pixels.astype(np.float32)) / 255 - 0.5) / 0.5, torch.from_numpy(labels.astype(np.int64))\n\ntrain_images, train_labels = digits(TRAIN)\ntest_images, test_labels = digits(TEST)\ndataloader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(train_images, train_labels), batch_size=256, shuffle=True)",
                comment = w("# Your own images, as the page holds them, normalised to [-1, 1] as in the course's notebook", "# Suas próprias imagens, como a página as guarda, normalizadas para [-1, 1] como no notebook do curso"),
                train = base64(&train.to_bytes()),
                test = base64(&test.to_bytes()),
            )
        }
    };
    cells.push(code(&data));

    // 4. The model.
    cells.push(markdown(&w(
        "## The model (lecture figure 13)\n\n`h = f(W_h x + b_h)`, `x̂ = g(W_x h + b_x)`: the class below is this model's recipe.",
        "## O modelo (figura 13 da aula)\n\n`h = f(W_h x + b_h)`, `x̂ = g(W_x h + b_x)`: a classe abaixo é a receita deste modelo.",
    )));
    let mut model = format!("n, d = 28 * 28, {}\n\nclass Autoencoder(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.encoder = nn.Sequential(nn.Linear(n, d){f})\n", r.latent);
    if r.tied {
        let linear = "F.linear(h, self.encoder[0].weight.t(), self.decoder_bias)";
        let decoded = if g.is_empty() { linear.to_string() } else { format!("{g}({linear})") };
        model += &format!(
            "        self.decoder_bias = nn.Parameter(torch.zeros(n))  # {}\n\n    def decoder(self, h):\n        return {decoded}\n",
            l.pick("W_x = W_hᵀ: the decoder has only its bias", "W_x = W_hᵀ: o decodificador só tem seu viés"),
        );
    } else {
        model += &format!("        self.decoder = nn.Sequential(nn.Linear(d, n){g_layer})\n");
    }
    model += "\n    def forward(self, x):\n        x = self.encoder(x)\n        x = self.decoder(x)\n        return x\n";
    if unit {
        model += &format!(
            "\n    # {}\n    @staticmethod\n    def prepare(x):\n        return (x + 1) / 2\n\n    @staticmethod\n    def restore(y):\n        return y * 2 - 1\n",
            l.pick("This model sees its pixels in [0, 1]: the notebook's [-1, 1] mapped there, and back", "Este modelo vê seus pixels em [0, 1]: o [-1, 1] do notebook levado para lá, e de volta"),
        );
    } else {
        model += &format!(
            "\n    # {}\n    @staticmethod\n    def prepare(x):\n        return x\n\n    @staticmethod\n    def restore(y):\n        return y\n",
            l.pick("Pixels in [-1, 1], as the notebook loads them", "Pixels em [-1, 1], como o notebook os carrega"),
        );
    }
    // The page's four tensors, whatever the class.
    if r.tied {
        model += &format!(
            "\ndef page_state(model):\n    \"\"\"{doc}\"\"\"\n    w, b = model.encoder[0].weight, model.encoder[0].bias\n    return {{'encoder.0.weight': w, 'encoder.0.bias': b, 'decoder.0.weight': w.t(), 'decoder.0.bias': model.decoder_bias}}\n\ndef load_page_state(model, tensors):\n    model.encoder[0].weight.data.copy_(tensors['encoder.0.weight'])\n    model.encoder[0].bias.data.copy_(tensors['encoder.0.bias'])\n    model.decoder_bias.data.copy_(tensors['decoder.0.bias'])\n",
            doc = l.pick("The four tensors of the page's files (the decoder's weight written out).", "Os quatro tensores dos arquivos da página (o peso do decodificador escrito por extenso)."),
        );
    } else {
        model += &format!(
            "\ndef page_state(model):\n    \"\"\"{doc}\"\"\"\n    return model.state_dict()\n\ndef load_page_state(model, tensors):\n    model.load_state_dict(tensors, strict=True)\n",
            doc = l.pick("The four tensors of the page's files: the notebook's state_dict.", "Os quatro tensores dos arquivos da página: o state_dict do notebook."),
        );
    }
    model += "\nmodel = Autoencoder().to(device)";
    cells.push(code(&model));

    // 5. The weights.
    cells.push(code(&format!(
        "# {comment} ({bytes} bytes)\nWEIGHTS = '{b64}'\nload_page_state(model, {{k: v.to(device) for k, v in load(base64.b64decode(WEIGHTS)).items()}})\nRECIPE = {recipe:?}",
        comment = l.pick("The page's weights: a safetensors file, in base64", "Os pesos da página: um arquivo safetensors, em base64"),
        bytes = e.weights.len(),
        b64 = base64(e.weights),
        recipe = recipe_json,
    )));

    // 6. The corruption and the page's test figures.
    cells.push(markdown(&w(
        "## The page's test figures, again\n\nThe page scores a model on the input it trained on; for a denoising model, with masks drawn from its own random stream (SplitMix64, seed 7), drawn again here.",
        "## Os números de teste da página, de novo\n\nA página avalia um modelo na entrada com que ele treinou; para um modelo de denoising, com máscaras tiradas do seu próprio gerador aleatório (SplitMix64, semente 7), tiradas de novo aqui.",
    )));
    let corrupt = match r.corruption {
        Corruption::None => format!("def corrupt(img):\n    return img  # {}\n", l.pick("trained on the clean digits", "treinado com os dígitos limpos")),
        Corruption::Dropout { p } => format!("P = {}\ndo = nn.Dropout(P)\n\ndef corrupt(img):\n    noise = do(torch.ones(img.shape, device=img.device))\n    return img * noise\n", float(p)),
        Corruption::Gaussian { sigma } => format!("SIGMA = {}  # {}\n\ndef corrupt(img):\n    return img + 2 * SIGMA * torch.randn_like(img)\n", float(sigma), l.pick("in [0, 1] units: 2σ in [-1, 1]", "em unidades de [0, 1]: 2σ em [-1, 1]")),
    };
    let page_input = match r.corruption {
        Corruption::None => "def page_input(images):\n    return images\n".to_string(),
        Corruption::Dropout { .. } => format!("def page_input(images):\n    u = torch.from_numpy(page_stream({EVALUATION_SEED}, images.numel())).view(images.shape)\n    return images * (u >= P).float() / (1 - P)\n"),
        Corruption::Gaussian { .. } => format!(
            "def page_input(images):\n    s = page_stream({EVALUATION_SEED}, 2 * images.numel()).reshape(-1, 2)\n    u, v = np.float32(1) - s[:, 0], s[:, 1]\n    normal = np.sqrt(np.float32(-2) * np.log(u)) * np.cos(np.float32(2 * np.pi) * v)\n    return images + torch.from_numpy(np.float32(2 * SIGMA) * normal).view(images.shape)\n"
        ),
    };
    cells.push(code(&format!(
        "{corrupt}\ndef page_stream(seed, count):\n    \"\"\"{doc}\"\"\"\n    golden = np.uint64(0x9E3779B97F4A7C15)\n    z = np.uint64(seed ^ 0x5DEECE66D1CE4E5B) + golden * np.arange(1, count + 1, dtype=np.uint64)\n    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)\n    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)\n    z = z ^ (z >> np.uint64(31))\n    return (z >> np.uint64(40)).astype(np.float32) / np.float32(1 << 24)\n\n{page_input}\nPAGE = {{'mse': {mse:.6}, 'psnr': {psnr:.4}, 'digits': {digits}}}  # {page}\n\ndef test_figures():\n    images = test_images[:PAGE['digits']]\n    with torch.no_grad():\n        out = model.restore(model(model.prepare(page_input(images).to(device)))).cpu()\n    mse = ((out.double() - images.double()) ** 2).mean().item()\n    psnr = 10 * np.log10(4 / mse)\n    print(f\"{line}\")\n    return mse, psnr\n\ntest_figures()",
        doc = l.pick("The page's random numbers in [0, 1) (src/rng.rs), to draw its masks.", "Os números aleatórios da página em [0, 1) (src/rng.rs), para tirar suas máscaras."),
        mse = e.figures.mse,
        psnr = e.figures.psnr,
        digits = e.figures.digits,
        page = l.pick("the page's figures for this model", "os números da página para este modelo"),
        line = l.pick(
            "MSE on [-1, 1]: {mse:.6f}, PSNR: {psnr:.4f} dB on {len(images)} test images (the page: {PAGE['mse']:.6f}, {PAGE['psnr']:.4f} dB)",
            "MSE em [-1, 1]: {mse:.6f}, PSNR: {psnr:.4f} dB em {len(images)} imagens de teste (a página: {PAGE['mse']:.6f}, {PAGE['psnr']:.4f} dB)",
        ),
    )));

    // 7. The notebook's loop.
    cells.push(markdown(&w(
        "## Train further: the notebook's loop\n\nforward, loss, `zero_grad`, `backward`, `step`; Adam with the page's learning rate 1e-3, batches of 256.",
        "## Continuar o treino: o laço do notebook\n\nforward, custo, `zero_grad`, `backward`, `step`; Adam com a taxa de aprendizado da página, 1e-3, lotes de 256.",
    )));
    let criterion = if r.loss == Loss::Bce { "nn.BCELoss()" } else { "nn.MSELoss()" };
    let mut train = String::new();
    if r.contractive > 0.0 {
        let slopes = match r.activation {
            Activation::Tanh => "(1 - h ** 2) ** 2  # f'(a)² = (1 − tanh(a)²)²",
            Activation::Linear => "torch.ones_like(h)  # f'(a)² = 1",
        };
        train += &format!(
            "LAMBDA = {}\n\ndef contractive_penalty(h):\n    \"\"\"{doc}\"\"\"\n    slopes = {slopes}\n    return LAMBDA * (slopes * (model.encoder[0].weight ** 2).sum(dim=1)).sum(dim=1).mean()\n\n",
            float(r.contractive),
            doc = l.pick("λ‖∂h/∂x‖²_F in closed form (lecture figure 18), the batch's mean.", "λ‖∂h/∂x‖²_F em forma fechada (figura 18 da aula), a média do lote."),
        );
    }
    let penalty = if r.contractive > 0.0 { " + contractive_penalty(h)" } else { "" };
    train += &format!(
        "criterion = {criterion}\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-3)\nnum_epochs = 1\nfor epoch in range(num_epochs):\n    for data in dataloader:\n        img, _ = data\n        img = img.to(device).view(img.size(0), -1)\n        img_bad = corrupt(img)\n        # ===================forward=====================\n        h = model.encoder(model.prepare(img_bad))\n        output = model.decoder(h)\n        loss = criterion(output, model.prepare(img.data)){penalty}\n        # ===================backward====================\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    # ===================log========================\n    print(f'epoch [{{epoch + 1}}/{{num_epochs}}], loss:{{loss.item():.4f}}')\n\ntest_figures()"
    );
    cells.push(code(&train));

    // 8. Back to the page.
    cells.push(markdown(&w(
        "## Back to the page\n\nThis file holds the model's recipe in its metadata, so the page rebuilds the same model (a tied model comes back with its decoder's weight of its own).",
        "## De volta à página\n\nEste arquivo guarda a receita do modelo nos seus metadados, e a página reconstrói o mesmo modelo (um modelo de pesos atados volta com um peso próprio no decodificador).",
    )));
    cells.push(code(&format!(
        "save_file({{k: v.detach().cpu().contiguous() for k, v in page_state(model).items()}}, '{name}-notebook.safetensors', metadata={{'autoencoder_playground.recipe': RECIPE}})\nprint('{wrote} {name}-notebook.safetensors')",
        name = r.name,
        wrote = l.pick("wrote", "gravado"),
    )));
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn fnv1a64_of_known_strings() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
