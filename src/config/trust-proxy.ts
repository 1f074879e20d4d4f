/**
 * Parses CALLSCORE_TRUST_PROXY into fastify's `trustProxy` option. A trusted
 * proxy's X-Forwarded-Proto decides whether the session cookie gets Secure,
 * and its X-Forwarded-For is the client address that rate limits count.
 */
import { isIP } from 'node:net';

/** Proxies to trust: none (false), every one (true), or a list of addresses, CIDR ranges and range names. */
export type TrustProxy = boolean | string[];

// Named ranges that fastify's proxy-addr accepts.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Returns the trusted proxies for `value`: "true", "false", or a
 * comma-separated list of IP addresses, CIDR ranges and the names loopback,
 * linklocal and uniquelocal. An empty value (CALLSCORE_TRUST_PROXY= in an env
 * file) means unset and trusts no proxy. Returns an error reason for anything else.
 */
export function parseTrustProxy(value: string): TrustProxy | { invalid: string } {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  // fastify 5.12.8 ignores the forwarded headers for a hop count, so a number would silently trust nothing.
  if (/^\d+$/.test(trimmed)) return { invalid: `a hop count ("${trimmed}") is not supported` };

  const entries = trimmed.split(',').map((entry) => entry.trim());
  const invalid = entries.find((entry) => !isTrustEntry(entry));
  if (invalid !== undefined) {
    return { invalid: `"${invalid}" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal` };
  }
  return entries;
}

function isTrustEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // proxy-addr also accepts an IPv4 netmask such as 255.255.0.0 after the slash.
  if (version === 4 && isIP(prefix) === 4) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}
