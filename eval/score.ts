// Scoring extraction against the evaluation set's keys: pure, shared by `npm run eval` and the tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EVAL_DIR = new URL('.', import.meta.url).pathname.replace(/dist\/eval\/$/, 'eval/');

export interface ManifestEntry {
  id: string;
  source: string;
  level: 'NATIONAL' | 'PROVINCE' | 'CITY' | 'COUNTY';
  province: string;
  year: number | null;
  formats: string[];
  split: 'tune' | 'heldout';
  excerpt: boolean;
  /** held out blind: neither the document, its key nor a description of it was seen while the parser was tuned */
  blind?: boolean;
  notes?: string;
  /** the file as published (f01.pdf, f02.html) when it is not plain text: documents/<file> */
  file?: string;
}

export interface KeyAssignment {
  role: string;
  mention: string;
  unit?: string;
  clause?: string;
  implicit?: boolean;
}

export interface Key {
  document: { title?: string | null; number?: string | null; issuer?: string | null; level: string; jurisdiction: string };
  tasks: { path: string; title?: string; assignments: KeyAssignment[] }[];
}

/** what ingest wrote for one document: its tasks, each with (unit, mention, role) */
export interface Extracted {
  jurisdiction: string | null;
  tasks: { path: string; assignments: { role: string; mention: string; unit: string }[] }[];
}

export interface DocumentScore {
  /** key triples found (recall's numerator) */
  matched: number;
  /** extracted triples that answer a key triple (precision's numerator) */
  right: number;
  extracted: number;
  expected: number;
  tasksExpected: number;
  tasksFound: number;
  missing: string[];
  extra: string[];
  tasksMissing: string[];
  /** paths read that the key does not have */
  tasksExtra: string[];
}

/** the entries of a set: its manifest.json, or every manifest.*.json its writers left */
export function loadManifest(dir = EVAL_DIR): ManifestEntry[] {
  const files = existsSync(join(dir, 'manifest.json')) ? ['manifest.json'] : readdirSync(dir).filter((f) => /^manifest\..+\.json$/.test(f));
  return files.flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ManifestEntry[]).sort((a, b) => a.id.localeCompare(b.id));
}

export function loadKey(id: string, dir = EVAL_DIR): Key {
  return JSON.parse(readFileSync(join(dir, 'keys', `${id}.key.json`), 'utf8')) as Key;
}

export function documentPath(entry: Pick<ManifestEntry, 'id' | 'file'>, dir = EVAL_DIR): string {
  return join(dir, 'documents', entry.file ?? `${entry.id}.txt`);
}

/** one spelling for labels and names: full-width brackets and colons, no spaces, no trailing 、．. */
export function normalizePath(path: string): string {
  return path
    .split('/')
    .map((p) => normalizeName(p).replace(/[、.．。，,]$/, ''))
    .join('/');
}

export function normalizeName(s: string): string {
  return s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/:/g, '：').replace(/,/g, '，');
}

/**
 * Scores one document: a key triple (task path, unit, role) is found when an extracted
 * assignment of the task with that path has the role and names the unit — by the words the
 * document uses for it or by the full name. Each extracted assignment answers one key triple,
 * except a collective written with 、 inside (各区、县级市), which the parser keeps as one unit
 * and a key may list as its parts (各区; 县级市): it answers each part.
 */
export function scoreDocument(key: Key, got: Extracted): DocumentScore {
  const byPath = new Map<string, Extracted['tasks']>();
  for (const t of got.tasks) {
    const p = normalizePath(t.path);
    byPath.set(p, [...(byPath.get(p) ?? []), t]);
  }
  const keyPaths = new Map<string, number>();
  for (const t of key.tasks) keyPaths.set(normalizePath(t.path), (keyPaths.get(normalizePath(t.path)) ?? 0) + 1);
  let tasksFound = 0;
  const tasksMissing: string[] = [];
  for (const [p, n] of keyPaths) {
    const found = Math.min(n, byPath.get(p)?.length ?? 0);
    tasksFound += found;
    if (found < n) tasksMissing.push(p);
  }

  // triples, pooled by path: a path written twice (a notice's 一 and its plan's 一) pools both
  const extracted = got.tasks.flatMap((t) =>
    t.assignments.map((a) => ({
      path: normalizePath(t.path),
      role: a.role,
      names: new Set([normalizeName(a.mention), normalizeName(a.unit)]),
      parts: /^各.*、/.test(a.mention) ? new Set(normalizeName(a.mention).split('、')) : new Set<string>(),
      used: false,
      label: `${t.path} ${a.role} ${a.mention}→${a.unit}`,
    })),
  );
  const missing: string[] = [];
  let matched = 0;
  for (const t of key.tasks) {
    for (const a of t.assignments) {
      const path = normalizePath(t.path);
      const wanted = [a.mention, a.unit].filter((x): x is string => Boolean(x)).map(normalizeName);
      const hit =
        extracted.find((e) => !e.used && e.path === path && e.role === a.role && wanted.some((w) => e.names.has(w))) ??
        extracted.find((e) => e.parts.size && e.path === path && e.role === a.role && wanted.some((w) => e.parts.has(w)));
      if (hit) {
        matched++;
        hit.used = true;
      } else missing.push(`${t.path} ${a.role} ${a.mention}`);
    }
  }
  return {
    matched,
    right: extracted.filter((e) => e.used).length,
    extracted: extracted.length,
    expected: key.tasks.reduce((n, t) => n + t.assignments.length, 0),
    tasksExpected: key.tasks.length,
    tasksFound,
    missing,
    extra: extracted.filter((e) => !e.used).map((e) => e.label),
    tasksMissing,
    tasksExtra: [...byPath.keys()].filter((p) => !keyPaths.has(p)),
  };
}

export interface Totals {
  matched: number;
  right: number;
  extracted: number;
  expected: number;
  precision: number;
  recall: number;
  f1: number;
}

export function totals(scores: Pick<DocumentScore, 'matched' | 'right' | 'extracted' | 'expected'>[]): Totals {
  const matched = scores.reduce((n, s) => n + s.matched, 0);
  const right = scores.reduce((n, s) => n + s.right, 0);
  const extracted = scores.reduce((n, s) => n + s.extracted, 0);
  const expected = scores.reduce((n, s) => n + s.expected, 0);
  const precision = extracted ? right / extracted : expected ? 0 : 1;
  const recall = expected ? matched / expected : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { matched, right, extracted, expected, precision, recall, f1 };
}
