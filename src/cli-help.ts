// The CLI's help and options: read before any command's code loads, so that `dutygraph X --help`
// and a bad option answer at once.
import { DEFAULT_DB, DEFAULT_MAX_BYTES, SCHEMA_FILE } from './defaults.js';
import { SCALES } from './gen/scales.js';

const DB_OPTION = `  --db PATH           SQLite database file (default: $DUTYGRAPH_DB, then ${DEFAULT_DB})`;

type Option = { type: 'string' | 'boolean' };

const GEN_OPTIONS = {
  scale: { type: 'string' },
  seed: { type: 'string' },
  factor: { type: 'string' },
  db: { type: 'string' },
  'database-url': { type: 'string' },
  force: { type: 'boolean' },
} as const;

const GEN_HELP = `Usage: dutygraph gen --scale S|M|L --seed N (--db PATH | --database-url URL) [--factor X] [--force]

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

/** each command's help and the options it takes */
export const COMMAND_SPECS: Record<string, { help: string; options: Record<string, Option>; positionals?: boolean }> = {
  ingest: {
    help: `Usage: dutygraph ingest FILE… [--db PATH] [--dry-run] [--json] [--jurisdiction CODE] [--max-bytes N]

Reads each document (UTF-8 with or without BOM, UTF-16, GB18030/GBK — detected — or .docx),
finds its numbered tasks and every responsibility clause, resolves each unit named, and writes
the document, its tasks and its assignments — all files in one transaction — then prints a
report per file: tasks by depth and kind, assignments by role, units matched and created
(unverified ones named), clauses it could not read (text and position), noise removed.
A document already in the database (same number, else same file name, else same text) is
replaced in place; tasks whose path is unchanged keep their IDs.

Options:
${DB_OPTION}
  --dry-run           parse, resolve and report, but write nothing
  --json              print the parsed documents as JSON: { document, tasks: [{ label, path, title,
                      kind, assignments: [{ role, mention, unit, implicit, clause }] }], report }
                      (an array when several files are given)
  --jurisdiction CODE the issuing division (GB/T 2260) when the header does not name it
  --max-bytes N       refuse files larger than N bytes (default: $DUTYGRAPH_MAX_INPUT_BYTES, then ${DEFAULT_MAX_BYTES})
  -h, --help          show this help

Exit status: 0 when every file was ingested, 1 when a file could not be read or placed at all
(the readable ones are still written), 2 for bad options.
`,
    options: { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, jurisdiction: { type: 'string' }, 'max-bytes': { type: 'string' } },
    positionals: true,
  },
  seed: {
    help: `Usage: dutygraph seed [--db PATH]

Builds the graph from seeds/*.txt in one transaction. Running it again gives the same
graph: unchanged documents are skipped, changed ones replaced.

Options:
${DB_OPTION}
  -h, --help          show this help
`,
    options: { db: { type: 'string' } },
  },
  serve: {
    help: `Usage: dutygraph serve [--db PATH] [--host ADDRESS] [--port N] [--seed]

Serves the GraphQL API at http://HOST:PORT/graphql; a browser opening that address gets the
bundled GraphiQL (no script from any CDN). Listens on 127.0.0.1 only unless told otherwise.

Options:
${DB_OPTION}
  --host ADDRESS      address to listen on (default: $HOST, then 127.0.0.1; 0.0.0.0 for every interface)
  --port N            port (default: $PORT, then 4000)
  --seed              first seed the database when it is missing or seeds/ changed
  -h, --help          show this help
`,
    options: { db: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, seed: { type: 'boolean' } },
  },
  token: {
    help: `Usage: dutygraph token create --role viewer|editor|admin --name NAME [--db PATH]
       dutygraph token revoke --name NAME [--db PATH]

create prints a new API token once (only its hash is stored); send it as
"Authorization: Bearer <token>". Mutations need an editor token.
revoke makes a token unusable at once. Both are recorded in the audit trail.

Options:
  --role ROLE         viewer, editor or admin (create)
  --name NAME         who the token is for; its name appears as the actor in the audit trail
${DB_OPTION}
  -h, --help          show this help
`,
    options: { db: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    positionals: true,
  },
  audit: {
    help: `Usage: dutygraph audit verify [--db PATH]

Walks the audit trail and checks that every record follows the one before it and matches its
hash: exit 0 when the chain is intact, 1 naming the first record where it breaks.

Options:
${DB_OPTION}
  -h, --help          show this help
`,
    options: { db: { type: 'string' } },
    positionals: true,
  },
  export: {
    help: `Usage: dutygraph export --format xlsx|csv|jsonld|graphml [--document NUMBER] [--unit NAME [--jurisdiction CODE]] [--db PATH] --out FILE

Writes the graph, or one document's or one unit's part of it, as a file:
  xlsx     the 任务分工表 offices use, one sheet per document, laid out to print (A4 landscape,
           header repeated, a page per chapter): 序号, 重点任务, 牵头单位 and the other roles that
           occur (units as the document names them, full names in notes), 完成时限 and 进展 where
           a task has them, 依据 (the clauses)
  csv      the same table in one file (UTF-8 with BOM; a 文件 column first when several documents)
  jsonld   units, memberships and assignments in the W3C Organization Ontology / Popolo, with
           PROV for the clause behind each assignment
  graphml  units, tasks and documents; assignments, task links and membership as edges (Gephi, yEd)
The server offers the same files at GET /export?format=F&document=NUMBER&unit=NAME.

Options:
  --format F          xlsx, csv, jsonld or graphml
  --document NUMBER   only this document: its number 文号, its ID or its source file name
  --unit NAME         only the tasks this unit has a role in (name or alias), directly or through
                      a collective it belongs to; with --document, those of that document
  --jurisdiction CODE GB/T 2260 code choosing among units of the same alias (城区人民政府)
${DB_OPTION}
  --out FILE          where to write it
  -h, --help          show this help

Exit status: 0 when written, 1 when the document or unit is unknown or the name means several
units (the candidates are listed), 2 for bad options.
`,
    options: { db: { type: 'string' }, format: { type: 'string' }, document: { type: 'string' }, unit: { type: 'string' }, jurisdiction: { type: 'string' }, out: { type: 'string' } },
  },
  gen: {
    help: GEN_HELP,
    options: GEN_OPTIONS,
  },
  schema: {
    help: `Usage: dutygraph schema [--out FILE]

Writes the GraphQL schema, sorted, as SDL (default ${SCHEMA_FILE}).

Options:
  --out FILE          where to write it
  -h, --help          show this help
`,
    options: { out: { type: 'string' } },
  },
};
