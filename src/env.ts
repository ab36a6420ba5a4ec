import { readWorkers } from './graphql/read-pool.js';

const ON = ['1', 'true', 'yes', 'on'];
const OFF = ['0', 'false', 'no', 'off'];

/** the yes/no settings there are, with what they do when unset */
export const FLAGS = {
  DUTYGRAPH_REQUIRE_TOKEN: false,
  DUTYGRAPH_INTROSPECTION: true,
  DUTYGRAPH_TRACE_SQL: false,
  DUTYGRAPH_NAIVE_LOADERS: false,
} as const;

export class SettingError extends Error {}

/**
 * A yes/no setting from the environment: 1/true/yes/on or 0/false/no/off, else its default when
 * unset. Any other value fails closed — DUTYGRAPH_REQUIRE_TOKEN=required must not leave reads open.
 */
export function envFlag(name: keyof typeof FLAGS): boolean {
  const raw = process.env[name];
  const value = String(raw ?? '').trim().toLowerCase();
  if (value === '') return FLAGS[name];
  if (ON.includes(value)) return true;
  if (OFF.includes(value)) return false;
  throw new SettingError(`${name}=${JSON.stringify(raw)} is not a yes/no value: use 1, true, yes, on or 0, false, no, off`);
}

/** a whole-number setting from the environment, its default when unset; anything else fails closed */
export function envCount(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new SettingError(`${name}=${JSON.stringify(raw)} is not a whole number from 0 to ${max}`);
  return n;
}

/** every setting read once, so a process refuses to start on a value it does not know */
export function checkSettings(): void {
  for (const name of Object.keys(FLAGS) as (keyof typeof FLAGS)[]) envFlag(name);
  readWorkers();
  envCount('DUTYGRAPH_EXPENSIVE_PER_CLIENT', 2, 1_000_000);
  searchWindow();
}

/** how many matching fields of each tier a search ranks (DUTYGRAPH_SEARCH_WINDOW): more is more complete and slower */
export function searchWindow(): number {
  return envCount('DUTYGRAPH_SEARCH_WINDOW', 300, 100_000) || 1;
}
