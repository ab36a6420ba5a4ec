import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { authenticateRequest } from '../auth/auth.service.js';
import { isDatabaseUnavailable, sendDatabaseUnavailable, sendError } from '../../graphql/errors.js';
import { exportFile, exportFormat } from './export.service.js';

/** Content-Disposition with the name for every browser: an ASCII fallback, and the real name in RFC 5987 form */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987 attr-char does not allow ' ( ) *
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * GET /export?format=xlsx|csv|jsonld|graphml[&document=文号|ID][&unit=名称[&jurisdiction=CODE]]: the same files as
 * `dutygraph export`, as downloads. Bad input is a 400 in the API's error shape (a code in extensions).
 */
export async function handleExport(orm: MikroORM, req: IncomingMessage, res: ServerResponse, url: URL, tokenRequired: boolean): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'export: use GET', { code: 'BAD_REQUEST' }, { allow: 'GET, HEAD' });
  if ((await authenticateRequest(orm, req, res, tokenRequired)) === undefined) return;
  const q = url.searchParams;
  try {
    const file = await exportFile(orm, exportFormat(q.get('format') ?? undefined), { document: q.get('document'), unit: q.get('unit'), jurisdiction: q.get('jurisdiction') });
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.fileName),
      'content-length': String(file.body.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  } catch (error) {
    if (error instanceof GraphQLError) return sendError(res, 400, error.message, { code: 'BAD_USER_INPUT', ...error.extensions });
    if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(res);
    throw error;
  }
}
