// @ts-check
// What the WebGPU work of the worker asks of the GPU, counted: every call of the WebGPU API
// that costs (a compute pass, a dispatch, a pipeline or buffer made, a write, a submit, a read
// back), by name, from the first call of `gpuCounts` on. It wraps the API's prototypes in the
// worker, so the device burn-wgpu already holds is counted too; the work itself is unchanged.
// The benchmark (pkg-scripts/bench.mjs --gpu-counts) reads it around a few training steps.

/** The API's classes and the methods counted on each. */
const COUNTED = {
  GPUDevice: ['createBuffer', 'createBindGroup', 'createComputePipeline', 'createComputePipelineAsync', 'createShaderModule', 'createCommandEncoder'],
  GPUCommandEncoder: ['beginComputePass', 'copyBufferToBuffer', 'clearBuffer', 'finish'],
  GPUComputePassEncoder: ['dispatchWorkgroups', 'dispatchWorkgroupsIndirect'],
  GPUQueue: ['submit', 'writeBuffer'],
  GPUBuffer: ['mapAsync', 'destroy'],
};

/** @type {Record<string, number> | null} the counts since the last reset; null until installed */
let counts = null;

/** Wraps the counted methods, once. False where the worker has no WebGPU. */
function install() {
  const scope = /** @type {any} */ (globalThis);
  if (typeof scope.GPUDevice !== 'function') return false;
  counts = {};
  for (const [type, names] of Object.entries(COUNTED)) {
    const proto = scope[type]?.prototype;
    for (const name of names) {
      const method = proto?.[name];
      if (typeof method !== 'function') continue;
      counts[name] = 0;
      proto[name] = function counted(/** @type {any[]} */ ...args) {
        /** @type {Record<string, number>} */ (counts)[name]++;
        if (name === 'writeBuffer') /** @type {Record<string, number>} */ (counts).writeBytes = (/** @type {Record<string, number>} */ (counts).writeBytes ?? 0) + (args[4] ?? args[2]?.byteLength ?? 0);
        if (name === 'createBuffer') /** @type {Record<string, number>} */ (counts).createBytes = (/** @type {Record<string, number>} */ (counts).createBytes ?? 0) + (args[0]?.size ?? 0);
        return method.apply(this, args);
      };
    }
  }
  // Each dispatch also by its kernel: the label of the pipeline set on its pass.
  const pass = scope.GPUComputePassEncoder?.prototype;
  const setPipeline = pass?.setPipeline;
  if (typeof setPipeline === 'function') {
    pass.setPipeline = function kernel(/** @type {any} */ pipeline) {
      this.__kernel = String(pipeline?.label || 'unlabelled').slice(0, 80);
      return setPipeline.call(this, pipeline);
    };
    const dispatch = pass.dispatchWorkgroups;
    pass.dispatchWorkgroups = function byKernel(/** @type {any[]} */ ...args) {
      const key = `kernel: ${this.__kernel ?? 'unlabelled'}`;
      /** @type {Record<string, number>} */ (counts)[key] = (/** @type {Record<string, number>} */ (counts)[key] ?? 0) + 1;
      return dispatch.apply(this, args);
    };
  }
  return true;
}

/**
 * Runs `work` and adds what it asked of the GPU to `into` (nothing when not counting).
 * @template T
 * @param {() => Promise<T>} work
 * @param {Record<string, number> | undefined} into
 * @returns {Promise<T>}
 */
export async function counted(work, into) {
  if (!counts || !into) return work();
  const before = { ...counts };
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(counts)) into[key] = (into[key] ?? 0) + value - (before[key] ?? 0);
  }
}

/**
 * The counts since the last reset (every counted method by name, and `writeBytes` and
 * `createBytes`); the first call starts counting and answers zeros. Null without WebGPU.
 * @param {boolean} [reset] start again from zero after answering
 * @returns {Record<string, number> | null}
 */
export function gpuCounts(reset = false) {
  if (!counts && !install()) return null;
  const now = { writeBytes: 0, createBytes: 0, ...counts };
  if (reset && counts) for (const key of Object.keys(counts)) counts[key] = 0;
  return now;
}
