import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** a file the pages load, served as it is */
export interface StaticAsset {
  body: Buffer;
  contentType: string;
  /** content hash, for asset URLs that change when the file does */
  version: string;
}

/** the files a page serves by name, each read once, when first asked for */
export function staticAssets(sources: Record<string, { path: () => string; contentType: string }>): (name: string) => StaticAsset | undefined {
  const cache = new Map<string, StaticAsset>();
  return (name) => {
    if (!Object.hasOwn(sources, name)) return undefined;
    let found = cache.get(name);
    if (!found) {
      const body = readFileSync(sources[name].path());
      found = { body, contentType: sources[name].contentType, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
      cache.set(name, found);
    }
    return found;
  };
}

/** a JS literal that is also safe inside an HTML <script> element */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
