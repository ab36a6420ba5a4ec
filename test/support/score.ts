import { readFileSync } from 'node:fs';
import { parseDocument } from '../../src/ingest/parse.js';
import { decodeDocument } from '../../src/ingest/read.js';
import { UnitResolver } from '../../src/ingest/resolve-units.js';
import { DivisionIndex } from '../../src/modules/jurisdiction/divisions.js';

const divisions = new DivisionIndex();
const resolver = new UnitResolver(divisions);

export interface Key {
  document: { number?: string; issuer?: string; jurisdiction: string; kind: string };
  tasks: { path: string; title?: string; assignments: { role: string; unit: string; mention?: string; implicit?: boolean }[] }[];
}

export interface Score {
  precision: number;
  recall: number;
  missing: string[];
  extra: string[];
  tasksMissing: string[];
  tasksExtra: string[];
  meta: ReturnType<typeof parseDocument>['meta'];
}

/** scores the (task, unit, role) triples read from a file against a hand-made key */
export async function scoreAgainstKey(file: string, keyFile: string): Promise<Score> {
  const { text } = await decodeDocument(readFileSync(file), file);
  const key: Key = JSON.parse(readFileSync(keyFile, 'utf8'));
  const doc = parseDocument(text, divisions);
  const where = divisions.byCode.get(doc.meta.jurisdiction ?? key.document.jurisdiction)!;
  const found = doc.tasks.flatMap((t) =>
    t.assignments.map((a) => {
      const spec = resolver.resolve(a.name, where, a.mention);
      return { path: t.path, role: a.role, names: new Set([spec.name, ...spec.aliases]), label: `${t.path} ${a.role} ${spec.name}` };
    }),
  );
  const expected = key.tasks.flatMap((t) => t.assignments.map((a) => ({ path: t.path, role: a.role, unit: a.unit, label: `${t.path} ${a.role} ${a.unit}` })));
  const used = new Set<number>();
  const missing: string[] = [];
  for (const e of expected) {
    const i = found.findIndex((f, j) => !used.has(j) && f.path === e.path && f.role === e.role && f.names.has(e.unit));
    if (i < 0) missing.push(e.label);
    else used.add(i);
  }
  const extra = found.filter((_, j) => !used.has(j)).map((f) => f.label);
  const paths = new Set(doc.tasks.map((t) => t.path));
  const keyPaths = new Set(key.tasks.map((t) => t.path));
  return {
    precision: found.length ? used.size / found.length : 1,
    recall: expected.length ? used.size / expected.length : 1,
    missing,
    extra,
    tasksMissing: [...keyPaths].filter((p) => !paths.has(p)),
    tasksExtra: [...paths].filter((p) => !keyPaths.has(p)),
    meta: doc.meta,
  };
}
