import { readFileSync } from 'node:fs';
import { parseDocument } from '../../src/ingest/parse.js';
import { decodeDocument } from '../../src/ingest/read.js';
import { UnitResolver } from '../../src/ingest/resolve-units.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';
import { type DocumentScore, type Key, scoreDocument, totals } from '../../eval/score.js';

const divisions = new DivisionIndex();
const resolver = new UnitResolver(divisions);

export interface Score extends DocumentScore {
  precision: number;
  recall: number;
  meta: ReturnType<typeof parseDocument>['meta'];
}

/** scores the (task, unit, role) triples read from a fixture against its hand-made key, as `npm run eval` scores its set */
export async function scoreAgainstKey(file: string, keyFile: string): Promise<Score> {
  const { text } = await decodeDocument(readFileSync(file), file);
  const key = JSON.parse(readFileSync(keyFile, 'utf8')) as Key;
  const doc = parseDocument(text, divisions);
  const where = divisions.byCode.get(doc.meta.jurisdiction ?? key.document.jurisdiction)!;
  const score = scoreDocument(key, {
    jurisdiction: doc.meta.jurisdiction,
    tasks: doc.tasks.map((t) => ({ path: t.path, assignments: t.assignments.map((a) => ({ role: a.role, mention: a.mention, unit: resolver.resolve(a.name, where, a.mention).name })) })),
  });
  const { precision, recall } = totals([score]);
  return { ...score, precision, recall, meta: doc.meta };
}
