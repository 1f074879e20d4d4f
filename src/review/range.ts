/**
 * Optional call-start bounds of the review endpoints, read like report
 * ranges: a plain `to` date includes its day. A missing bound leaves that
 * side open.
 */
import { parseDateRange } from '../reports/range.js';

/** Bounds as ISO 8601 instants, `from` included and `to` excluded; an absent side is open. */
export interface OptionalRange {
  from?: string;
  to?: string;
}

// The widest range that parseDateRange accepts, used for an open side.
const EARLIEST_DAY = '1970-01-01';
const LATEST_DAY = '2199-12-31';

/** Parses the bounds that were given; throws CS_ERR_VALIDATION like parseDateRange. */
export function parseOptionalRange(from: string | undefined, to: string | undefined): OptionalRange {
  if (from === undefined && to === undefined) return {};
  const range = parseDateRange(from ?? EARLIEST_DAY, to ?? LATEST_DAY);
  return { ...(from !== undefined ? { from: range.from } : {}), ...(to !== undefined ? { to: range.to } : {}) };
}
