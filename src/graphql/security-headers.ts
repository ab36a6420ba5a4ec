// Headers that keep browsers from misreading or framing what the server sends.
import { createHash } from 'node:crypto';

/** on every response: no content sniffing, no framing, no referrer leaving for other sites */
export const BASE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * An HTML page's Content-Security-Policy: scripts from this server and the page's own inline
 * scripts (by hash) only, nothing from a CDN; requests to this server only; framed by no one.
 * Styles may be inline: GraphiQL and cytoscape set them from script.
 */
export function pageHeaders(inlineScripts: string[] = []): Record<string, string> {
  const hashes = inlineScripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  const policy = [
    "default-src 'self'",
    ['script-src', "'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { 'content-security-policy': policy };
}
