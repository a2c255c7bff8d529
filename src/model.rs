//! The autoencoder of the lecture (figure 13): `h = f(W_h x + b_h)`, `x̂ = g(W_x h + b_x)`.
//!
//! The notebook's model is `f = g = tanh` on pixels in [-1, 1] (MNIST normalised with mean 0.5,
//! std 0.5), 784 → d → 784 with separate weights. The model builder's recipes (`spec.rs`) vary
//! the parts: f linear, tied weights `W_x = W_hᵀ` (the decoder keeps only its bias), pixels seen
//! in [0, 1], g a sigmoid for BCE.
//!
//! Whatever its parts, a model takes and returns pixels in [-1, 1], the lab's one convention:
//! a [0, 1] model converts on the way in (`(x + 1) / 2`) and back on the way out, so every
//! view, score and corruption treats every model alike.

use crate::dense::{self, Layer, Net, Unit, Weight};
use crate::parts::{Activation, Output, Scale};
use crate::spec::ModelSpec;
use burn::module::Param;
use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

/// `tanh(x)`, computed as `1 − 2 / (e^{2x} + 1)`: the same function (exact at ±∞, no
/// overflow), but Burn's CPU backends evaluate `exp` in f32 several times faster than `tanh`
/// (which goes through libm in f64): profiling the CPU training step showed `tanh` taking
/// about a quarter of it. The input is first clamped to [-15, 15] (where tanh is ±1 to f32's
/// precision): beyond about 44, `e^{2x}` overflows to infinity and the gradient of the quotient
/// would be `0 · ∞`, NaN; the clamp's gradient there is 0, as tanh's nearly is.
pub fn tanh<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    x.clamp(-15.0, 15.0).mul_scalar(2.0).exp().add_scalar(1.0).recip().mul_scalar(-2.0).add_scalar(1.0)
}

/// The logistic sigmoid `1 / (1 + e^{−x})`.
pub fn sigmoid<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    x.neg().exp().add_scalar(1.0).recip()
}

pub use crate::parts::IMAGE_PIXELS;

/// The parts of a model that hold no weights: its functions and the scale of its pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Form {
    pub activation: Activation,
    pub output: Output,
    pub scale: Scale,
}

impl Form {
    /// The notebook's: tanh in and out, pixels in [-1, 1].
    pub const NOTEBOOK: Form = Form { activation: Activation::Tanh, output: Output::Tanh, scale: Scale::Symmetric };

    /// The form `spec` describes.
    pub fn of(spec: &ModelSpec) -> Form {
        Form { activation: spec.activation, output: spec.output(), scale: spec.scale }
    }
}

/// Shape of an autoencoder: `input → latent → input`.
#[derive(Clone, Debug)]
pub struct AutoencoderConfig {
    /// Size of the hidden layer, the latent code `z`.
    pub latent: usize,
    /// Size of the input and of the reconstruction.
    pub input: usize,
    /// Whether the decoder's weight is the encoder's transposed.
    pub tied: bool,
    pub form: Form,
}

impl AutoencoderConfig {
    /// The notebook's model with a hidden layer of `latent` units.
    pub fn new(latent: usize) -> Self {
        Self { latent, input: IMAGE_PIXELS, tied: false, form: Form::NOTEBOOK }
    }

    /// The model `spec` describes.
    pub fn of(spec: &ModelSpec) -> Self {
        Self { latent: spec.latent, input: IMAGE_PIXELS, tied: spec.tied, form: Form::of(spec) }
    }

    /// A freshly initialised autoencoder (PyTorch's default Kaiming-uniform initialisation;
    /// a tied decoder's bias is drawn as an untied decoder's would be).
    pub fn init(&self, device: &Device) -> Autoencoder {
        let encoder = LinearConfig::new(self.input, self.latent).init(device);
        let decoder = LinearConfig::new(self.latent, self.input).init(device);
        let (decoder, decoder_bias) = if self.tied { (None, decoder.bias) } else { (Some(decoder), None) };
        Autoencoder { encoder, decoder, decoder_bias, form: self.form }
    }
}

/// One hidden layer autoencoder.
#[derive(Module, Debug)]
pub struct Autoencoder {
    /// `W_h`, `b_h`: `input → latent` (Burn stores the weight as `[input, latent]`).
    pub encoder: Linear,
    /// `W_x`, `b_x`: `latent → input`; absent when the weights are tied.
    pub decoder: Option<Linear>,
    /// `b_x` of a tied model (`[input]`).
    pub decoder_bias: Option<Param<Tensor<1>>>,
    #[module(skip)]
    pub form: Form,
}

