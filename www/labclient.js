// @ts-check
// The page's side of the worker: one method per operation of the protocol (`protocol.js`),
// the worker's events, and a restart (with the last saved weights) when the worker's wasm dies.
import { OPERATIONS, EVENTS, argsOf } from './protocol.js';
import { Emitter } from './emitter.js';

/**
 * @typedef {import('./protocol.js').LabMethods} LabMethods
 * @typedef {{resolve: (value: any) => void, reject: (error: Error) => void}} Pending
 */

export class LabClient extends Emitter {
  constructor() {
    super(EVENTS);
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    this.nextId = 1;
    this.start();
  }

  /** @private */
  start() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(`the lab's worker failed: ${e.message || 'script error'}`, true);
    };
  }

  /** Stops the worker and starts a fresh one; pending calls fail. */
  restart() {
    this.worker?.terminate();
    this.failAll('the worker was restarted', false);
    this.start();
  }

  /**
   * @private
   * @param {string} error
   * @param {boolean} fatal
   */
  failAll(error, fatal) {
    for (const { reject } of this.pending.values()) reject(Object.assign(new Error(error), { fatal }));
    this.pending.clear();
    if (fatal) this.emit('fatal', { event: 'fatal', error });
  }

  /**
   * @private
   * @param {any} data
   */
  receive(data) {
    if (data.event) {
      this.emit(data.event, data);
      return;
    }
    const call = this.pending.get(data.id);
    if (!call) return;
    this.pending.delete(data.id);
    if (data.ok) call.resolve(data.result);
    else {
      call.reject(Object.assign(new Error(data.error), { fatal: data.fatal }));
      if (data.fatal) this.emit('fatal', { event: 'fatal', error: data.error });
    }
  }

  /**
   * Sends an operation of the protocol; the generated methods call this.
   * @param {string} op
   * @param {Record<string, unknown>} args
   * @returns {Promise<any>}
   */
  send(op, args) {
    if (!OPERATIONS[op]) return Promise.reject(new Error(`unknown operation '${op}'`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker?.postMessage({ id, op, args });
    });
  }
}

// One method per operation: `lab.anomaly(model, pixels)` sends {op: 'anomaly', args: {model,
// pixels}}; operations that take a record take it whole (`lab.train({model, steps})`).
for (const op of Object.keys(OPERATIONS)) {
  if (op in LabClient.prototype) throw new Error(`the operation '${op}' would hide LabClient.${op}`);
  Object.defineProperty(LabClient.prototype, op, {
    /** @this {LabClient} @param {unknown[]} values */
    value(...values) {
      return this.send(op, argsOf(op, values));
    },
  });
}

/**
 * A client with its generated methods, for callers that want them typed.
 * @returns {LabClient & LabMethods}
 */
export function connect() {
  return /** @type {LabClient & LabMethods} */ (new LabClient());
}
