// Defaults the CLI's help prints: kept apart from the modules that use them, so that
// `dutygraph --help` loads nothing else.

/** the SQLite database file when neither --db nor DUTYGRAPH_DB says */
export const DEFAULT_DB = 'data/dutygraph.sqlite';
/** the largest file ingest reads (DUTYGRAPH_MAX_INPUT_BYTES, --max-bytes) */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/** where `dutygraph schema` writes the SDL */
export const SCHEMA_FILE = 'schema/schema.graphql';