impl Autoencoder {
    /// Pixels in [-1, 1] as the model sees them.
    pub fn prepare<const D: usize>(&self, x: Tensor<D>) -> Tensor<D> {
        match self.form.scale {
            Scale::Symmetric => x,
            Scale::Unit => x.add_scalar(1.0).mul_scalar(0.5),
        }
    }

    /// Values in the model's scale back in [-1, 1].
    pub fn restore<const D: usize>(&self, y: Tensor<D>) -> Tensor<D> {
        match self.form.scale {
            Scale::Symmetric => y,
            Scale::Unit => y.mul_scalar(2.0).sub_scalar(1.0),
        }
    }

    /// `W_h x + b_h` of inputs already in the model's scale: `[batch, input]` → `[batch, latent]`.
    pub fn encoder_preactivation(&self, x: Tensor<2>) -> Tensor<2> {
        self.encoder.forward(x)
    }

    /// f, the hidden activation.
    pub fn activate(&self, a: Tensor<2>) -> Tensor<2> {
        match self.form.activation {
            Activation::Tanh => tanh(a),
            Activation::Linear => a,
        }
    }

    /// `W_x h + b_x`: `[batch, latent]` → `[batch, input]`, before g.
    pub fn decoder_preactivation(&self, h: Tensor<2>) -> Tensor<2> {
        match (&self.decoder, &self.decoder_bias) {
            (Some(decoder), _) => decoder.forward(h),
            (None, Some(bias)) => h.matmul(self.encoder.weight.val().transpose()) + bias.val().unsqueeze_dim(0),
            (None, None) => h.matmul(self.encoder.weight.val().transpose()),
        }
    }

    /// g, the output function, in the model's scale.
    pub fn output(&self, a: Tensor<2>) -> Tensor<2> {
        match self.form.output {
            Output::Tanh => tanh(a),
            Output::Linear => a,
            Output::Sigmoid => sigmoid(a),
        }
    }

    /// The latent code of a batch of images.
    ///
    /// - `x`: `[batch, input]` in [-1, 1]
    /// - returns `[batch, latent]`: in (-1, 1) for tanh units, unbounded for linear ones
    pub fn encode(&self, x: Tensor<2>) -> Tensor<2> {
        self.activate(self.encoder_preactivation(self.prepare(x)))
    }

    /// The image a latent code stands for.
    ///
    /// - `z`: `[batch, latent]`
    /// - returns `[batch, input]` in [-1, 1] (unbounded for a linear output)
    pub fn decode(&self, z: Tensor<2>) -> Tensor<2> {
        self.restore(self.output(self.decoder_preactivation(z)))
    }

    /// `decode(encode(x))`: `[batch, input]` → `[batch, input]`.
    pub fn reconstruct(&self, x: Tensor<2>) -> Tensor<2> {
        self.decode(self.encode(x))
    }

    /// Size of the latent code.
    pub fn latent(&self) -> usize {
        self.encoder.weight.dims()[1]
    }

    /// The decoder's weight `W_x` as `[latent, input]` (for a tied model, `W_hᵀ`).
    pub fn decoder_weight(&self) -> Tensor<2> {
        match &self.decoder {
            Some(decoder) => decoder.weight.val(),
            None => self.encoder.weight.val().transpose(),
        }
    }
}

impl Autoencoder {
    /// This autoencoder as `dense.rs`'s network, its values read from the CPU with fresh Adam
    /// moments: `input → latent` with f, `latent → input` with g (tied: the encoder's weight
    /// transposed), minimising `loss` plus the contractive penalty `contractive` (λ, 0 for none).
    /// The network sees pixels in the model's own scale.
    pub fn hand_net(&self, loss: dense::Loss, contractive: f32) -> Net {
        let params = dense::read(self);
        let find = |path: &str| dense::index(&params, path).ok();
        let (input, latent) = (self.encoder.weight.dims()[0], self.latent());
        let encoder = find("encoder.weight").expect("an autoencoder has an encoder");
        let hidden = match self.form.activation {
            Activation::Tanh => Unit::Tanh,
            Activation::Linear => Unit::Linear,
        };
        let output = match self.form.output {
            Output::Tanh => Unit::Tanh,
            Output::Linear => Unit::Linear,
            Output::Sigmoid => Unit::Sigmoid,
        };
        let decoder = match find("decoder.weight") {
            Some(p) => Weight::Own(p),
            None => Weight::TransposeOf(encoder),
        };
        let layers = vec![
            Layer { inputs: input, outputs: latent, weight: Weight::Own(encoder), bias: find("encoder.bias"), unit: hidden },
            Layer { inputs: latent, outputs: input, weight: decoder, bias: find("decoder.bias").or(find("decoder_bias")), unit: output },
        ];
        Net::new(layers, params, loss, contractive).expect("an autoencoder's layers chain")
    }
}
