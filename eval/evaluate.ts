// Ingests each document of the evaluation set as a user would and scores what was written.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { createOrm } from '../src/orm.js';
import { ingestFiles } from '../src/ingest/ingest.js';
import { documentPath, type DocumentScore, EVAL_DIR, type Extracted, type Key, loadKey, loadManifest, type ManifestEntry, scoreDocument } from './score.js';
import { type Variant, variantBytes } from './variants.js';
import { type Form, FORMS, formBytes } from './forms.js';

const isForm = (v: Variant | Form): v is Form => (FORMS as readonly string[]).includes(v);

/**
 * PLACED: placed where its key says, from its own text; ASKED: refused and asked for
 * --jurisdiction (then ingested with the key's code, as a reviewer would); WRONG_PLACE: placed
 * somewhere its key does not say; FAILED: not ingested even with --jurisdiction; CRASHED: ingest threw.
 */
export type Outcome = 'PLACED' | 'ASKED' | 'WRONG_PLACE' | 'FAILED' | 'CRASHED';

export interface DocumentResult {
  entry: ManifestEntry;
  variant: Variant | Form;
  outcome: Outcome;
  placedAt: string | null;
  evidence: string;
  message?: string;
  extracted: Extracted | null;
  score: DocumentScore;
}

/** ingests one file into the database, asking for --jurisdiction only when the tool refuses */
export async function ingestForEvaluation(orm: MikroORM, file: string, key: Key): Promise<Omit<DocumentResult, 'entry' | 'variant' | 'score'>> {
  try {
    let result = await ingestFiles(orm, [file]);
    let asked = false;
    if (result.failed[0]?.why === 'unplaced') {
      asked = true;
      result = await ingestFiles(orm, [file], { jurisdiction: key.document.jurisdiction });
    }
    if (!result.ingested.length) return { outcome: 'FAILED', placedAt: null, evidence: '', message: result.failed[0]?.error, extracted: null };
    const { view, report } = result.ingested[0];
    const extracted: Extracted = {
      jurisdiction: view.document.jurisdiction,
      tasks: view.tasks.map((t) => ({ path: t.path, assignments: t.assignments.map((a) => ({ role: a.role, mention: a.mention, unit: a.unit })) })),
    };
    const evidence = report.document.jurisdictionEvidence.map((e) => `${e.source.toLowerCase()}: ${e.text}`).join('; ');
    const outcome: Outcome = asked ? 'ASKED' : view.document.jurisdiction === key.document.jurisdiction ? 'PLACED' : 'WRONG_PLACE';
    return { outcome, placedAt: view.document.jurisdiction, evidence, message: asked ? result.failed[0]?.error : undefined, extracted };
  } catch (error) {
    return { outcome: 'CRASHED', placedAt: null, evidence: '', message: (error as Error).stack ?? String(error), extracted: null };
  }
}

export interface EvaluateOptions {
  /** the folder of the set: eval/ (default), or eval/reserved/ — kept blind for a later measurement */
  dir?: string;
  split?: 'tune' | 'heldout';
  ids?: string[];
  variant?: Variant | Form;
}

/** every selected document of the set, each ingested into one fresh SQLite database, scored against its key */
export async function evaluateSet(options: EvaluateOptions = {}): Promise<DocumentResult[]> {
  const variant = options.variant ?? 'original';
  const dir = options.dir ?? EVAL_DIR;
  const entries = loadManifest(dir).filter((e) => (!options.split || e.split === options.split) && (!options.ids?.length || options.ids.includes(e.id)));
  const work = mkdtempSync(join(tmpdir(), 'dutygraph-eval-'));
  const orm = await createOrm({ dbPath: join(work, 'eval.sqlite') });
  const results: DocumentResult[] = [];
  try {
    for (const entry of entries) {
      const key = loadKey(entry.id, dir);
      const source = documentPath(entry, dir);
      // a document kept as published (a PDF, a web page) is read as it is; the variants are of texts
      if (entry.file && variant !== 'original') continue;
      const file = join(work, entry.file ?? `${entry.id}.${isForm(variant) ? variant : 'txt'}`);
      if (entry.file) copyFileSync(source, file);
      else writeFileSync(file, isForm(variant) ? formBytes(readFileSync(source, 'utf8'), variant) : variantBytes(readFileSync(source, 'utf8'), variant));
      const got = await ingestForEvaluation(orm, file, key);
      // a document not ingested found nothing: every triple of its key is missed
      results.push({ entry, variant, ...got, score: scoreDocument(key, got.extracted ?? { jurisdiction: null, tasks: [] }) });
    }
  } finally {
    await orm.close(true);
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}
