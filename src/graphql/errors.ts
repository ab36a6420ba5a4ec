import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';

/** the codes clients can rely on in `extensions.code` */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'AMBIGUOUS' | 'CONFLICT' | 'TIMEOUT';

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

/** a refusal by the HTTP layer in the GraphQL response shape, so every client reads it the same way */
export function sendError(res: ServerResponse, status: number, message: string, extensions: { code: string } & Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions }] }));
}
