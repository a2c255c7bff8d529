// @ts-check
// The student's own data set: drawings and pictures made MNIST-like, each with a class (a label
// the student types: '3', 'cat'). Kept as the digits format's parts (pixels 0..255, labels)
// plus the classes' names; up to ten classes, as MNIST and Fashion-MNIST have. No DOM: the
// part that shows it is parts/datasets.js.
import { PIXELS } from './protocol.js';

/** The most images the own set holds, and the most classes. */
export const OWN_LIMIT = 5000;
export const OWN_CLASSES = 10;

export class OwnData {
  constructor() {
    /** @type {Uint8Array} n × 784 pixels, 0..255 */
    this.pixels = new Uint8Array(0);
    /** @type {Uint8Array} n labels, 0..9 */
    this.labels = new Uint8Array(0);
    /** @type {(string | null)[]} the name of each label (null: unused) */
    this.classes = Array(OWN_CLASSES).fill(null);
  }

  get length() {
    return this.labels.length;
  }

  /**
   * The label of a class name: a single digit is its own label (so a drawn 3 is labelled as
   * MNIST labels it); another name gets the label it had, or the lowest free one.
   * @param {string} name
   * @returns {number}
   */
  labelFor(name) {
    const clean = name.trim();
    if (!clean) throw new Error('give the image a class: a digit (0–9) or a word');
    if (clean.length > 24) throw new Error(`a class name is at most 24 characters; '${clean.slice(0, 24)}…' is longer`);
    if (/^[0-9]$/.test(clean)) {
      const taken = this.classes[Number(clean)];
      if (taken !== null && taken !== clean) throw new Error(`label ${clean} is already the class '${taken}'; use another name for this one`);
      return Number(clean);
    }
    const known = this.classes.indexOf(clean);
    if (known >= 0) return known;
    // Words take the labels digits are least likely to want: from 9 down.
    for (let l = OWN_CLASSES - 1; l >= 0; l--) if (this.classes[l] === null) return l;
    throw new Error(`your data set has ${OWN_CLASSES} classes already (${this.classes.join(', ')}): add to one of them`);
  }

  /**
   * Adds images of one class. Refused whole (nothing added) when a value is not in [0, 1], the
   * class cannot be given, or the set would pass its limit.
   * @param {Float32Array} digits k × 784 values in [0, 1]
   * @param {string} name the class
   * @returns {number} the label
   */
  add(digits, name) {
    if (digits.length === 0 || digits.length % PIXELS !== 0) throw new Error(`images are ${PIXELS} values each; got ${digits.length}`);
    if (!digits.every((v) => v >= 0 && v <= 1)) throw new Error('pixel values must be numbers in [0, 1]');
    const k = digits.length / PIXELS;
    if (this.length + k > OWN_LIMIT) throw new Error(`your data set holds at most ${OWN_LIMIT} images; it has ${this.length}`);
    const label = this.labelFor(name);
    const pixels = new Uint8Array(this.pixels.length + digits.length);
    pixels.set(this.pixels);
    pixels.set(Uint8Array.from(digits, (v) => Math.round(v * 255)), this.pixels.length);
    const labels = new Uint8Array(this.length + k);
    labels.set(this.labels);
    labels.fill(label, this.length);
    this.pixels = pixels;
    this.labels = labels;
    this.classes[label] = name.trim();
    return label;
  }

  /** Removes the last image added (and its class, if it was the class's last). */
  removeLast() {
    if (!this.length) return;
    const label = this.labels[this.length - 1];
    this.pixels = this.pixels.slice(0, -PIXELS);
    this.labels = this.labels.slice(0, -1);
    if (!this.labels.includes(label)) this.classes[label] = null;
  }

  clear() {
    Object.assign(this, new OwnData());
  }

  /** How many images of each class: [{label, name, count}], in label order. */
  counts() {
    return this.classes.flatMap((name, label) => (name === null ? [] : [{ label, name, count: this.labels.filter((l) => l === label).length }]));
  }

  /** The set in the digits format (`AEPD`, u32 count, pixels, labels): what the worker takes. */
  toBytes() {
    const out = new Uint8Array(8 + this.pixels.length + this.length);
    out.set([65, 69, 80, 68]);
    new DataView(out.buffer).setUint32(4, this.length, true);
    out.set(this.pixels, 8);
    out.set(this.labels, 8 + this.pixels.length);
    return out;
  }

  /** What the browser's storage keeps. */
  toRecord() {
    return { pixels: this.pixels, labels: this.labels, classes: this.classes };
  }

  /**
   * The set a stored record holds; an unreadable record gives an empty set.
   * @param {any} record
   */
  static fromRecord(record) {
    const set = new OwnData();
    if (record?.pixels instanceof Uint8Array && record.labels instanceof Uint8Array && record.pixels.length === record.labels.length * PIXELS
      && Array.isArray(record.classes) && record.classes.length === OWN_CLASSES && record.labels.every((/** @type {number} */ l) => typeof record.classes[l] === 'string')) {
      Object.assign(set, { pixels: record.pixels, labels: record.labels, classes: record.classes });
    }
    return set;
  }
}

/**
 * The class of a picture in a folder: the name of the folder it sits in, when it sits below
 * the folder chosen (`digits/3/a.png` → '3'); null for a loose file.
 * @param {string} relativePath the file's path from the folder chosen ('' for a loose file)
 */
export function folderClass(relativePath) {
  const parts = relativePath.split('/').filter(Boolean);
  return parts.length >= 3 ? parts[parts.length - 2] : null;
}
