// The one way the explorer talks to the server: POST /graphql, as any client of the public API would.

export interface ExplorerConfig {
  endpoint: string;
  /** the GraphiQL page; a view's query is handed to it in the URL fragment */
  graphqlExplorer: string;
  exportPath: string;
}

export const config: ExplorerConfig = JSON.parse(document.getElementById('explorer-config')!.textContent!);

/** a GraphQL string literal (JSON's escapes are GraphQL's) */
export const lit = (value: unknown): string => JSON.stringify(String(value));

export const UNIT_FIELDS = 'id name level kind aliases jurisdiction { code name }';
export const TASK_FIELDS = 'id path title document { id number title }';

/** an error the API answered, with its code (CONFLICT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND …) */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function gql<T = any>(query: string, opts: { variables?: Record<string, unknown>; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(config.endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables: opts.variables }) });
  let body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`HTTP ${res.status}: the API did not answer with JSON`);
  }
  if (body.errors?.length) {
    const [first] = body.errors;
    throw new ApiError(body.errors.map((e) => e.message).join('; '), first.extensions?.code as string | undefined, first.extensions ?? {});
  }
  if (!res.ok) throw new ApiError(`HTTP ${res.status}`);
  return body.data as T;
}

// An editor's API token, pasted into the page: kept for this tab only (sessionStorage), never in a URL.
const TOKEN_KEY = 'dutygraph.editorToken';
/** where the token lives when the browser refuses storage (a private window's policy): until the page closes */
let tokenInMemory = '';

export function editorToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return tokenInMemory;
  }
}

export function setEditorToken(token: string): void {
  tokenInMemory = token;
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // kept in memory only
  }
}
