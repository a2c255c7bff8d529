// @ts-check
// Work a part of the page does only for the student's eyes: while the part is off screen (far
// below the fold, or hidden by a lesson link's ?hide=) its views are not computed; what was
// asked for meanwhile runs once the part comes within a screen's height of the viewport. The
// worker's one queue then serves what the student looks at, and a phone does not score every
// model of a section nobody has scrolled to.

export class OnScreen {
  /**
   * @param {Element} element the part
   * @param {{margin?: string}} [options] how near the viewport counts as on screen (CSS margin)
   */
  constructor(element, { margin = '100% 0px' } = {}) {
    /** Whether the part is within `margin` of the viewport. */
    this.near = false;
    /** @type {Map<string, () => void>} work waiting to be seen, by key: a newer request of a key replaces the older */
    this.waiting = new Map();
    if (typeof IntersectionObserver === 'undefined') {
      this.near = true;
      return;
    }
    new IntersectionObserver((entries) => {
      this.near = entries[entries.length - 1].isIntersecting;
      if (!this.near) return;
      const work = [...this.waiting.values()];
      this.waiting.clear();
      for (const run of work) run();
    }, { rootMargin: margin }).observe(element);
  }

  /**
   * Keeps `work` for when the part comes on screen (under `key`: a newer request of a key
   * replaces the older one). Callers run it themselves when `near` is already true.
   * @param {string} key
   * @param {() => void} work
   */
  later(key, work) {
    this.waiting.set(key, work);
  }
}
