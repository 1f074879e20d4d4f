/**
 * Fuzzing of the parsers that read untrusted input: transcript files
 * (JSON, WebVTT, SRT), batch manifests, contract clause text and personal
 * data redaction.
 * Each property runs a fixed number of cases from a fixed seed, so CI runs
 * the same inputs every time. A failure prints the seed and the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCallscoreError } from '../src/errors/registry.js';
import { parseTranscript, type TranscriptKind } from '../src/ingest/transcript/index.js';
import { parseContractText } from '../src/nlu/contract-clauses.js';
import { parseManifest } from '../src/jobs/manifest.js';
import { EMPTY_GLOSSARY } from '../src/nlu/glossary.js';
import { findPersonalData } from '../src/privacy/detect.js';
import { redactText } from '../src/privacy/redact.js';

const RUNS = { numRuns: 300, seed: 20261204 };

const KINDS: TranscriptKind[] = ['transcript-json', 'transcript-vtt', 'transcript-srt'];

// Text made of the pieces transcript parsers react to, so cases reach past the first syntax check.
const transcriptPiece = fc.constantFrom(
  'WEBVTT\n\n', '1\n', '00:00:01.000 --> 00:00:02.500\n', '00:00:01,000 --> 00:00:02,500\n', '<v Rep>', '</v>', 'Rep: ', '客户：',
  '{"turns":[', '{"speaker":"rep","text":"', '"}', ']}', ',', '"startMs":', '-1', '1e309', 'null', '\n\n', '\r\n', '\u0000', '\uFEFF',
  '价格太贵了', '13812345678', '"', '\\', '[', '{',
);
const transcriptText = fc.oneof(fc.string({ maxLength: 400 }), fc.array(transcriptPiece, { maxLength: 60 }).map((parts) => parts.join('')));

function expectOnlyTranscriptErrors(run: () => unknown): void {
  try {
    const transcript = run() as { turns: Array<{ text: string; startMs?: number; endMs?: number }> };
    for (const turn of transcript.turns) {
      expect(typeof turn.text).toBe('string');
      if (turn.startMs !== undefined) expect(Number.isFinite(turn.startMs)).toBe(true);
      if (turn.endMs !== undefined) expect(Number.isFinite(turn.endMs)).toBe(true);
    }
  } catch (error) {
    if (!isCallscoreError(error, 'CS_ERR_TRANSCRIPT_INVALID')) throw error;
  }
}

describe('transcript parsers', () => {
  it.each(KINDS)('%s returns turns or CS_ERR_TRANSCRIPT_INVALID', (kind) => {
    fc.assert(
      fc.property(transcriptText, (text) => expectOnlyTranscriptErrors(() => parseTranscript(text, kind, 'fuzz.txt'))),
      RUNS,
    );
  });

  it('JSON parser handles arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) =>
        expectOnlyTranscriptErrors(() => parseTranscript(JSON.stringify(value), 'transcript-json', 'fuzz.json')),
      ),
      RUNS,
    );
  });
});

describe('manifest parser', () => {
  const header = 'path,dealId,repId,startedAt,callId,channelLayout,language,teamId\n';
  const cell = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('a.wav', '../x.wav', '/abs/b.mp3', 'D-1', 'R-1', '2026-11-03T10:00:00+08:00', 'mono', 'zh', '"', '""', '\n', '\r\n', ','),
  );
  const row = fc.array(cell, { maxLength: 9 }).map((cells) => cells.join(','));
  const manifest = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    fc.array(row, { maxLength: 20 }).map((rows) => Buffer.from(header + rows.join('\n'))),
  );

  it('returns rows and row errors or CS_ERR_MANIFEST_INVALID', () => {
    fc.assert(
      fc.property(manifest, (bytes) => {
        try {
          const parsed = parseManifest(bytes, { baseDir: '/data/import', teamId: 'default' });
          for (const item of parsed.rows) expect(item.path.startsWith('/')).toBe(true);
          for (const item of parsed.errors) expect(item.error.code).toBe('CS_ERR_MANIFEST_ROW');
        } catch (error) {
          if (!isCallscoreError(error, 'CS_ERR_MANIFEST_INVALID')) throw error;
        }
      }),
      RUNS,
    );
  });
});

describe('contract clause parser', () => {
  const clausePiece = fc.constantFrom('响应时间', '不超过', '4小时', '99.9%', '每年', '乙方应', 'shall', 'within 30 days', '。', '；', '\n', '第3条', '万元', '-', '0');
  const clauseText = fc.oneof(fc.string({ maxLength: 300 }), fc.array(clausePiece, { maxLength: 40 }).map((parts) => parts.join('')));

  it('returns clauses quoting the text', () => {
    fc.assert(
      fc.property(clauseText, (text) => {
        const clauses = parseContractText(text, EMPTY_GLOSSARY);
        expect(Array.isArray(clauses)).toBe(true);
        for (const clause of clauses) {
          expect(typeof clause.text).toBe('string');
          if (clause.value !== null) expect(Number.isFinite(clause.value)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('redaction', () => {
  const digitPiece = fc.constantFrom('1', '3', '8', '0', '9', 'X', '一', '幺', '三', '八', 'one', 'double', 'five', ' ', '-', '(', ')', '+', '@', '.', 'a', '号');
  const mixedText = fc.oneof(fc.string({ maxLength: 200 }), fc.array(digitPiece, { maxLength: 80 }).map((parts) => parts.join('')));

  it('matches are ordered, disjoint and inside the text', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        let previousEnd = 0;
        for (const match of findPersonalData(text)) {
          expect(match.start).toBeGreaterThanOrEqual(previousEnd);
          expect(match.end).toBeGreaterThan(match.start);
          expect(match.end).toBeLessThanOrEqual(text.length);
          previousEnd = match.end;
        }
      }),
      RUNS,
    );
  });

  it('spans point at placeholders in the output', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const result = redactText(text);
        for (const redaction of result.redactions) expect(result.text.slice(redaction.start, redaction.end)).toMatch(/^\[[^\]]+\]$/);
      }),
      RUNS,
    );
  });

  it('masking twice changes nothing more', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const once = redactText(text).text;
        expect(redactText(once).text).toBe(once);
      }),
      RUNS,
    );
  });
});
