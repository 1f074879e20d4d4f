/**
 * Reads an HTTP Range header (RFC 9110, section 14) for one file of a known
 * size, so an audio element can seek. One byte range is served. A header
 * with several ranges or another unit is ignored and the whole file is sent,
 * as the RFC allows.
 */

/**
 * Response to send: the whole file, one byte range (inclusive ends), or 416
 * for a range outside the file or a bytes range that does not parse.
 */
export type RangeDecision = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' } | { kind: 'malformed' };

const BYTES_UNIT = /^\s*bytes\s*=\s*(.*)$/i;
const RANGE_SPEC = /^(\d*)-(\d*)$/;

/** Decides the response to `header` for a file of `size` bytes. */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const unit = BYTES_UNIT.exec(header);
  if (!unit) return { kind: 'full' };

  const specs = unit[1]!.split(',').map((spec) => spec.trim());
  if (specs.length > 1) return { kind: 'full' };

  const match = RANGE_SPEC.exec(specs[0]!);
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'malformed' };
  if (size === 0) return { kind: 'unsatisfiable' };

  // A suffix range "-N" requests the last N bytes.
  if (match[1] === '') {
    const length = Number(match[2]);
    if (length === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }

  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Number(match[2]);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
