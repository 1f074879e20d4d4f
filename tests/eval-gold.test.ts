import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { isCallscoreError } from '../src/errors/registry.js';
import type { CallscoreError } from '../src/errors/registry.js';
import { MAX_GOLD_LINE_BYTES, readGoldFile, toTranscript } from '../src/eval/gold.js';

const validConversation = {
  id: 'zh-t1',
  lang: 'zh',
  callEnded: true,
  turns: [
    { speaker: 'customer', text: '你们这个价格比预算高了三成。', startMs: 0, endMs: 3900 },
    { speaker: 'rep', text: '我理解，您的预算主要卡在哪一块？', startMs: 4100, endMs: 8000 },
    { speaker: 'customer', text: '一次性投入。', startMs: 8200, endMs: 9800 },
    { speaker: 'rep', text: '我们可以分期，我周三前发方案给您。', startMs: 10000, endMs: 15500 },
  ],
  pitfalls: [],
  objections: [{ type: 'price', turn: 0, depth: 3 }],
};

const directory = mkdtempSync(join(tmpdir(), 'callscore-gold-'));

function writeGold(name: string, lines: string[]): string {
  const file = join(directory, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function variant(change: (conversation: Record<string, unknown>) => void): string {
  const copy = structuredClone(validConversation) as unknown as Record<string, unknown>;
  change(copy);
  return JSON.stringify(copy);
}

async function readError(file: string): Promise<CallscoreError> {
  try {
    await readGoldFile(file);
  } catch (error) {
    if (isCallscoreError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error(`reading ${file} did not fail`);
}

type Turns = typeof validConversation.turns;

const malformedLines: Array<{ name: string; line: string; field: string }> = [
  { name: 'bad JSON', line: '{"id": "zh-t1",', field: '(line)' },
  { name: 'JSON array', line: '[1, 2]', field: '(line)' },
  { name: 'missing callEnded', line: variant((c) => delete c.callEnded), field: 'callEnded' },
  { name: 'missing turns', line: variant((c) => delete c.turns), field: 'turns' },
  { name: 'empty turns', line: variant((c) => (c.turns = [])), field: 'turns' },
  { name: 'unknown language', line: variant((c) => (c.lang = 'fr')), field: 'lang' },
  { name: 'unknown speaker', line: variant((c) => ((c.turns as Turns)[1]!.speaker = 'agent')), field: 'turns[1].speaker' },
  { name: 'empty text', line: variant((c) => ((c.turns as Turns)[2]!.text = '')), field: 'turns[2].text' },
  { name: 'blank text', line: variant((c) => ((c.turns as Turns)[2]!.text = '   ')), field: 'turns[2].text' },
  { name: 'blank id', line: variant((c) => (c.id = ' ')), field: 'id' },
  { name: 'unknown field', line: variant((c) => (c.note = 'x')), field: 'note' },
  { name: 'misspelt timing', line: variant((c) => ((c.turns as Turns)[0] as Record<string, unknown>).startms = 0), field: 'turns[0].startms' },
  { name: 'start without end', line: variant((c) => delete ((c.turns as Turns)[3] as Record<string, unknown>).endMs), field: 'turns[3].endMs' },
  { name: 'end before start', line: variant((c) => ((c.turns as Turns)[1]!.endMs = 4000)), field: 'turns[1].endMs' },
  { name: 'turns out of order', line: variant((c) => ((c.turns as Turns)[2]!.startMs = 3000)), field: 'turns[2].startMs' },
  { name: 'unknown pitfall type', line: variant((c) => (c.pitfalls = [{ type: 'rude_tone', turn: 1 }])), field: 'pitfalls[0].type' },
  { name: 'pitfall turn missing', line: variant((c) => (c.pitfalls = [{ type: 'vague_commitment' }])), field: 'pitfalls[0].turn' },
  { name: 'pitfall on absent turn', line: variant((c) => (c.pitfalls = [{ type: 'vague_commitment', turn: 4 }])), field: 'pitfalls[0].turn' },
  { name: 'pitfall on negative turn', line: variant((c) => (c.pitfalls = [{ type: 'monologue', turn: -1 }])), field: 'pitfalls[0].turn' },
  { name: 'pitfall on customer turn', line: variant((c) => (c.pitfalls = [{ type: 'absolute_claim', turn: 0 }])), field: 'pitfalls[0].turn' },
  {
    name: 'duplicate pitfall',
    line: variant((c) => (c.pitfalls = [{ type: 'interruption', turn: 1 }, { type: 'interruption', turn: 1 }])),
    field: 'pitfalls[1]',
  },
  { name: 'unknown objection type', line: variant((c) => (c.objections = [{ type: 'cost', turn: 0, depth: 1 }])), field: 'objections[0].type' },
  { name: 'objection on absent turn', line: variant((c) => (c.objections = [{ type: 'price', turn: 9, depth: 1 }])), field: 'objections[0].turn' },
  { name: 'objection on rep turn', line: variant((c) => (c.objections = [{ type: 'price', turn: 1, depth: 1 }])), field: 'objections[0].turn' },
  { name: 'depth above 4', line: variant((c) => (c.objections = [{ type: 'price', turn: 0, depth: 5 }])), field: 'objections[0].depth' },
  { name: 'depth below 0', line: variant((c) => (c.objections = [{ type: 'price', turn: 0, depth: -1 }])), field: 'objections[0].depth' },
  { name: 'fractional depth', line: variant((c) => (c.objections = [{ type: 'price', turn: 0, depth: 2.5 }])), field: 'objections[0].depth' },
  { name: 'depth as text', line: variant((c) => (c.objections = [{ type: 'price', turn: 0, depth: '3' }])), field: 'objections[0].depth' },
  {
    name: 'two objections on one turn',
    line: variant((c) => (c.objections = [{ type: 'price', turn: 0, depth: 1 }, { type: 'need', turn: 0, depth: 2 }])),
    field: 'objections[1].turn',
  },
  { name: 'repeated id', line: JSON.stringify(validConversation), field: 'id' },
];

describe('readGoldFile malformed lines', () => {
  it.each(malformedLines)('rejects $name on its line', async ({ name, line, field }) => {
    const file = writeGold(`${name.replaceAll(' ', '-')}.jsonl`, [JSON.stringify(validConversation), '', line]);
    const error = await readError(file);

    expect(error.code).toBe('CS_ERR_GOLD_INVALID');
    expect(error.params.line).toBe(3);
    expect(error.params.field).toBe(field);
    expect(error.message).toContain(`line 3`);
    expect(error.message).toContain(file);
    expect(error.messageIn('zh-CN')).toContain('第 3 行');
    expect(error.messageIn('zh-CN')).toContain(field === '(line)' ? '整行无效' : `字段 "${field}" 无效`);
  });

  it('names the allowed values for an unknown type', async () => {
    const line = variant((c) => (c.pitfalls = [{ type: 'rude_tone', turn: 1 }]));
    const error = await readError(writeGold('allowed-values.jsonl', [line]));
    expect(error.message).toContain('"rude_tone"');
    expect(error.message).toContain('vague_commitment');
    expect(error.params.line).toBe(1);
  });

  it('explains a JSON syntax error in Chinese', async () => {
    const error = await readError(writeGold('syntax.jsonl', ['{"id": "zh-t1",']));
    expect(error.message).toContain('not valid JSON');
    expect(error.messageIn('zh-CN')).toContain('不是合法的 JSON（第 16 个字符处：属性名必须用双引号括起来）');
  });

  it('shows a number too large for a double as it reads', async () => {
    const line = JSON.stringify(validConversation).replace('"turn":0', '"turn":1e400');
    const error = await readError(writeGold('huge-number.jsonl', [line]));
    expect(error.params.field).toBe('objections[0].turn');
    expect(error.message).toContain('got Infinity');
  });

  it('rejects bytes that are not UTF-8 on their line', async () => {
    const file = join(directory, 'gbk.jsonl');
    // 0xC4 starts a two-byte UTF-8 sequence, and 0xE3 cannot continue one: GBK text read as UTF-8.
    const gbkText = Buffer.from([0xc4, 0xe3]);
    const line = Buffer.concat([Buffer.from('{"id":"'), gbkText, Buffer.from('"}\n')]);
    writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(validConversation)}\n`), line]));
    const error = await readError(file);
    expect(error.code).toBe('CS_ERR_GOLD_INVALID');
    expect(error.params.line).toBe(2);
    expect(error.message).toContain('Save the file as UTF-8');
    expect(error.messageIn('zh-CN')).toContain('UTF-8');
  });

  it('rejects a line longer than the limit without reading it whole', async () => {
    const file = join(directory, 'long.jsonl');
    writeFileSync(file, `${JSON.stringify(validConversation)}\n${'x'.repeat(MAX_GOLD_LINE_BYTES + 1)}\n`);
    const error = await readError(file);
    expect(error.code).toBe('CS_ERR_GOLD_INVALID');
    expect(error.params.line).toBe(2);
    expect(error.message).toContain('longer than 8 MB');
  });

  it('names the valid turn range', async () => {
    const line = variant((c) => (c.pitfalls = [{ type: 'vague_commitment', turn: 4 }]));
    const error = await readError(writeGold('turn-range.jsonl', [line]));
    expect(error.message).toContain('from 0 to 3');
  });
});

describe('readGoldFile', () => {
  it('skips empty lines', async () => {
    const second = { ...validConversation, id: 'zh-t2', callEnded: false };
    const file = writeGold('two.jsonl', ['', JSON.stringify(validConversation), '   ', JSON.stringify(second), '']);
    const conversations = await readGoldFile(file);
    expect(conversations.map((conversation) => conversation.id)).toEqual(['zh-t1', 'zh-t2']);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const file = writeGold('bom.jsonl', [`\uFEFF${JSON.stringify(validConversation)}`]);
    const conversations = await readGoldFile(file);
    expect(conversations.map((conversation) => conversation.id)).toEqual(['zh-t1']);
  });

  it('reads lines that end in CRLF or a lone CR', async () => {
    const second = { ...validConversation, id: 'zh-t2' };
    const third = { ...validConversation, id: 'zh-t3' };
    const file = join(directory, 'line-ends.jsonl');
    writeFileSync(file, `${JSON.stringify(validConversation)}\r\n${JSON.stringify(second)}\r${JSON.stringify(third)}`);
    const conversations = await readGoldFile(file);
    expect(conversations.map((conversation) => conversation.id)).toEqual(['zh-t1', 'zh-t2', 'zh-t3']);
  });

  it('rejects a missing file', async () => {
    const error = await readError(join(directory, 'absent.jsonl'));
    expect(error.code).toBe('CS_ERR_GOLD_UNREADABLE');
    expect(error.message).toContain('does not exist');
  });

  it('rejects a file without conversations', async () => {
    const error = await readError(writeGold('empty.jsonl', ['', '']));
    expect(error.code).toBe('CS_ERR_GOLD_EMPTY');
    expect(error.message).toContain('has no labelled conversation');
    expect(error.messageIn('zh-CN')).toContain('没有任何标注会话');
  });

  it('reads a corpus file', async () => {
    const conversations = await readGoldFile('data/raw/zh-001.jsonl');
    expect(conversations).toHaveLength(25);
    for (const conversation of conversations) {
      expect(conversation.lang).toBe('zh');
      expect(conversation.id).toMatch(/^zh-\d{4}$/);
    }
  });
});

describe('toTranscript', () => {
  it('keeps turns and marks roles known', () => {
    const conversation = { ...structuredClone(validConversation), callEnded: false } as Parameters<typeof toTranscript>[0];
    const transcript = toTranscript(conversation);
    expect(transcript.rolesKnown).toBe(true);
    expect(transcript.callEnded).toBe(false);
    expect(transcript.turns).toEqual(validConversation.turns);
    expect(transcript.turns[0]).not.toBe(conversation.turns[0]);
  });
});
