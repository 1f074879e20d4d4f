/**
 * Security headers on every response, the page and the API alike: no
 * framing (against clickjacking), no MIME sniffing, no Referer to other
 * origins, and a content security policy that allows only this server's
 * own scripts, styles, media and requests.
 */
import type { FastifyInstance } from 'fastify';

/**
 * The page loads its module script, stylesheet and audio from this origin
 * and its icon as a data: URL; it has no inline scripts or style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Adds the headers in an onSend hook, so error and not-found responses carry them too. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
    return payload;
  });
}
