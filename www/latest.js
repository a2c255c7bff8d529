// @ts-check
// "The newest request wins, one in flight": a view that redraws on every change (a stroke, a
// slider, a new drawing) runs its work at most once at a time; requests made meanwhile merge
// into one more run, which reads the newest inputs when it starts. Used by the denoising lab,
// the latent lab, the anomaly view and compression.

const ignore = () => {};

export class Latest {
  /**
   * @param {() => Promise<unknown>} run the work; it reads its inputs when it starts
   * @param {{busy?: (busy: boolean) => void}} [options] `busy` hears when work starts and
   *   when nothing is left in flight or queued
   */
  constructor(run, { busy = ignore } = {}) {
    this.run = run;
    this.onBusy = busy;
    /** @type {Promise<unknown> | null} */
    this.current = null;
    /** @type {Promise<unknown> | null} */
    this.queued = null;
    this.runs = 0;
  }

  /** Whether a run is in flight or queued. */
  get busy() {
    return Boolean(this.current || this.queued);
  }

  /**
   * Asks for a run: now, or once the run in flight ends (one queued run serves every request
   * made meanwhile). Resolves when a run that started after this request has ended; rejects
   * with that run's error.
   */
  request() {
    if (this.queued) return this.queued;
    if (!this.current) return this.start();
    this.queued = this.current.then(ignore, ignore).then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  /** @private */
  start() {
    if (!this.busy) this.onBusy(true);
    const run = Promise.resolve().then(() => this.run());
    this.current = run;
    const done = () => {
      this.runs++;
      if (this.current === run) this.current = null;
      if (!this.busy) this.onBusy(false);
    };
    run.then(done, done);
    return run;
  }

  /** Resolves once nothing is in flight or queued (errors are the requesters' to handle). */
  async idle() {
    while (this.busy) await (this.queued ?? this.current)?.then(ignore, ignore);
  }
}
