//! The table of models, its rows added, imported, removed and reset, and their files: model
//! files, notebook files, weights and checkpoints.

use super::Lab;
use super::ModelSlot;
use crate::checkpoint::Checkpoint;
use crate::evaluation::{Input, Scores, reconstruction_error};
use crate::format::{Format, recognise};
use crate::ipynb::{DataSet, Export, Language, PageFigures, Source};
use crate::notebook::{model_to_notebook, read_notebook_file};
use crate::rng::Rng;
use crate::spec::{MAX_MODELS, MODELS, ModelSpec, Recipe};
use crate::training::{Trainer, TrainingConfig};
use crate::weights::{model_file, model_to_weights, read_model_file, weights_to_model};

impl Lab {
    /// Adds a model built from `recipe` (fresh weights drawn from `seed`) to the end of the
    /// table and returns its row. A bad recipe, a name in use or a full table change nothing.
    pub fn add_model(&mut self, recipe: &Recipe, seed: u64) -> Result<ModelSpec, String> {
        if self.slots.iter().any(|s| s.spec.name == recipe.name.trim()) {
            return Err(format!("a model named '{}' exists already; choose another name", recipe.name.trim()));
        }
        if self.slots.len() >= MAX_MODELS {
            return Err(format!("the lab holds at most {MAX_MODELS} models: remove one first"));
        }
        let spec = recipe.build(self.built)?;
        let stream = (MODELS.len() + self.built) as u64;
        let trainer = Trainer::new(&spec, stream, TrainingConfig::new().with_seed(seed), &self.device);
        self.slots.push(ModelSlot::new(spec.clone(), trainer));
        self.built += 1;
        Ok(spec)
    }

    /// A model file of `model`: its recipe and its weights (see `weights.rs`).
    pub async fn export_model(&self, model: &str) -> Result<Vec<u8>, String> {
        let slot = self.slot(model)?;
        model_file(&slot.spec.recipe(), &model_to_weights(&slot.inference).await?)
    }

    /// `model` as a notebook file (safetensors with the notebook's names, see `notebook.rs`).
    pub async fn export_notebook(&self, model: &str) -> Result<Vec<u8>, String> {
        let slot = self.slot(model)?;
        model_to_notebook(&slot.inference, &slot.spec.recipe()).await
    }

    /// `model` as a runnable notebook (`ipynb.rs`): its weights, its figures on every test
    /// image of the session (those the page shows), the data set `source` (a student's own
    /// images embedded), in `language`.
    pub async fn export_ipynb(&self, model: &str, source: Source, language: Language) -> Result<String, String> {
        let slot = self.slot(model)?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        // The test error `evaluate` reports, on every test digit, without the rest of its work.
        let error = reconstruction_error(&slot.inference, &test.images, Input::training(slot.spec.corruption), 1000);
        let scores = Scores::from_mse(self.read(error).await?[0] as f64);
        let recipe = slot.spec.recipe();
        let weights = model_to_notebook(&slot.inference, &recipe).await?;
        let data = match source {
            Source::Mnist => DataSet::Mnist,
            Source::Fashion => DataSet::FashionMnist,
            Source::Own => DataSet::Own { train: self.train.as_ref().ok_or("no training digits loaded")?.digits.clone(), test: test.digits.clone() },
        };
        let figures = PageFigures { mse: scores.mse, psnr: scores.psnr(), digits: test.digits.len() };
        crate::ipynb::write(&Export { recipe: &recipe, weights: &weights, figures, data: &data, language })
    }

    /// Builds the model a file describes, with its weights, and adds it to the table: a model
    /// file (its recipe inside), or a notebook file (safetensors: the recipe the page wrote into
    /// it, else the notebook's model with d read from the shapes, named after `file_name` and
    /// renamed `-2`, `-3`… if the name is in use). A bad file, a model file whose name is in
    /// use, or a full table change nothing.
    pub fn import_model(&mut self, bytes: &[u8], file_name: Option<&str>) -> Result<ModelSpec, String> {
        if self.slots.len() >= MAX_MODELS {
            return Err(format!("the lab holds at most {MAX_MODELS} models: remove one first"));
        }
        let (spec, loaded) = match recognise(bytes) {
            Format::Safetensors => {
                let file = read_notebook_file(bytes)?;
                let mut recipe = file.recipe(file_name);
                recipe.name = self.free_name(&recipe.name);
                let spec = recipe.build(self.built)?;
                let loaded = file.load(&spec, bytes, &self.device)?;
                (spec, loaded)
            }
            Format::ModelFile => {
                let (recipe, weights) = read_model_file(bytes)?;
                if self.slots.iter().any(|s| s.spec.name == recipe.name.trim()) {
                    return Err(format!("a model named '{}' exists already: remove it first, or load the file into it as weights", recipe.name.trim()));
                }
                let spec = recipe.build(self.built)?;
                let loaded = weights_to_model(&spec, weights, &self.device)?;
                (spec, loaded)
            }
            _ => return Err("not a model file: the page takes its own model files (.aepm) and the notebook's safetensors files (.safetensors)".into()),
        };
        let stream = (MODELS.len() + self.built) as u64;
        let trainer = Trainer::from_model(&spec, stream, loaded, TrainingConfig::new());
        self.slots.push(ModelSlot::new(spec.clone(), trainer));
        self.built += 1;
        Ok(spec)
    }

