// @ts-check
// The autosave: every model that trained, and every built one, is kept in the browser's storage
// (IndexedDB, `storage.js`) as a checkpoint (`src/checkpoint.rs`: its weights, Adam's moments,
// its place in the training digits, its loss history) with its loss chart, after each epoch,
// after each run and when the page is hidden. On the next visit the page offers to restore
// them; a teacher's link with `?restore=no` does not offer. A storage failure (private
// browsing, a full quota) is said once and never stops the page.
import { load, store, remove } from '../storage.js';
import { showNotice } from '../views/notice.js';
import { t, setText, formatCount, modelText } from '../i18n.js';

const KEY = 'autosave';

/**
 * @typedef {import('../protocol.js').ModelSpec} ModelSpec
 * @typedef {{spec: ModelSpec, checkpoint: Uint8Array, chart: Record<string, number[][]>, steps: number}} SavedModel
 * @typedef {{savedAt: number, models: SavedModel[]}} Saved
 */

export class Autosave {
  /**
   * @param {import('../labclient.js').Lab} lab the LabClient
   * @param {object} deps
   * @param {import('./backendswitch.js').BackendSwitch} deps.backends the session's models and their checkpoints
   * @param {import('./training.js').TrainingPanel} deps.training the steps and loss chart of each model
   * @param {HTMLElement} deps.notices where the offer and failures are said
   * @param {() => Promise<void>} deps.restored redraws every view after a restore
   */
  constructor(lab, { backends, training, notices, restored }) {
    this.lab = lab;
    this.backends = backends;
    this.training = training;
    this.notices = notices;
    this.restored = restored;
    /** @type {Promise<void>} the save in flight (saves run one after another) */
    this.writing = Promise.resolve();
    /** whether a failure was said already (once per visit) */
    this.failed = false;
    /** @type {HTMLElement | null} the restore offer, while it stands */
    this.offer = null;
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.save().catch(() => {});
    });
  }

  /** The models worth keeping: those that trained (since loading) and those built on the page. */
  worthSaving() {
    return this.backends.models.filter((m) => !m.shipped || (this.training.stats[m.name]?.steps ?? 0) > 0);
  }

  /**
   * Saves the models worth keeping (fresh checkpoints from the session). Resolves to the number
   * saved; a failure is said once and resolves to 0.
   */
  save() {
    const run = this.writing.then(async () => {
      // The session's checkpoints first (what a backend switch or a restarted worker starts from).
      await this.backends.save();
      const models = this.worthSaving();
      if (!models.length) return 0;
      try {
        const checkpoints = this.backends.checkpoint ?? {};
        /** @type {Saved} */
        const record = {
          savedAt: Date.now(),
          models: models.filter((m) => checkpoints[m.name]).map((m) => ({
            spec: { ...m }, checkpoint: checkpoints[m.name], chart: this.training.chartOf(m.name), steps: this.training.stats[m.name]?.steps ?? 0,
          })),
        };
        await store(KEY, record);
        this.offer?.remove();
        this.offer = null;
        return record.models.length;
      } catch (e) {
        if (!this.failed) {
          this.failed = true;
          this.say('failed', 'warn', 'autosave.failed', { error: /** @type {Error} */ (e).message });
        }
        return 0;
      }
    });
    this.writing = run.then(() => {}, () => {});
    return run;
  }

  /** What an earlier visit saved, or null (also when storage cannot be read). @returns {Promise<Saved | null>} */
  async saved() {
    try {
      return (await load(KEY)) ?? null;
    } catch {
      return null;
    }
  }

  /** Offers to restore what an earlier visit saved, if anything. Resolves once the offer is shown. */
  async offerRestore() {
    const saved = await this.saved();
    if (!saved?.models?.length) return;
    const models = saved.models.map((m) => ({ model: modelText(m.spec, 'label'), steps: m.steps }));
    const when = new Date(saved.savedAt);
    const notice = showNotice(this.notices, () => t('autosave.offer', {
      when: when.toLocaleString(document.documentElement.lang || undefined),
      models: models.map((m) => t('autosave.model', { model: m.model, steps: formatCount(m.steps) })).join(', '),
    }), 'info');
    notice.dataset.autosave = 'offer';
    const button = (/** @type {string} */ key, /** @type {() => void} */ onclick) => {
      const b = document.createElement('button');
      setText(b, () => t(key));
      b.dataset.action = key.split('.')[1];
      b.onclick = onclick;
      notice.insertBefore(b, notice.lastChild);
    };
    button('autosave.restore', () => {
      notice.remove();
      this.restore(saved).catch(() => {});
    });
    button('autosave.discard', () => {
      notice.remove();
      this.discard();
    });
    this.offer = notice;
  }

  /**
   * Says `key` (with `vars`) in a notice, in the language of the moment, marked
   * `data-autosave=state` (by which the tests find it).
   * @param {string} state
   * @param {'info' | 'warn' | 'error'} kind
   * @param {string} key
   * @param {Record<string, string>} [vars]
   */
  say(state, kind, key, vars = {}) {
    showNotice(this.notices, () => t(key, vars), kind).dataset.autosave = state;
  }

  /**
   * Forgets what an earlier visit saved, and says so once it is forgotten (or that it could not
   * be, and why: the saved models then stay, and the next visit offers them again).
   */
  async discard() {
    try {
      await remove(KEY);
      this.say('discarded', 'info', 'autosave.discarded');
    } catch (e) {
      this.say('not-discarded', 'warn', 'autosave.notDiscarded', { error: /** @type {Error} */ (e).message });
    }
  }

  /**
   * Puts the saved models back: built ones are built again from their recipes, then every one
   * gets its checkpoint and its chart. A checkpoint the session refuses leaves that model as it
   * was and says why.
   * @param {Saved} saved
   */
  async restore(saved) {
    await this.training.stop();
    const names = [];
    try {
      for (const { spec, checkpoint, chart } of saved.models) {
        if (!this.backends.models.some((m) => m.name === spec.name)) await this.backends.build(spec);
        await this.lab.load_weights({ model: spec.name, bytes: checkpoint });
        this.training.setChart(spec.name, chart);
        names.push(modelText(spec, 'label'));
      }
      this.say('restored', 'info', 'autosave.restored', { models: names.join(', ') });
    } catch (e) {
      this.say('refused', 'error', 'autosave.notRestored', { error: /** @type {Error} */ (e).message });
    }
    await this.backends.save();
    await this.training.refresh();
    await this.restored();
  }
}
