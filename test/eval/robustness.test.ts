import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../src/ingest/read.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';
import { documentPath, loadManifest } from '../../eval/score.js';
import { variantBytes } from '../../eval/variants.js';

// Every document of the evaluation set, as other copies of it arrive, reads the same as the original:
// the same place (or the same refusal), the same items, the same (unit, role) on each.
const divisions = new DivisionIndex();
const manifest = loadManifest();

async function reading(bytes: Buffer, name: string) {
  const { text } = await decodeDocument(bytes, name);
  const doc = parseDocument(text, divisions);
  return {
    jurisdiction: doc.meta.jurisdiction,
    refused: Boolean(doc.meta.jurisdictionRefused),
    tasks: doc.tasks.map((t) => `${t.path}: ${t.assignments.map((a) => `${a.role} ${a.name}`).join('、')}`),
  };
}

describe.each(['one-line', 'gb18030', 'blank-lines'] as const)('the evaluation set, %s', (variant) => {
  it.each(manifest.map((e) => [e.id]))('%s reads the same as the original', async (id) => {
    const text = readFileSync(documentPath(id), 'utf8');
    const original = await reading(variantBytes(text, 'original'), `${id}.txt`);
    expect(original.tasks.length).toBeGreaterThan(0);
    expect(await reading(variantBytes(text, variant), `${id}.txt`)).toEqual(original);
  });
});