    /// `name`, or `name-2`, `name-3`… whichever no model of the table has (within 24 characters).
    fn free_name(&self, name: &str) -> String {
        let taken = |n: &str| self.slots.iter().any(|s| s.spec.name == n);
        if !taken(name) {
            return name.to_string();
        }
        (2..)
            .map(|i| {
                let suffix = format!("-{i}");
                format!("{}{suffix}", &name[..name.len().min(24 - suffix.len())])
            })
            .find(|n| !taken(n))
            .expect("the table is finite")
    }

    /// Removes a built model (the shipped ones stay).
    pub fn remove_model(&mut self, model: &str) -> Result<(), String> {
        let index = self.index(model)?;
        if self.slots[index].spec.shipped {
            return Err(format!("the {model} model ships with the page and stays; reset it instead"));
        }
        self.slots.remove(index);
        Ok(())
    }

    /// Replaces `model`'s weights with a weights file (burnpack, 8-bit or the notebook's, see
    /// `weights.rs`), or its whole training with a checkpoint of it (`checkpoint.rs`). A bad
    /// file leaves the model as it was.
    /// From weights alone, training continues with a warmed-up learning rate (see
    /// `training.rs`); from a checkpoint, as if it had never stopped.
    pub fn load_weights(&mut self, model: &str, bytes: &[u8]) -> Result<(), String> {
        let index = self.index(model)?;
        if recognise(bytes) == Format::Checkpoint {
            return self.resume(index, bytes);
        }
        let slot = &self.slots[index];
        let loaded = weights_to_model(&slot.spec, bytes, &self.device)?;
        let trainer = Trainer::from_model(&slot.spec, index as u64, loaded, slot.trainer.config.clone());
        self.set_trainer(index, trainer);
        self.slots[index].history.clear();
        Ok(())
    }

    /// Puts a checkpoint of the model in slot `index` back: its weights, Adam's moments, its
    /// place in the data, its augmentation and its loss history. A checkpoint of another model,
    /// or one whose weights or moments do not fit, changes nothing.
    fn resume(&mut self, index: usize, bytes: &[u8]) -> Result<(), String> {
        let checkpoint = Checkpoint::read(bytes)?;
        let spec = &self.slots[index].spec;
        if checkpoint.recipe != spec.recipe() {
            return Err(format!("this checkpoint is of the model '{}' as built then, not of the {} model as it is now", checkpoint.recipe.name, spec.name));
        }
        let loaded = weights_to_model(spec, &checkpoint.weights, &self.device)?;
        let saved: Vec<(String, usize)> = checkpoint.trainer.moments.iter().map(|m| (m.path.clone(), m.first.len())).collect();
        // The trainer is only kept once its moments are known to fit its parameters.
        let trainer = Trainer::resume(spec, loaded, checkpoint.trainer);
        let parameters = trainer.parameters();
        if let Some((path, len)) = saved.iter().find(|s| !parameters.contains(s)) {
            return Err(format!("the checkpoint's optimiser state for '{path}' ({len} values) fits no parameter of the {} model", spec.name));
        }
        self.set_trainer(index, trainer);
        let slot = &mut self.slots[index];
        slot.augmentation = checkpoint.augmentation.map(|(a, state)| (a, Rng::resume(state)));
        slot.history = checkpoint.history;
        Ok(())
    }

    /// A checkpoint of `model`: everything to continue its training later (`checkpoint.rs`),
    /// read asynchronously (so on WebGPU too).
    pub async fn checkpoint(&self, model: &str) -> Result<Vec<u8>, String> {
        let slot = self.slot(model)?;
        Checkpoint {
            recipe: slot.spec.recipe(),
            trainer: slot.trainer.state().await?,
            augmentation: slot.augmentation.as_ref().map(|(a, rng)| (*a, rng.state())),
            history: slot.history.clone(),
            weights: model_to_weights(&slot.inference).await?,
        }
        .to_bytes()
    }

    /// Every step's loss of `model` since it was created, reset or loaded (a checkpoint keeps it).
    pub fn history(&self, model: &str) -> Result<&[f32], String> {
        Ok(&self.slot(model)?.history)
    }

    /// Starts `model` again from random weights.
    pub fn reset(&mut self, model: &str, seed: u64) -> Result<(), String> {
        let index = self.index(model)?;
        let trainer = Trainer::new(&self.slots[index].spec, index as u64, TrainingConfig::new().with_seed(seed), &self.device);
        self.set_trainer(index, trainer);
        self.slots[index].history.clear();
        Ok(())
    }

    /// `model`'s weights in burnpack format (read asynchronously, so it works on WebGPU).
    pub async fn weights(&self, model: &str) -> Result<Vec<u8>, String> {
        model_to_weights(&self.slot(model)?.inference).await
    }
}
