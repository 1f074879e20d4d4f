/**
 * Parses the date range of a report or a re-score. A plain date
 * (2026-09-30) means that whole day in UTC, so `to` includes its day; a
 * date-time with an offset (2026-09-30T23:59:59+08:00) is taken as given.
 */
import { CallscoreError } from '../errors/registry.js';

/** A half-open range of instants [from, to), as ISO 8601 strings in UTC. */
export interface DateRange {
  from: string;
  to: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MS_PER_DAY = 86_400_000;
// Calls are recorded in this span; the database rejects instants far outside it.
const EARLIEST = Date.parse('1970-01-01T00:00:00Z');
const LATEST = Date.parse('2200-01-01T00:00:00Z');

function parseBound(field: 'from' | 'to', value: string): number {
  const text = value.trim();
  const ms = DATE_ONLY.test(text) ? Date.parse(`${text}T00:00:00Z`) : DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March, so a date must print back as itself.
  const exists = !DATE_ONLY.test(text) || (!Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text));
  if (!Number.isNaN(ms) && exists && (ms < EARLIEST || ms >= LATEST)) {
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field,
      reason: `${text.slice(0, 40)} is outside the supported range; give a date from 1970-01-01 to 2199-12-31`,
      reasonZh: `${text.slice(0, 40)} 超出支持的范围；请给出 1970-01-01 至 2199-12-31 之间的日期`,
    });
  }
  if (Number.isNaN(ms) || !exists) {
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field,
      reason: `"${text.slice(0, 40)}" is not a date; use YYYY-MM-DD or an ISO 8601 date-time with a time zone`,
      reasonZh: `"${text.slice(0, 40)}" 不是日期；请使用 YYYY-MM-DD 或带时区的 ISO 8601 日期时间`,
    });
  }
  // A plain `to` date includes that whole day.
  return field === 'to' && DATE_ONLY.test(text) ? ms + MS_PER_DAY : ms;
}

/** How errors name the two bounds: the API's field names, or the CLI's options. */
export type RangeNaming = 'fields' | 'options';

/**
 * Parses `from` and `to`; throws CS_ERR_VALIDATION for an unreadable bound or
 * a range that ends before it starts. `naming` decides whether the message
 * names the fields `from` and `to` or the options `--from` and `--to`.
 */
export function parseDateRange(from: string, to: string, naming: RangeNaming = 'fields'): DateRange {
  const start = parseBound('from', from);
  const end = parseBound('to', to);
  if (end <= start) {
    const toName = naming === 'options' ? '--to' : 'to';
    const fromName = naming === 'options' ? '--from' : 'from';
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: 'to',
      reason: `the range ends (${to}) before it starts (${from}); give a ${toName} later than ${fromName}`,
      reasonZh: `区间结束（${to}）早于开始（${from}）；请使 ${toName} 晚于 ${fromName}`,
    });
  }
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
