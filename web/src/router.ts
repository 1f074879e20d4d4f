/**
 * Hash routes of the page, such as `#/calls/C-1` or `#/queue?type=absolute_claim`.
 * Hash routes need no server support beyond serving index.html at /.
 */

/** The parsed current route. */
export interface Route {
  /** Route name, such as `call` for `#/calls/:id`. */
  name: 'sign-in' | 'queue' | 'calls' | 'call' | 'deal' | 'notes' | 'precision' | 'home' | 'unknown';
  /** Path parameter, such as the call id. */
  id: string | null;
  query: URLSearchParams;
}

/** Parses a location hash into a route. */
export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const questionMark = text.indexOf('?');
  const path = questionMark >= 0 ? text.slice(0, questionMark) : text;
  const query = new URLSearchParams(questionMark >= 0 ? text.slice(questionMark + 1) : '');
  const segments = path.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));

  const [first, second] = segments;
  if (segments.length === 0) return { name: 'home', id: null, query };
  if (segments.length === 1) {
    if (first === 'sign-in') return { name: 'sign-in', id: null, query };
    if (first === 'queue') return { name: 'queue', id: null, query };
    if (first === 'calls') return { name: 'calls', id: null, query };
    if (first === 'notes') return { name: 'notes', id: null, query };
    if (first === 'precision') return { name: 'precision', id: null, query };
  }
  if (segments.length === 2 && second) {
    if (first === 'calls') return { name: 'call', id: second, query };
    if (first === 'deals') return { name: 'deal', id: second, query };
  }
  return { name: 'unknown', id: null, query };
}

/** Builds a hash for a route path and query, leaving out empty query values. */
export function hashOf(path: string, query: Record<string, string | null | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) search.set(name, value);
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** Href of a call page, optionally opening at a time in ms or on a finding. */
export function callHref(callId: string, open: { atMs?: number | null; findingId?: string | number } = {}): string {
  return hashOf(`/calls/${encodeURIComponent(callId)}`, {
    t: open.atMs === null || open.atMs === undefined ? null : String(Math.round(open.atMs)),
    finding: open.findingId === undefined ? null : String(open.findingId),
  });
}

/** Href of a deal panel. */
export function dealHref(dealId: string): string {
  return `#/deals/${encodeURIComponent(dealId)}`;
}

/** Goes to a hash; the hashchange listener renders it. */
export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
