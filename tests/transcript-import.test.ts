import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Transcript, Turn } from '../src/domain/transcript.js';
import { CallscoreError, isCallscoreError } from '../src/errors/registry.js';
import { decodeTranscriptBytes, parseTranscript } from '../src/ingest/transcript/index.js';
import type { TranscriptKind, TranscriptLimits } from '../src/ingest/transcript/index.js';

const KINDS: TranscriptKind[] = ['transcript-json', 'transcript-vtt', 'transcript-srt'];

function parseError(text: string, kind: TranscriptKind, limits?: TranscriptLimits): CallscoreError {
  try {
    parseTranscript(text, kind, 'call.txt', limits);
  } catch (error) {
    if (isCallscoreError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected parseTranscript to throw');
}

function expectInvalid(text: string, kind: TranscriptKind, reason: RegExp): CallscoreError {
  const error = parseError(text, kind);
  expect(error.code).toBe('CS_ERR_TRANSCRIPT_INVALID');
  expect(error.status).toBe(422);
  expect(String(error.params.reason)).toMatch(reason);
  return error;
}

describe('JSON import', () => {
  it('parses an array of turns', () => {
    const text = JSON.stringify([
      { speaker: 'customer', text: '你们这个价格比我们预算高了三成。', startMs: 0, endMs: 3900 },
      { speaker: 'rep', text: ' 我理解。 ', startMs: 4100.4, endMs: 8000 },
    ]);

    const transcript = parseTranscript(text, 'transcript-json', 'call.json');

    expect(transcript).toEqual({
      turns: [
        { speaker: 'customer', text: '你们这个价格比我们预算高了三成。', startMs: 0, endMs: 3900 },
        { speaker: 'rep', text: '我理解。', startMs: 4100, endMs: 8000 },
      ],
      rolesKnown: true,
      callEnded: true,
    });
  });

  it('reads callEnded from an object', () => {
    const text = JSON.stringify({ turns: [{ speaker: 'rep', text: 'Hello' }], callEnded: false });

    const transcript = parseTranscript(text, 'transcript-json', 'call.json');

    expect(transcript.callEnded).toBe(false);
    expect(transcript.turns[0]).toEqual({ speaker: 'rep', text: 'Hello' });
  });

  it('accepts a labelled evaluation record', () => {
    const record = {
      id: 'zh-0042',
      lang: 'zh',
      callEnded: true,
      turns: [{ speaker: 'customer', text: '主要是一次性投入。', startMs: 8200, endMs: 9800 }],
      pitfalls: [],
      objections: [{ type: 'price', turn: 0, depth: 4 }],
    };

    const transcript = parseTranscript(JSON.stringify(record), 'transcript-json', 'zh-0042.json');

    expect(transcript.turns).toHaveLength(1);
  });

  it('marks roles unknown when a speaker is missing', () => {
    const text = JSON.stringify([{ speaker: 'rep', text: 'Hi' }, { text: 'Hello' }, { speaker: 'unknown', text: 'Yes' }]);

    const transcript = parseTranscript(text, 'transcript-json', 'call.json');

    expect(transcript.rolesKnown).toBe(false);
    expect(transcript.turns.map((turn) => turn.speaker)).toEqual(['rep', 'unknown', 'unknown']);
  });

  it.each([
    ['bad speaker', { turns: [{ speaker: 'rep', text: 'a' }, { speaker: 'boss', text: 'b' }] }, /^turns\[1\]\.speaker must be one of "rep", "customer", "unknown", got "boss"$/],
    ['missing text', [{ speaker: 'rep' }], /^\[0\]\.text is missing$/],
    ['numeric text', [{ speaker: 'rep', text: 42 }], /^\[0\]\.text must be of type string, got 42$/],
    ['blank text', [{ speaker: 'rep', text: '   ' }], /^\[0\]\.text must not be empty$/],
    ['negative time', [{ speaker: 'rep', text: 'a', startMs: -5 }], /^\[0\]\.startMs must be at least 0, got -5$/],
    ['end before start', [{ speaker: 'rep', text: 'a', startMs: 500, endMs: 100 }], /^\[0\]\.endMs is earlier than startMs$/],
    ['turn not an object', ['hello'], /^\[0\] must be of type object, got "hello"$/],
    ['wrong top level', { speaker: 'rep', text: 'a' }, /expected an array of turns/],
    ['non-boolean callEnded', { turns: [], callEnded: 'yes' }, /optional boolean "callEnded"/],
    ['no turns', [], /contains no turns/],
  ])('rejects %s', (_name, value, reason) => {
    expectInvalid(JSON.stringify(value), 'transcript-json', reason);
  });

  it('rejects broken syntax', () => {
    const error = expectInvalid('[{"speaker": "rep", "text": "a"', 'transcript-json', /^invalid JSON syntax/);
    expect(error.messageIn('zh-CN')).toContain('JSON 语法错误（第 32 个字符处：属性值后面缺少逗号或右花括号）');
  });

  it('explains errors in Chinese', () => {
    const error = parseError(JSON.stringify([{ speaker: 'boss', text: 'x' }]), 'transcript-json');

    expect(error.messageIn('zh-CN')).toContain('[0].speaker 必须是 "rep", "customer", "unknown" 之一，实际为 "boss"');
    expect(error.messageIn('zh-CN')).toContain('无法按 JSON 解析');
  });
});

describe('WebVTT import', () => {
  it('maps voice tags to roles', () => {
    const text = [
      'WEBVTT - sales call',
      'Kind: captions',
      '',
      'NOTE exported by the recorder',
      '',
      'STYLE',
      '::cue { color: white }',
      '',
      'cue-1',
      '00:00:01.000 --> 00:00:03.500 align:start',
      '<v Rep>Hello, this is Li from Acme &amp; Co.</v>',
      '',
      '00:04.000 --> 00:06.250',
      '<v.loud 客户>你好，<b>请讲</b>。',
      '',
      '01:00:00.000 --> 01:00:01.000',
      '<v Sales>Thanks &lt;3</v>',
    ].join('\n');

    const transcript = parseTranscript(text, 'transcript-vtt', 'call.vtt');

    expect(transcript).toEqual({
      turns: [
        { speaker: 'rep', text: 'Hello, this is Li from Acme & Co.', startMs: 1000, endMs: 3500 },
        { speaker: 'customer', text: '你好，请讲。', startMs: 4000, endMs: 6250 },
        { speaker: 'rep', text: 'Thanks <3', startMs: 3_600_000, endMs: 3_601_000 },
      ],
      rolesKnown: true,
      callEnded: true,
    });
  });

  it.each([
    ['Rep', 'rep'],
    ['AGENT', 'rep'],
    ['坐席', 'rep'],
    ['客服', 'rep'],
    ['销售', 'rep'],
    ['Client', 'customer'],
    ['customer', 'customer'],
    ['客户', 'customer'],
    ['ｒｅｐ', 'rep'],
  ])('reads voice %s as %s', (voice, role) => {
    const transcript = parseTranscript(`WEBVTT\n\n00:00.000 --> 00:01.000\n<v ${voice}>hi`, 'transcript-vtt', 'call.vtt');

    expect(transcript.turns[0]!.speaker).toBe(role);
  });

  it('rejects an unknown voice', () => {
    const error = expectInvalid(
      'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Rep>hi</v>\n\n00:01.000 --> 00:02.000\n<v Manager>hello</v>',
      'transcript-vtt',
      /^line 6: the speaker "Manager" is not recognised\. Name speakers rep, sales, agent, 销售, 坐席, 客服, customer, client, 客户$/,
    );

    expect(error.messageIn('zh-CN')).toContain('第 6 行：无法识别说话人 "Manager"');
  });

  it('reads labels in cues without a voice', () => {
    const transcript = parseTranscript('WEBVTT\n\n00:00.000 --> 00:01.000\nRep: hi\n\n00:01.000 --> 00:02.000\n客户：你好', 'transcript-vtt', 'call.vtt');

    expect(transcript.turns.map((turn) => [turn.speaker, turn.text])).toEqual([
      ['rep', 'hi'],
      ['customer', '你好'],
    ]);
  });

  it('marks unlabelled cues unknown', () => {
    const transcript = parseTranscript('WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n\n00:01.000 --> 00:02.000\nhi there', 'transcript-vtt', 'call.vtt');

    expect(transcript.rolesKnown).toBe(false);
    expect(transcript.turns).toEqual([
      { speaker: 'unknown', text: 'hello', startMs: 0, endMs: 1000 },
      { speaker: 'unknown', text: 'hi there', startMs: 1000, endMs: 2000 },
    ]);
  });

  it('merges consecutive cues of one speaker', () => {
    const text = [
      'WEBVTT',
      '',
      '00:00.000 --> 00:02.000',
      '<v 销售>我们的方案',
      '',
      '00:02.000 --> 00:04.000',
      '<v 销售>可以分期付款',
      '',
      '00:04.000 --> 00:05.000',
      '<v Rep>for example',
      '',
      '00:05.500 --> 00:06.000',
      '<v Customer>OK',
    ].join('\n');

    const transcript = parseTranscript(text, 'transcript-vtt', 'call.vtt');

    expect(transcript.turns).toEqual([
      { speaker: 'rep', text: '我们的方案可以分期付款 for example', startMs: 0, endMs: 5000 },
      { speaker: 'customer', text: 'OK', startMs: 5500, endMs: 6000 },
    ]);
  });

  it('splits a cue with two voices without times', () => {
    const transcript = parseTranscript('WEBVTT\n\n00:00.000 --> 00:03.000\n<v Rep>Price is fine?</v>\n<v 客户>还行</v>', 'transcript-vtt', 'call.vtt');

    expect(transcript.turns).toEqual([
      { speaker: 'rep', text: 'Price is fine?' },
      { speaker: 'customer', text: '还行' },
    ]);
  });

  it.each([
    ['a missing header', '00:00.000 --> 00:01.000\nhi', /^the first line must be "WEBVTT"$/],
    ['a bad timing line', 'WEBVTT\n\n00:00.000 -> 00:01.000\nhi', /^line 3: expected a cue timing line/],
    ['seconds above 59', 'WEBVTT\n\n00:00:75.000 --> 00:01:00.000\nhi', /^line 3: expected a cue timing line/],
    ['an end before the start', 'WEBVTT\n\nid\n00:05.000 --> 00:01.000\nhi', /^line 4: the cue ends before it starts$/],
    ['no cues', 'WEBVTT\n\nNOTE nothing here\n', /contains no turns/],
  ])('rejects %s', (_name, text, reason) => {
    expectInvalid(text, 'transcript-vtt', reason);
  });
});

describe('SRT import', () => {
  it('reads speaker prefixes', () => {
    const text = [
      '\uFEFF1',
      '00:00:01,000 --> 00:00:02,500',
      'Rep: <i>Hello</i>, how are you?',
      '',
      '2',
      '00:00:03,000 --> 00:00:04,000',
      '客户：挺好的，',
      '你们报价多少？',
      '',
      '3',
      '00:00:05,000 --> 00:00:06,000',
      '{\\an8}销售: 三万一年。',
      '',
    ].join('\r\n');

    const transcript = parseTranscript(text, 'transcript-srt', 'call.srt');

    expect(transcript).toEqual({
      turns: [
        { speaker: 'rep', text: 'Hello, how are you?', startMs: 1000, endMs: 2500 },
        { speaker: 'customer', text: '挺好的，你们报价多少？', startMs: 3000, endMs: 4000 },
        { speaker: 'rep', text: '三万一年。', startMs: 5000, endMs: 6000 },
      ],
      rolesKnown: true,
      callEnded: true,
    });
  });

  it('splits a dialogue cue without times', () => {
    const transcript = parseTranscript('1\n00:00:00,000 --> 00:00:02,000\n- Rep: Deal?\n- Client: Deal.\n', 'transcript-srt', 'call.srt');

    expect(transcript.turns).toEqual([
      { speaker: 'rep', text: 'Deal?' },
      { speaker: 'customer', text: 'Deal.' },
    ]);
  });

  it('keeps colons inside speech', () => {
    const transcript = parseTranscript('1\n00:00:00,000 --> 00:00:02,000\nRep: Note: the price is 3:00 per unit\n', 'transcript-srt', 'call.srt');

    expect(transcript.turns[0]!.text).toBe('Note: the price is 3:00 per unit');
  });

  it('marks a file without labels unknown', () => {
    const transcript = parseTranscript('1\n00:00:00,000 --> 00:00:02,000\nWell, the price: too high\n', 'transcript-srt', 'call.srt');

    expect(transcript.rolesKnown).toBe(false);
    expect(transcript.turns[0]).toEqual({ speaker: 'unknown', text: 'Well, the price: too high', startMs: 0, endMs: 2000 });
  });

  it('rejects an unknown label beside known ones', () => {
    expectInvalid(
      '1\n00:00:00,000 --> 00:00:01,000\nRep: hi\n\n2\n00:00:01,000 --> 00:00:02,000\nBuyer: hello\n',
      'transcript-srt',
      /^line 6: the speaker "Buyer" is not recognised/,
    );
  });

  it.each([
    ['a missing timing line', '1\nRep: hi\n', /^line 2: expected a cue timing line/],
    ['text before any cue', 'Rep: hi\n', /^line 1: expected a cue timing line/],
    ['an end before the start', '1\n00:00:05,000 --> 00:00:01,000\nRep: hi\n', /^line 2: the cue ends before it starts$/],
    ['an empty file', '', /contains no turns/],
  ])('rejects %s', (_name, text, reason) => {
    expectInvalid(text, 'transcript-srt', reason);
  });
});

describe('transcript limits', () => {
  const smallLimits = { maxTurns: 3, maxTurnChars: 10, maxTimeMs: 60_000 };

  it.each(KINDS)('rejects too many turns in %s', (kind) => {
    const turns: Turn[] = Array.from({ length: 4 }, (_, index) => ({
      speaker: index % 2 === 0 ? 'rep' : 'customer',
      text: 'ok',
      startMs: index * 1000,
      endMs: index * 1000 + 500,
    }));

    const error = parseError(writeFormat(kind, turns), kind, smallLimits);

    expect(error.code).toBe('CS_ERR_TRANSCRIPT_INVALID');
    expect(String(error.params.reason)).toBe('it has more than 3 turns, the maximum per call');
  });

  it.each(KINDS)('rejects a time past the limit in %s', (kind) => {
    const turns: Turn[] = [
      { speaker: 'rep', text: 'ok', startMs: 0, endMs: 1000 },
      { speaker: 'customer', text: 'ok', startMs: 2000, endMs: 61_000 },
    ];

    const error = parseError(writeFormat(kind, turns), kind, smallLimits);

    expect(error.code).toBe('CS_ERR_TRANSCRIPT_INVALID');
    expect(String(error.params.reason)).toMatch(/ends at 61000 ms, later than the maximum of 60000 ms/);
  });

  it.each(KINDS)('rejects a long turn in %s', (kind) => {
    const turns: Turn[] = [{ speaker: 'rep', text: 'x'.repeat(11), startMs: 0, endMs: 1000 }];

    const error = parseError(writeFormat(kind, turns), kind, smallLimits);

    expect(error.code).toBe('CS_ERR_TRANSCRIPT_INVALID');
    expect(String(error.params.reason)).toMatch(/maximum of 10/);
  });

  it('rejects merged cues over the limit', () => {
    const turns: Turn[] = Array.from({ length: 3 }, (_, index) => ({ speaker: 'rep', text: 'abcd', startMs: index * 1000, endMs: index * 1000 + 900 }));

    const error = parseError(writeVtt(turns), 'transcript-vtt', smallLimits);

    expect(String(error.params.reason)).toBe('the turn that starts at line 3 has more than 10 characters, the maximum per turn');
  });

  it('parses 20,000 turns by default', () => {
    const turns: Turn[] = Array.from({ length: 20_000 }, (_, index) => ({
      speaker: index % 2 === 0 ? 'rep' : 'customer',
      text: `turn ${index}`,
      startMs: index * 1000,
      endMs: index * 1000 + 900,
    }));

    expect(parseTranscript(writeSrt(turns), 'transcript-srt', 'big.srt').turns).toHaveLength(20_000);
    expect(() => parseTranscript(writeSrt([...turns, turns[0]!]), 'transcript-srt', 'big.srt')).toThrow(CallscoreError);
  });
});

describe('decodeTranscriptBytes', () => {
  const text = 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v 客户>你好';

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['GB18030', Buffer.from(new Uint8Array([...Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n<v '), 0xbf, 0xcd, 0xbb, 0xa7, 0x3e, 0xc4, 0xe3, 0xba, 0xc3]))],
  ])('decodes %s', (_name, bytes) => {
    expect(decodeTranscriptBytes(bytes)).toBe(text);
  });
});

// Writers used by the round-trip properties and the limit tests.
function formatTimestamp(ms: number, separator: '.' | ','): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}${separator}${pad(ms % 1000, 3)}`;
}

function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function writeVtt(turns: Turn[]): string {
  const cues = turns.map(
    (turn) => `${formatTimestamp(turn.startMs!, '.')} --> ${formatTimestamp(turn.endMs!, '.')}\n<v ${turn.speaker === 'rep' ? 'Rep' : '客户'}>${escapeVtt(turn.text)}</v>`,
  );
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function writeSrt(turns: Turn[]): string {
  const cues = turns.map(
    (turn, index) =>
      `${index + 1}\r\n${formatTimestamp(turn.startMs!, ',')} --> ${formatTimestamp(turn.endMs!, ',')}\r\n${turn.speaker === 'rep' ? 'Sales: ' : '客户：'}${turn.text}`,
  );
  return `${cues.join('\r\n\r\n')}\r\n`;
}

function writeFormat(kind: TranscriptKind, turns: Turn[]): string {
  if (kind === 'transcript-vtt') {
    return writeVtt(turns);
  }
  return kind === 'transcript-srt' ? writeSrt(turns) : JSON.stringify({ turns });
}

describe('transcript properties', () => {
  const fragments = fc.constantFrom(
    'WEBVTT\n\n', 'WEBVTT', '00:00:01.000 --> 00:00:02.000\n', '00:01,000 --> 00:00,500\n', '1\n', '-->', '\n\n', '\r\n',
    '<v Rep>', '<v 客户>', '<v>', '</v>', '<v.x Boss>', '<b>', '<', '>', '&amp;', '&#x1F600;', '&#99999999;',
    'Rep: ', '客户：', 'Boss: ', '- ', 'NOTE ', '{\\an8}', '{', '[', '{"turns":', '"speaker":"rep"', '"text":"', ',', ']', '}',
    'hello', '你好', ' ',
  );
  const hostileBody = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')));
  // Cues with valid timing lines around hostile text, so the inputs reach the cue text parser.
  const timingLine = fc
    .tuple(fc.nat(4_000_000), fc.nat(60_000), fc.constantFrom<'.' | ','>('.', ','))
    .map(([start, length, separator]) => `${formatTimestamp(start, separator)} --> ${formatTimestamp(start + length, separator)}`);
  const cueText = fc.array(fragments, { maxLength: 8 }).map((parts) => parts.join(''));
  const cues = fc
    .array(fc.tuple(fc.nat(99), timingLine, cueText), { maxLength: 10 })
    .map((list) => list.map(([number, timing, text]) => `${number}\n${timing}\n${text}`).join('\n\n'));
  const hostileText = fc.oneof(hostileBody, hostileBody.map((body) => `WEBVTT\n\n${body}`), cues, cues.map((body) => `WEBVTT\n\n${body}`));

  it.each(KINDS)('throws only CallscoreError for %s', (kind) => {
    fc.assert(
      fc.property(hostileText, (text) => {
        try {
          parseTranscript(text, kind, 'fuzz.txt');
        } catch (error) {
          if (!(error instanceof CallscoreError) || error.code !== 'CS_ERR_TRANSCRIPT_INVALID') {
            throw error;
          }
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  const turnLike = fc.dictionary(fc.constantFrom('speaker', 'text', 'startMs', 'endMs', 'other'), fc.jsonValue({ maxDepth: 2 }));
  const jsonInput = fc.oneof(
    fc.jsonValue(),
    fc.array(turnLike, { maxLength: 5 }),
    fc.record({ turns: fc.array(turnLike, { maxLength: 5 }), callEnded: fc.jsonValue({ maxDepth: 1 }) }),
  );

  it('throws only CallscoreError for JSON values', () => {
    fc.assert(
      fc.property(jsonInput, (value) => {
        try {
          parseTranscript(JSON.stringify(value) ?? 'null', 'transcript-json', 'fuzz.json');
        } catch (error) {
          if (!(error instanceof CallscoreError) || error.code !== 'CS_ERR_TRANSCRIPT_INVALID') {
            throw error;
          }
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  // Text that survives both formats unchanged: no line breaks, no leading or
  // trailing or repeated spaces, and no "<" or "{" that SRT would read as a tag.
  const wordCharacters = fc.constantFrom(...'abcXYZ019你好价格报价：:,.?!&>-_'.split(''));
  const word = fc.array(wordCharacters, { minLength: 1, maxLength: 8 }).map((characters) => characters.join(''));
  const turnText = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
  // Speakers alternate, so no two consecutive turns merge.
  const conversation = fc
    .array(fc.record({ text: turnText, gapMs: fc.integer({ min: 0, max: 5000 }), lengthMs: fc.integer({ min: 0, max: 90_000 }) }), { minLength: 1, maxLength: 30 })
    .chain((drafts) =>
      fc.boolean().map((repFirst) => {
        let clock = 0;
        return drafts.map((draft, index): Turn => {
          const startMs = clock + draft.gapMs;
          clock = startMs + draft.lengthMs;
          return { speaker: (index % 2 === 0) === repFirst ? 'rep' : 'customer', text: draft.text, startMs, endMs: clock };
        });
      }),
    );

  const expected = (turns: Turn[]): Transcript => ({ turns, rolesKnown: true, callEnded: true });

  it('round-trips conversations through WebVTT', () => {
    fc.assert(
      fc.property(conversation, (turns) => {
        expect(parseTranscript(writeVtt(turns), 'transcript-vtt', 'round.vtt')).toEqual(expected(turns));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('round-trips conversations through SRT', () => {
    fc.assert(
      fc.property(conversation, (turns) => {
        expect(parseTranscript(writeSrt(turns), 'transcript-srt', 'round.srt')).toEqual(expected(turns));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('round-trips conversations through JSON', () => {
    fc.assert(
      fc.property(conversation, (turns) => {
        expect(parseTranscript(JSON.stringify(turns), 'transcript-json', 'round.json')).toEqual(expected(turns));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
