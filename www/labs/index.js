// @ts-check
// The labs of the page, in the order the page shows them: each is a folder (`www/labs/<lab>/`)
// whose `unit.js` says what the page needs to know of it (its section, its settings in the
// address, its words in both languages, its downloadable figures, how to make it). `main.js`
// makes them in this order and tells them the page's hooks (www/hooks.js); the labs talk to
// each other only through named events (`events`, www/hooks.js's Bus). A new lab: a folder and
// a line here.
import { addWords } from '../i18n.js';
import autoencoder from './autoencoder/unit.js';
import denoising from './denoising/unit.js';
import latent from './latent/unit.js';
import manifold from './manifold/unit.js';
import transforms from './transforms/unit.js';
import superres from './superres/unit.js';
import builder from './builder/unit.js';
import regions from './regions/unit.js';

export const LABS = /** @type {const} */ ([autoencoder, denoising, latent, manifold, transforms, superres, builder, regions]);

for (const unit of LABS) addWords(unit.words);

/** The labs shown where the page opens, before the reconstruction grid (`top`); the others follow it. */
export const TOP = LABS.filter((unit) => 'top' in unit && unit.top);
export const BELOW = LABS.filter((unit) => !TOP.includes(unit));

/**
 * What every lab is given when the page makes it.
 * @typedef {object} LabContext
 * @property {import('../labclient.js').Lab} lab the typed client of the worker
 * @property {import('../state.js').PageState} state the settings in the address
 * @property {import('../protocol.js').ModelSpec[]} models the table of models (changed in place)
 * @property {import('../protocol.js').Digits} test the page's test images (replaced in place)
 * @property {string} base the page's root URL
 * @property {import('../parts/backendswitch.js').BackendSwitch} backends the session's backend, data set and table
 * @property {() => import('../parts/training.js').TrainingPanel | undefined} training the training panel
 * @property {import('../hooks.js').Bus} events named events between the labs
 * @property {(text: import('../i18n.js').Text, kind?: string) => void} notify a notice at the top of the page
 */

/**
 * A lab as the page knows it.
 * @typedef {object} LabUnit
 * @property {string} name how the console and `page.labs` name it
 * @property {string} section the id of its section: in index.html, or made by `make`
 * @property {boolean} [top] shown where the page opens, before the reconstruction grid (the
 *   other labs come after it); made as soon as the first digits are there
 * @property {() => HTMLElement} [make] makes its section where index.html has none (placed
 *   before the training panel), with its words through `setText`
 * @property {Record<string, import('../settings.js').Rule<any>>} settings its settings in the address
 * @property {{en: Record<string, string>, pt: Record<string, string>}} words its words
 * @property {string[]} figures the figures its section offers to download (ids of canvases;
 *   `a+b` draws two as one)
 * @property {Create} create
 * @property {Console<any>} [console] its entries in the console API (`window.playground`)
 */

/**
 * A lab's console entries, made from what the console gives them.
 * @template T the lab's controller
 * @typedef {(tools: {lab: import('../labclient.js').Lab, the: () => T | undefined, need: () => T,
 *   first: () => string, floats: (values: ArrayLike<number>) => Float32Array}) => Record<string, unknown>} Console
 *   `the()`: the controller once the page has made it; `need()`: it, or an error saying the lab
 *   is not ready yet; `first()`: the table's first model; `floats`: numbers as a Float32Array
 */

/**
 * Makes a lab in its section: its controller, which answers the page's hooks.
 * @typedef {(context: LabContext, root: HTMLElement) => import('../hooks.js').Hooks | Promise<import('../hooks.js').Hooks>} Create
 */
