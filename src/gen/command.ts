import type { DatabaseTarget } from '../orm.js';
import { GenError, generate, type Scale, SCALES } from './generate.js';

export { GenError };

export const GEN_OPTIONS = {
  scale: { type: 'string' },
  seed: { type: 'string' },
  factor: { type: 'string' },
  db: { type: 'string' },
  'database-url': { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const GEN_HELP = `Usage: dutygraph gen --scale S|M|L --seed N (--db PATH | --database-url URL) [--factor X] [--force]

Builds a deterministic synthetic graph shaped like the seed corpus, in the real schema: every
division (31 provinces, their cities and counties), about 45 units per government with their
aliases and collectives, a notice and a plan per government and year whose numbered items,
responsibility clauses, roles and links to the documents of the government above follow the
corpus, with the search index and the audit trail an ingest writes. The same seed gives the
same data. Progress goes to stderr.

Scales:
${Object.entries(SCALES)
  .map(([k, s]) => `  ${k}  ${s.description}`)
  .join('\n')}

Options:
  --scale S|M|L       how much to generate
  --seed N            seed of the generator (a whole number)
  --db PATH           SQLite database file to create
  --database-url URL  postgres://… to write to PostgreSQL instead
  --factor X          work items per document times X (default 1; 2 doubles every document)
  --force             replace the contents of a database that is not empty
  -h, --help          show this help

Exit status: 0 when the database is written, 2 for bad options or a database that is not empty.
`;

/** checks the options of `dutygraph gen`, generates, and prints what was written */
export async function runGen(v: Record<string, unknown>, fallback: DatabaseTarget): Promise<void> {
  const scale = v.scale as string | undefined;
  if (!scale) throw new GenError(`gen: --scale is required (S, M or L)\n\n${GEN_HELP}`);
  if (!(scale in SCALES)) throw new GenError(`gen: --scale: "${scale}" is not S, M or L`);
  const rawSeed = v.seed as string | undefined;
  if (rawSeed === undefined) throw new GenError('gen: --seed is required (a whole number, e.g. --seed 1)');
  const seed = Number(rawSeed);
  if (!/^\d+$/.test(rawSeed) || !Number.isSafeInteger(seed)) throw new GenError(`gen: --seed: "${rawSeed}" is not a whole number`);
  const rawFactor = (v.factor as string | undefined) ?? '1';
  const factor = Number(rawFactor);
  if (!/^\d+(\.\d+)?$/.test(rawFactor) || !(factor >= 0.1 && factor <= 100)) throw new GenError(`gen: --factor: "${rawFactor}" is not a number from 0.1 to 100`);
  if (v.db && v['database-url']) throw new GenError('gen: give --db or --database-url, not both');
  const url = v['database-url'] as string | undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new GenError(`gen: --database-url: "${url}" is not a postgres:// URL`);
  const target: DatabaseTarget = url ? { databaseUrl: url } : v.db ? { dbPath: v.db as string } : fallback;
  if (target.dbPath === ':memory:') throw new GenError('gen: --db :memory: would be lost at exit; give a file');
  const stats = await generate({ scale: scale as Scale, seed, factor, target, force: Boolean(v.force), log: (line) => process.stderr.write(`${line}\n`) });
  const where = target.databaseUrl ? 'PostgreSQL' : target.dbPath;
  process.stdout.write(
    `generated ${scale} (seed ${seed}${factor !== 1 ? `, factor ${factor}` : ''}) into ${where} in ${stats.seconds} s: ${stats.jurisdictions} jurisdictions, ${stats.units} units, ` +
      `${stats.documents} documents, ${stats.tasks} tasks, ${stats.assignments} assignments, ${stats.links} links, ${stats.searchFields} indexed texts\n`,
  );
}
