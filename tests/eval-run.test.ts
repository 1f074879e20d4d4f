import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { CallAnalysis, Finding } from '../src/domain/pitfalls.js';
import type { Transcript } from '../src/domain/transcript.js';
import { isCallscoreError } from '../src/errors/registry.js';
import { evaluate, formatEvalReport, formatEvalReportJson } from '../src/eval/run.js';

const conversations = [
  {
    id: 'zh-r1',
    lang: 'zh',
    callEnded: true,
    turns: [
      { speaker: 'customer', text: '价格太高了。', startMs: 0, endMs: 1500 },
      { speaker: 'rep', text: '我们是全网最低价。', startMs: 1700, endMs: 3900 },
    ],
    pitfalls: [{ type: 'objection_ignored', turn: 1 }, { type: 'absolute_claim', turn: 1 }],
    objections: [{ type: 'price', turn: 0, depth: 0 }],
  },
  {
    id: 'en-r1',
    lang: 'en',
    callEnded: false,
    turns: [
      { speaker: 'customer', text: 'We already use another tool.' },
      { speaker: 'rep', text: 'We will get back to you soon.' },
    ],
    pitfalls: [{ type: 'vague_commitment', turn: 1 }],
    objections: [],
  },
];

const goldFile = join(mkdtempSync(join(tmpdir(), 'callscore-eval-')), 'gold.jsonl');
writeFileSync(goldFile, conversations.map((conversation) => JSON.stringify(conversation)).join('\n'));

function finding(type: Finding['type'], turnIndex: number): Finding {
  return { type, severity: 'major', turnIndex, span: { start: 0, end: 2 }, confidence: 0.7, evidence: [] };
}

// Finds the absolute claim by its phrase and flags every rep turn as vague.
function stubDetector(transcript: Transcript): CallAnalysis {
  const findings: Finding[] = [];
  transcript.turns.forEach((turn, index) => {
    if (turn.speaker !== 'rep') {
      return;
    }
    findings.push(finding('vague_commitment', index));
    if (turn.text.includes('最低')) {
      findings.push(finding('absolute_claim', index));
    }
  });
  return { findings, objections: [], skippedDetectors: transcript.callEnded ? [] : ['no_next_step'] };
}

describe('evaluate', () => {
  it('scores a stub detector on a gold file', async () => {
    const seen: Transcript[] = [];
    const report = await evaluate(goldFile, (transcript) => {
      seen.push(transcript);
      return stubDetector(transcript);
    });

    expect(seen).toHaveLength(2);
    expect(seen[0]!.rolesKnown).toBe(true);
    expect(seen[1]!.callEnded).toBe(false);
    expect(report.conversations).toBe(2);

    const scoreOf = (type: string) => report.metrics.pitfalls.perType.find((score) => score.type === type)!;
    expect(scoreOf('absolute_claim').f1).toBe(1);
    expect(scoreOf('vague_commitment').precision).toBe(0.5);
    expect(scoreOf('objection_ignored').recall).toBe(0);
    expect(report.metrics.objections.recall).toBe(0);
  });

  it('summarises each language present', async () => {
    const report = await evaluate(goldFile, stubDetector);
    expect(report.byLanguage.map((summary) => summary.language)).toEqual(['zh', 'en']);
    expect(report.byLanguage[1]!.pitfallMicroF1).toBe(1);
  });

  it('counts skipped detectors', async () => {
    const report = await evaluate(goldFile, stubDetector);
    expect(report.skippedDetectors).toEqual([{ type: 'no_next_step', conversations: 1 }]);
  });

  it('accepts an async detector', async () => {
    const report = await evaluate(goldFile, async (transcript) => stubDetector(transcript));
    expect(report.metrics.pitfalls.micro.truePositives).toBe(2);
  });

  it('loads analyzeTranscript by default', async () => {
    const report = await evaluate(goldFile);
    expect(report.conversations).toBe(2);
    expect(report.metrics.pitfalls.perType).toHaveLength(12);
  });

  it('names the conversation a detector fails on', async () => {
    const failing = (transcript: Transcript): CallAnalysis => {
      if (transcript.turns[0]!.text.startsWith('We')) {
        throw new Error('tokenizer crashed');
      }
      return stubDetector(transcript);
    };
    const error = await evaluate(goldFile, failing).catch((caught: unknown) => caught);
    expect(isCallscoreError(error, 'CS_ERR_EVAL_DETECTOR_FAILED')).toBe(true);
    expect((error as Error).message).toContain('"en-r1"');
    expect((error as Error).message).toContain('tokenizer crashed');
  });
});

describe('formatEvalReport', () => {
  it('renders the English tables', async () => {
    const text = formatEvalReport(await evaluate(goldFile, stubDetector), 'en');
    expect(text).toContain('2 conversations');
    expect(text).toMatch(/absolute claim \(absolute_claim\)\s+1\s+1\s+1\s+0\s+0\s+1\.000\s+1\.000\s+1\.000/);
    expect(text).toContain('left out of the macro mean');
    expect(text).toContain('no_next_step: skipped on 1 conversation');
    expect(text).toContain('zh-r1#1');
  });

  it('renders the Chinese tables', async () => {
    const text = formatEvalReport(await evaluate(goldFile, stubDetector), 'zh-CN');
    expect(text).toContain('共 2 个会话');
    expect(text).toContain('绝对化用语 (absolute_claim)');
    expect(text).toContain('宏平均 F1');
    expect(text).toContain('未计入宏平均');
  });

  it('writes control characters of an id as escapes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'callscore-eval-')), 'escape.jsonl');
    writeFileSync(file, JSON.stringify({ ...conversations[0], id: 'zh\u001b[31mred\nx' }));
    const text = formatEvalReport(await evaluate(file, stubDetector), 'en');
    expect(text).toContain('zh\\u001b[31mred\\u000ax#1');
    expect(text).not.toContain('\u001b');
    expect(text).toContain('1 conversation (zh 1)');
    expect(text).toContain('(mean over');
  });

  it('shortens long error lists', async () => {
    const text = formatEvalReport(await evaluate(goldFile, stubDetector), 'en', { maxListed: 0 });
    expect(text).toContain('... and 1 more (see --json)');
  });
});

describe('formatEvalReportJson', () => {
  it('round-trips the report', async () => {
    const report = await evaluate(goldFile, stubDetector);
    expect(JSON.parse(formatEvalReportJson(report))).toEqual(report);
  });
});
