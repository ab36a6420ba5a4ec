import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import { isDatabaseUnavailable, sendDatabaseUnavailable, sendError } from '../../graphql/errors.js';
import { GraphQLError } from 'graphql';
import { ApiToken, TOKEN_ROLES, type TokenRole } from './api-token.entity.js';
import { recordChange } from '../audit-trail/audit.service.js';
import { takingTurns } from '../../orm.js';

/** who is asking: a token's name and role, or nobody */
export interface Auth {
  actor: string;
  role: TokenRole;
}

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createToken(orm: MikroORM, name: string, role: string): Promise<string> {
  if (!TOKEN_ROLES.includes(role as TokenRole)) throw new Error(`--role must be one of ${TOKEN_ROLES.join(', ')}, got "${role}"`);
  if (!/^[\w.@-]{1,64}$/.test(name)) throw new Error(`--name must be 1–64 letters, digits, or . _ @ -, got "${name}"`);
  const token = `dg_${randomBytes(24).toString('base64url')}`;
  await takingTurns(() =>
    orm.em.fork().transactional(async (em) => {
      if (await em.findOne(ApiToken, { name })) throw new Error(`a token named "${name}" exists already`);
      em.create(ApiToken, { name, role: role as TokenRole, hash: hashToken(token), createdAt: new Date().toISOString() });
      await em.flush();
      await recordChange(em, { actor: 'cli', operation: 'CREATE_TOKEN', entity: 'ApiToken', entityKey: name, before: null, after: { name, role } });
    }),
  );
  return token;
}

export async function revokeToken(orm: MikroORM, name: string): Promise<void> {
  await takingTurns(() =>
    orm.em.fork().transactional(async (em) => {
      const token = await em.findOne(ApiToken, { name, revokedAt: null });
      if (!token) throw new Error(`no active token named "${name}"`);
      token.revokedAt = new Date().toISOString();
      await em.flush();
      await recordChange(em, { actor: 'cli', operation: 'REVOKE_TOKEN', entity: 'ApiToken', entityKey: name, before: { name, role: token.role }, after: { name, role: token.role, revokedAt: token.revokedAt } });
    }),
  );
}

/** the Auth of an Authorization header; null without one; an UNAUTHENTICATED error for a bad one */
export async function authenticate(orm: MikroORM, header: string | undefined): Promise<Auth | null> {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const token = m ? await orm.em.fork().findOne(ApiToken, { hash: hashToken(m[1]), revokedAt: null }) : null;
  if (!token) throw unauthenticated();
  return { actor: token.name, role: token.role };
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('a valid API token is required (Authorization: Bearer …)', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * The caller of an HTTP request, null for none; a 401 is sent (and undefined returned) for a bad
 * token, or for none when reads need one.
 */
export async function authenticateRequest(orm: MikroORM, req: IncomingMessage, res: ServerResponse, tokenRequired: boolean): Promise<Auth | null | undefined> {
  try {
    const auth = await authenticate(orm, req.headers.authorization);
    if (!auth && tokenRequired) requireRole(null, 'viewer');
    return auth;
  } catch (error) {
    // the token could not be looked up: that is the database's fault, not the caller's
    if (isDatabaseUnavailable(error)) sendDatabaseUnavailable(res);
    else sendError(res, 401, (error as Error).message, { code: 'UNAUTHENTICATED' }, { 'www-authenticate': 'Bearer' });
    return undefined;
  }
}

/** the caller holds at least this role: UNAUTHENTICATED without a token, FORBIDDEN with too weak a one */
export function requireRole(auth: Auth | null, role: TokenRole): Auth {
  if (!auth) throw unauthenticated();
  if (TOKEN_ROLES.indexOf(auth.role) < TOKEN_ROLES.indexOf(role)) {
    throw new GraphQLError(`this needs an ${role} token`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  }
  return auth;
}
