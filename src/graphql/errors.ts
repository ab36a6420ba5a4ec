import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';

/** the codes clients can rely on in `extensions.code` */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'AMBIGUOUS' | 'CONFLICT' | 'TIMEOUT' | 'RATE_LIMITED' | 'CLIENT_CLOSED_REQUEST';

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badInput(argumentName: string, message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${argumentName}: ${message}`, { argumentName });
}

/**
 * An operation stopped at the execution time limit. A 400, like the cost limit: the request as
 * written asks for more work than one request is given, and asking for less is the way out. Not
 * 408, which says the client was slow to send and which browsers and proxies may resend by themselves.
 */
export function timeoutError(limitMs: number): GraphQLError {
  return apiError('TIMEOUT', `the operation ran longer than the limit of ${limitMs} ms and was stopped: ask for smaller pages (first) or fewer nested lists`, {
    timeoutMs: limitMs,
    http: { status: 400 },
  });
}

/** the client closed its connection before the answer was ready: the statement was stopped (nobody reads this, nor should the operator's log) */
export function clientGoneError(): GraphQLError {
  return apiError('CLIENT_CLOSED_REQUEST', 'the client closed the connection before the answer was ready; its statements were stopped', { http: { status: 499 } });
}

/** a refusal by the HTTP layer in the GraphQL response shape, so every client reads it the same way */
export function sendError(res: ServerResponse, status: number, message: string, extensions: { code: string } & Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions }] }));
}

// what drivers say when the database cannot be reached: refused, reset, shut down, not accepting
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '55000']);
const UNREACHABLE_MESSAGE = /ECONNREFUSED|Connection terminated|terminating connection|database system is (starting up|shutting down|in recovery)|does not allow connections|not currently accepting connections|Timeout acquiring a connection|Client has encountered a connection error|Connection ended unexpectedly/i;

/** the error (or one it wraps) says the database cannot be reached now — not that the request is wrong */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 6; depth++) {
    if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNREACHABLE_MESSAGE.test(e.message)) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/** seconds a client is asked to wait before trying again while the database is away */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** the answer to any request while the database is away: 503, with when to try again */
export function sendDatabaseUnavailable(res: ServerResponse): void {
  sendError(res, 503, 'the database cannot be reached just now; try again shortly', { code: SERVICE_UNAVAILABLE }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}
