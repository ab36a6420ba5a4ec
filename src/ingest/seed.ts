import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { parseDocument } from './parse.js';
import { contentHash, ensureJurisdictions, type ImportReport, importDocument, UnitStore } from './import.js';
import { UnitResolver } from './resolve-units.js';
import { DivisionIndex } from '../modules/jurisdiction/divisions.js';
import { PACKAGE_ROOT } from '../paths.js';
import { refreshLinks } from '../modules/link/link.service.js';
import { DatasetState } from '../modules/common/dataset-state.entity.js';

/** seeds/ of the package, wherever it is run from */
export const SEEDS_DIR = join(PACKAGE_ROOT, 'seeds');

export async function seedFiles(dir = SEEDS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
}

/** a fingerprint of the seed documents: the database is rebuilt when it changes */
export async function seedsHash(dir = SEEDS_DIR): Promise<string> {
  const parts: string[] = [];
  for (const f of await seedFiles(dir)) parts.push(f, contentHash(await readFile(join(dir, f), 'utf8')));
  return contentHash(parts.join('\n'));
}

/**
 * Builds the graph from seeds/ in one transaction, through the same parser and importer as
 * any document: running it twice gives the same graph.
 */
export async function seedDatabase(orm: MikroORM, dir = SEEDS_DIR): Promise<ImportReport[]> {
  const divisions = new DivisionIndex();
  const resolver = new UnitResolver(divisions);
  const files = await seedFiles(dir);
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  const hash = await seedsHash(dir);
  return orm.em.fork().transactional(async (em) => {
    await ensureJurisdictions(em, divisions);
    const units = new UnitStore(em);
    const reports: ImportReport[] = [];
    for (const [i, file] of files.entries()) {
      reports.push((await importDocument(em, parseDocument(texts[i], divisions), file, resolver, divisions, units, { actor: 'cli', operation: 'SEED' })).report);
    }
    await refreshLinks(em, reports.filter((r) => r.status !== 'unchanged').map((r) => r.documentId));
    await em.upsert(DatasetState, { key: 'seedsHash', value: hash });
    return reports;
  });
}

export async function storedSeedsHash(orm: MikroORM): Promise<string | null> {
  const row = await orm.em.fork().findOne(DatasetState, { key: 'seedsHash' });
  return row?.value ?? null;
}
