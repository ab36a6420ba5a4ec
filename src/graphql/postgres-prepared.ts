// Reads on PostgreSQL through the pg connection itself, parameters bound and statements named: each
// connection parses and plans a statement once and then only binds and runs it. MikroORM's execute
// (and knex's raw) inline the parameters into the SQL text and send it through the simple protocol,
// so PostgreSQL parsed and planned every statement of every request: at M that was two thirds of
// the database's CPU for a unit looked up by name (docs/PERFORMANCE.md).

/** the part of a pg client this needs */
export interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Beyond this many distinct statement texts, further ones run unnamed (parsed each time): a
 * statement whose text varied without bound would otherwise leave plans in every backend.
 */
const NAMED_STATEMENTS = 2000;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < NAMED_STATEMENTS) names.set(text, (name = `dg${names.size + 1}`));
  return name;
}

// `x in (?, ?, ?)`, `x not in (?)`, or one `?`
const PLACEHOLDERS = /\b(not\s+)?in\s*\(\s*\?(?:\s*,\s*\?)*\s*\)|\?/gi;

/**
 * The project's SQL (`?` placeholders, as SQLite and knex take them) as PostgreSQL's: `$1, $2 …`,
 * and an IN list of placeholders as one array parameter (`= any($1)`), so that a batch of 3 keys
 * and one of 300 are the same statement, prepared once.
 */
export function toPostgres(sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  let next = 0;
  const text = sql.replace(PLACEHOLDERS, (match, not: string | undefined) => {
    if (match === '?') {
      values.push(params[next++]);
      return `$${values.length}`;
    }
    const count = match.split('?').length - 1;
    values.push(params.slice(next, (next += count)));
    return not ? `<> all($${values.length})` : `= any($${values.length})`;
  });
  if (next !== params.length) throw new Error(`the statement has ${next} placeholders for ${params.length} parameters`);
  return { text, values };
}

/** the rows of `sql` on a pg connection, its statement named so that the connection prepares it once */
export async function allPreparedPostgres<T>(client: PgClient, sql: string, params: readonly unknown[]): Promise<T[]> {
  const { text, values } = toPostgres(sql, params);
  return (await client.query({ name: nameOf(text), text, values })).rows as T[];
}
