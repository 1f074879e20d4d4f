/** Manifest reading: CSV syntax, header checks, per-row errors with line numbers, and date ranges. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/jobs/csv.js';
import { parseManifest } from '../src/jobs/manifest.js';
import { parseDateRange } from '../src/reports/range.js';
import { tableToCsv } from '../src/reports/csv.js';
import { isCallscoreError } from '../src/errors/registry.js';

const OPTIONS = { baseDir: '/data/q3', teamId: 'east' };

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    const records = parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('skips a byte order mark and blank lines', () => {
    const records = parseCsv('\uFEFFa\n\n\nb');
    expect(records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('rejects an unclosed quote with its line', () => {
    expect(() => parseCsv('a\n"open,b\n')).toThrow(/line 2: a quoted field is never closed/);
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(/line 1: text follows a closing quote/);
  });
});

describe('parseManifest', () => {
  const header = 'path,callId,dealId,repId,startedAt,channelLayout,language';

  it('accepts a good row with defaults and the batch team', () => {
    const parsed = parseManifest(Buffer.from(`${header}\ncalls/a.json,crm-1,D-1,R-1,2026-07-01T09:00:00+08:00,,\n`), OPTIONS);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]!.path).toBe('/data/q3/calls/a.json');
    expect(parsed.rows[0]!.fields).toMatchObject({ callId: 'crm-1', teamId: 'east', channelLayout: 'mono', language: 'auto' });
  });

  it.each([
    { row: 'a.json,crm 1,D-1,R-1,2026-07-01T09:00:00Z,mono,en', field: 'callId' },
    { row: 'a.json,crm-1,,R-1,2026-07-01T09:00:00Z,mono,en', field: 'dealId' },
    { row: 'a.json,crm-1,D-1,R-1,2026-07-01,mono,en', field: 'startedAt' },
    { row: 'a.json,crm-1,D-1,R-1,2026-07-01T09:00:00Z,quad,en', field: 'channelLayout' },
    { row: 'a.json,crm-1,D-1,R-1,2026-07-01T09:00:00Z,mono,fr', field: 'language' },
    { row: ',crm-1,D-1,R-1,2026-07-01T09:00:00Z,mono,en', field: 'path' },
    { row: 'a.json,crm-1,D-1', field: 'row' },
  ])('reports an invalid $field with its line', ({ row, field }) => {
    const parsed = parseManifest(Buffer.from(`${header}\n${row}\n`), OPTIONS);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.line).toBe(2);
    expect(parsed.errors[0]!.field).toBe(field);
    expect(parsed.errors[0]!.error.code).toBe('CS_ERR_MANIFEST_ROW');
    expect(parsed.errors[0]!.error.messageIn('en')).toContain('Manifest line 2');
    expect(parsed.errors[0]!.error.messageIn('zh-CN')).toContain('清单第 2 行');
  });

  it('startedAt without zone: bilingual hint', () => {
    const parsed = parseManifest(Buffer.from(`${header}\na.json,crm-1,D-1,R-1,2026-11-05T10:00:00,mono,en\n`), OPTIONS);
    const error = parsed.errors[0]!.error;

    expect(error.messageIn('en')).toContain('2026-11-05T10:00:00');
    expect(error.messageIn('en')).toContain('with a time zone');
    expect(error.messageIn('zh-CN')).toContain('带时区');
    expect(error.messageIn('zh-CN')).not.toContain('Invalid');
  });

  it('requires absolute paths without a base folder', () => {
    const parsed = parseManifest(Buffer.from(`${header}\na.json,c,D,R,2026-07-01T09:00:00Z,mono,en\n`), { baseDir: null, teamId: 'east' });
    expect(parsed.errors[0]!.field).toBe('path');
    expect(parsed.errors[0]!.error.messageIn('en')).toContain('absolute');
  });

  it('keeps good rows beside bad ones', () => {
    const text = `${header}\na.json,c1,D,R,2026-07-01T09:00:00Z,mono,en\nb.json,c2,D,R,bad,mono,en\nc.json,c3,D,R,2026-07-02T09:00:00Z,mono,en\n`;
    const parsed = parseManifest(Buffer.from(text), OPTIONS);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(parsed.errors.map((error) => error.line)).toEqual([3]);
  });

  it.each([
    { text: 'path,dealId\n', reason: 'missing column(s) repId, startedAt' },
    { text: `${header},color\n`, reason: 'unknown column(s) color' },
    { text: '', reason: 'it is empty' },
  ])('rejects the header: $reason', ({ text, reason }) => {
    try {
      parseManifest(Buffer.from(text), OPTIONS);
      expect.unreachable();
    } catch (error) {
      expect(isCallscoreError(error, 'CS_ERR_MANIFEST_INVALID')).toBe(true);
      expect((error as Error).message).toContain(reason);
    }
  });

  it('rejects text that is not UTF-8', () => {
    const gbk = Buffer.from([0x70, 0x61, 0x74, 0x68, 0x0a, 0xc4, 0xe3, 0xba, 0xc3]);
    expect(() => parseManifest(gbk, OPTIONS)).toThrow(/not UTF-8/);
  });
});

describe('parseDateRange', () => {
  it('includes the whole last day of plain dates', () => {
    expect(parseDateRange('2026-07-01', '2026-09-30')).toEqual({ from: '2026-07-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' });
  });

  it('takes date-times with offsets as given', () => {
    expect(parseDateRange('2026-07-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00')).toEqual({
      from: '2026-06-30T16:00:00.000Z',
      to: '2026-09-30T16:00:00.000Z',
    });
  });

  it.each([
    { from: '2026-7-1', to: '2026-09-30', field: 'from' },
    { from: '2026-07-01', to: 'tomorrow', field: 'to' },
    { from: '2026-07-01T00:00:00', to: '2026-09-30', field: 'from' },
    { from: '2026-09-30', to: '2026-07-01', field: 'to' },
  ])('rejects from $from to $to', ({ from, to, field }) => {
    expect(() => parseDateRange(from, to)).toThrow(new RegExp(`"${field}"`));
  });
});

describe('tableToCsv', () => {
  it('quotes separators and defuses formulas', () => {
    const csv = tableToCsv({ title: 'Reps', header: ['Rep', 'Score'], rows: [['=HYPERLINK("x")', 81.5], ['Li, Wei', null]] });
    expect(csv).toBe('\uFEFFRep,Score\r\n"\'=HYPERLINK(""x"")",81.5\r\n"Li, Wei",\r\n');
  });
});
