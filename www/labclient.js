// The page's side of the worker: promise-based calls, training events, and a restart (with
// the last saved weights) when the worker's wasm dies.

export class LabClient {
  constructor() {
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = { progress: [], test: [], energy: [], fatal: [] };
    this.start();
  }

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
    this.worker.terminate();
    this.failAll('the worker was restarted', false);
    this.start();
  }

  failAll(error, fatal) {
    for (const { reject } of this.pending.values()) reject(Object.assign(new Error(error), { fatal }));
    this.pending.clear();
    if (fatal) this.listeners.fatal.forEach((f) => f(error));
  }

  on(event, fn) {
    this.listeners[event].push(fn);
  }

  receive(data) {
    if (data.event) {
      this.listeners[data.event].forEach((f) => f(data));
      return;
    }
    const call = this.pending.get(data.id);
    if (!call) return;
    this.pending.delete(data.id);
    if (data.ok) call.resolve(data.result);
    else {
      call.reject(Object.assign(new Error(data.error), { fatal: data.fatal }));
      if (data.fatal) this.listeners.fatal.forEach((f) => f(data.error));
    }
  }

  call(op, args = {}, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args }, transfer);
    });
  }
}
