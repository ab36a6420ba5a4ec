// pdf.js as Node 20 runs it (the legacy build), loaded when the first PDF is read. That build
// carries core-js polyfills that replace built-ins for everything in the process: JSON.parse and
// JSON.stringify (Node 20 has no JSON.rawJSON), Array.prototype.push, Function.prototype.toString.
// Loaded with the server, they slowed every response and every list of rows (at M the polyfilled
// JSON.stringify alone was 4 % of the server's CPU on the nested benchmark query). What it replaces
// is put back once it has loaded; what it adds (Promise.withResolvers, Set methods …) stays, since
// pdf.js calls them.
export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
let loading: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  return (loading ??= importKeepingBuiltIns());
}

/** the global object, every built-in constructor and namespace on it, and their prototypes */
function builtIns(): object[] {
  const found = new Set<object>([globalThis, Object.getPrototypeOf(Uint8Array), Object.getPrototypeOf(Uint8Array.prototype)]);
  for (const key of Reflect.ownKeys(globalThis)) {
    // descriptors, not values: reading a lazy global would load it
    const value = Object.getOwnPropertyDescriptor(globalThis, key)?.value;
    if ((typeof value === 'function' || (typeof value === 'object' && value !== null)) && value !== globalThis) {
      found.add(value);
      // Function.prototype is itself a function
      if (typeof value === 'function' && value.prototype) found.add(value.prototype);
    }
  }
  return [...found];
}

async function importKeepingBuiltIns(): Promise<PdfJs> {
  const saved = builtIns().map((target) => [target, Object.getOwnPropertyDescriptors(target)] as const);
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // in Node pdf.js runs its worker in-process, importing this on the first document (it carries
    // the polyfills too): imported here, it sets globalThis.pdfjsWorker, which pdf.js then uses
    await import(WORKER);
    return pdfjs;
  } finally {
    for (const [target, before] of saved) {
      for (const key of Reflect.ownKeys(before)) {
        const was = before[key as keyof typeof before] as PropertyDescriptor;
        const now = Object.getOwnPropertyDescriptor(target, key);
        if (now && was.configurable && !(Object.is(now.value, was.value) && now.get === was.get && now.set === was.set)) Object.defineProperty(target, key, was);
      }
    }
  }
}
