import type { DatabaseTarget } from '../orm.js';
import { GenError, generate } from './generate.js';
import { type Scale, SCALES } from './scales.js';
import { COMMAND_SPECS } from '../cli-help.js';

export { GenError };

/** checks the options of `dutygraph gen`, generates, and prints what was written */
export async function runGen(v: Record<string, unknown>, fallback: DatabaseTarget): Promise<void> {
  const scale = v.scale as string | undefined;
  if (!scale) throw new GenError(`gen: --scale is required (S, M or L)\n\n${COMMAND_SPECS.gen.help}`);
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
