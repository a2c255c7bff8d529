// @ts-check
// The browser's storage for what a student makes (the own data set): one IndexedDB database of
// key → value records. Every failure (private browsing, a full quota, storage turned off)
// rejects with a sentence; the callers say it and go on without storage.

const DATABASE = 'autoencoder-playground';
const STORE = 'records';

/** @type {Promise<IDBDatabase> | null} */
let opened = null;

/** The database, opened once (again after a failure). */
function database() {
  opened ??= new Promise((resolve, reject) => {
    let request;
    try {
      request = indexedDB.open(DATABASE, 1);
    } catch (e) {
      reject(new Error(`the browser's storage is not available (${/** @type {Error} */ (e).message})`));
      return;
    }
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`the browser's storage could not be opened (${request.error?.message ?? 'refused'})`));
  });
  opened.catch(() => { opened = null; });
  return opened;
}

/**
 * One request on the store, as a promise.
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T>} ask
 * @returns {Promise<T>}
 */
async function request(mode, ask) {
  const db = await database();
  return new Promise((resolve, reject) => {
    /** @param {DOMException | Error | null | undefined} error */
    const refused = (error) => {
      const full = error?.name === 'QuotaExceededError';
      reject(new Error(full ? "the browser's storage is full" : `the browser's storage refused (${error?.message ?? 'aborted'})`));
    };
    /** @type {IDBTransaction} */
    let tx;
    /** @type {IDBRequest<T>} */
    let req;
    try {
      tx = db.transaction(STORE, mode);
      req = ask(tx.objectStore(STORE));
    } catch (e) {
      // A request the browser refuses at once (a closed database, a value it cannot clone).
      refused(/** @type {Error} */ (e));
      return;
    }
    tx.oncomplete = () => resolve(req.result);
    const failed = () => refused(tx.error ?? req.error);
    tx.onerror = failed;
    tx.onabort = failed;
  });
}

/**
 * The value stored under `key` (undefined when none).
 * @param {string} key
 */
export function load(key) {
  return request('readonly', (store) => store.get(key));
}

/**
 * Stores `value` (anything structured clone takes) under `key`.
 * @param {string} key
 * @param {unknown} value
 */
export async function store(key, value) {
  await request('readwrite', (s) => s.put(value, key));
}

/**
 * Removes what is stored under `key`.
 * @param {string} key
 */
export async function remove(key) {
  await request('readwrite', (s) => s.delete(key));
}
