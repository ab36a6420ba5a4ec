import { GraphQLError } from 'graphql';

/** the codes clients can rely on in `extensions.code` */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'AMBIGUOUS' | 'CONFLICT';

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badInput(argumentName: string, message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${argumentName}: ${message}`, { argumentName });
}
