/**
 * Reads labelled conversations (JSONL, one conversation per line) for the
 * evaluation command and converts them to transcripts. Every line is
 * validated, and the first malformed one is rejected. Scoring happens in
 * metrics.ts.
 */

import { z } from 'zod';

import { OBJECTION_TYPES, PITFALL_TYPES } from '../domain/pitfalls.js';
import type { Transcript } from '../domain/transcript.js';
import { CallscoreError } from '../errors/registry.js';
import { jsonSyntaxReasonZh } from '../i18n/json-syntax.js';
import { LineReadError, readUtf8Lines } from './lines.js';

/** Language tags of labelled conversations; `mixed` is Mandarin and English in one conversation. */
export const GOLD_LANGUAGES = ['zh', 'en', 'mixed'] as const;

export type GoldLanguage = (typeof GOLD_LANGUAGES)[number];

// A text of spaces only is as empty as no text.
const NOT_BLANK = /\S/;

/** Size limit of one line of a gold file: far above any real conversation, and small enough to read in memory. */
export const MAX_GOLD_LINE_BYTES = 8 * 1024 * 1024;

const turnSchema = z.strictObject({
  speaker: z.enum(['rep', 'customer']),
  text: z.string().min(1).regex(NOT_BLANK),
  startMs: z.number().int().min(0).optional(),
  endMs: z.number().int().min(0).optional(),
});

const pitfallSchema = z.strictObject({
  type: z.enum(PITFALL_TYPES),
  turn: z.number(),
});

const objectionSchema = z.strictObject({
  type: z.enum(OBJECTION_TYPES),
  turn: z.number(),
  depth: z.number(),
});

const conversationSchema = z.strictObject({
  id: z.string().min(1).regex(NOT_BLANK),
  lang: z.enum(GOLD_LANGUAGES),
  callEnded: z.boolean(),
  turns: z.array(turnSchema).min(1),
  pitfalls: z.array(pitfallSchema),
  objections: z.array(objectionSchema),
});

/** One labelled conversation as stored in a gold file. */
export type GoldConversation = z.infer<typeof conversationSchema>;

/** Location of a line in a gold file, for error messages. `line` is 1-based. */
export interface LineSource {
  file: string;
  line: number;
}

interface Bilingual {
  en: string;
  zh: string;
}

function invalidLine(source: LineSource, field: string, found: Bilingual, fix: Bilingual): CallscoreError {
  return new CallscoreError('CS_ERR_GOLD_INVALID', {
    file: source.file,
    line: source.line,
    field,
    found: found.en,
    foundZh: found.zh,
    fix: fix.en,
    fixZh: fix.zh,
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') {
      field += `[${key}]`;
    } else {
      field += field === '' ? String(key) : `.${String(key)}`;
    }
  }
  return field === '' ? '(line)' : field;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function showValue(value: unknown): Bilingual {
  if (value === undefined) {
    return { en: 'missing', zh: '缺失' };
  }
  // JSON writes a number too large for a double (1e400) as null, so such a value is shown as it reads.
  const literal = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  const clipped = literal.length > 60 ? `${literal.slice(0, 57)}...` : literal;
  return { en: `got ${clipped}`, zh: `值为 ${clipped}` };
}

const TYPE_NAMES_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
};

function describeExpectedType(expected: string): Bilingual {
  const en = expected === 'int' ? 'an integer' : `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
  return { en, zh: TYPE_NAMES_ZH[expected] ?? expected };
}

/** Turns one zod issue into the field, the value found and the fix, in both languages. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): { field: string; found: Bilingual; fix: Bilingual } {
  const field = formatPath(issue.path);
  const found = showValue(valueAt(data, issue.path));

  switch (issue.code) {
    case 'invalid_type': {
      const expected = describeExpectedType(issue.expected);
      return { field, found, fix: { en: `Set it to ${expected.en}`, zh: `请填写${expected.zh}` } };
    }
    case 'invalid_value': {
      const allowed = issue.values.map((value) => String(value)).join(', ');
      return { field, found, fix: { en: `Use one of: ${allowed}`, zh: `请改为以下之一：${allowed}` } };
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return { field, found, fix: { en: 'Write a non-empty text', zh: '请填写非空文本' } };
      }
      if (issue.origin === 'array') {
        return {
          field,
          found,
          fix: { en: `List at least ${issue.minimum} item(s)`, zh: `请至少列出 ${issue.minimum} 项` },
        };
      }
      return {
        field,
        found,
        fix: { en: `Use a value of at least ${issue.minimum}`, zh: `请改为不小于 ${issue.minimum} 的值` },
      };
    case 'invalid_format':
      return { field, found, fix: { en: 'Write a text that is not only spaces', zh: '请填写不只有空格的文本' } };
    case 'unrecognized_keys': {
      const keyField = issue.path.length === 0 ? issue.keys.join(', ') : `${field}.${issue.keys.join(', ')}`;
      return {
        field: keyField,
        found: { en: 'unknown field', zh: '未知字段' },
        fix: { en: 'Remove the field or correct its spelling', zh: '请删除该字段或更正拼写' },
      };
    }
    default:
      return { field, found, fix: { en: `Correct the value (${issue.message})`, zh: `请更正该值（${issue.message}）` } };
  }
}

function checkTurnIndex(
  source: LineSource,
  field: string,
  turn: number,
  turnCount: number,
  expectedSpeaker: 'rep' | 'customer',
  speaker: string | undefined,
): void {
  if (!Number.isInteger(turn) || turn < 0 || turn >= turnCount) {
    throw invalidLine(source, field, showValue(turn), {
      en: `Use a turn index from 0 to ${turnCount - 1}, because the conversation has ${turnCount} turn(s)`,
      zh: `请改为 0 到 ${turnCount - 1} 之间的轮次序号，该会话共有 ${turnCount} 轮`,
    });
  }
  if (speaker !== expectedSpeaker) {
    const roleZh = expectedSpeaker === 'rep' ? '销售' : '客户';
    throw invalidLine(
      source,
      field,
      { en: `turn ${turn} is spoken by the ${speaker}`, zh: `第 ${turn} 轮的说话人是${expectedSpeaker === 'rep' ? '客户' : '销售'}（${speaker}）` },
      { en: `Anchor it on a turn spoken by the ${expectedSpeaker}`, zh: `请标注在${roleZh}（${expectedSpeaker}）的轮次上` },
    );
  }
}

function checkTimings(source: LineSource, conversation: GoldConversation): void {
  let previousStart = 0;
  conversation.turns.forEach((turn, index) => {
    const hasStart = turn.startMs !== undefined;
    const hasEnd = turn.endMs !== undefined;
    if (hasStart !== hasEnd) {
      const missing = hasStart ? 'endMs' : 'startMs';
      throw invalidLine(source, `turns[${index}].${missing}`, showValue(undefined), {
        en: 'Give both startMs and endMs or neither',
        zh: '请同时填写 startMs 与 endMs，或都不填',
      });
    }
    if (turn.startMs === undefined || turn.endMs === undefined) {
      return;
    }
    if (turn.endMs < turn.startMs) {
      throw invalidLine(source, `turns[${index}].endMs`, showValue(turn.endMs), {
        en: `Use a value of at least startMs (${turn.startMs})`,
        zh: `请改为不小于 startMs（${turn.startMs}）的值`,
      });
    }
    if (turn.startMs < previousStart) {
      throw invalidLine(source, `turns[${index}].startMs`, showValue(turn.startMs), {
        en: `Order turns by start time, because the previous turn starts at ${previousStart} ms`,
        zh: `请按开始时间排列轮次，上一轮开始于 ${previousStart} 毫秒`,
      });
    }
    previousStart = turn.startMs;
  });
}

function checkLabels(source: LineSource, conversation: GoldConversation): void {
  const { turns } = conversation;
  const seenPitfalls = new Set<string>();
  conversation.pitfalls.forEach((pitfall, index) => {
    const field = `pitfalls[${index}].turn`;
    checkTurnIndex(source, field, pitfall.turn, turns.length, 'rep', turns[pitfall.turn]?.speaker);
    const key = `${pitfall.type}@${pitfall.turn}`;
    if (seenPitfalls.has(key)) {
      throw invalidLine(
        source,
        `pitfalls[${index}]`,
        { en: `${pitfall.type} on turn ${pitfall.turn} is listed twice`, zh: `第 ${pitfall.turn} 轮的 ${pitfall.type} 重复出现` },
        { en: 'Remove the duplicate', zh: '请删除重复项' },
      );
    }
    seenPitfalls.add(key);
  });

  const seenObjections = new Set<number>();
  conversation.objections.forEach((objection, index) => {
    checkTurnIndex(source, `objections[${index}].turn`, objection.turn, turns.length, 'customer', turns[objection.turn]?.speaker);
    if (!Number.isInteger(objection.depth) || objection.depth < 0 || objection.depth > 4) {
      throw invalidLine(source, `objections[${index}].depth`, showValue(objection.depth), {
        en: 'Use an integer from 0 (ignored) to 4 (resolved)',
        zh: '请改为 0（未回应）到 4（已解决）之间的整数',
      });
    }
    if (seenObjections.has(objection.turn)) {
      throw invalidLine(
        source,
        `objections[${index}].turn`,
        { en: `turn ${objection.turn} already has an objection`, zh: `第 ${objection.turn} 轮已有一条异议` },
        { en: 'Keep one objection per customer turn', zh: '每个客户轮次只保留一条异议' },
      );
    }
    seenObjections.add(objection.turn);
  });
}

/**
 * Parses and validates one line of a gold file. Throws CS_ERR_GOLD_INVALID,
 * naming the file, the line, the field and the fix, for invalid JSON, a
 * missing or unknown field, or a type that is not one of the fixed ids. The
 * same error covers a turn index outside the conversation or on the wrong
 * speaker, a depth outside 0-4, a label listed twice and inconsistent timings.
 */
export function parseGoldLine(text: string, source: LineSource): GoldConversation {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidLine(
      source,
      '(line)',
      { en: `not valid JSON: ${reason}`, zh: `不是合法的 JSON（${jsonSyntaxReasonZh(reason)}）` },
      { en: 'Write one JSON object per line', zh: '请每行写一个 JSON 对象' },
    );
  }

  const parsed = conversationSchema.safeParse(data);
  if (!parsed.success) {
    const firstIssue = parsed.error.issues[0];
    if (firstIssue === undefined) {
      throw new Error('zod reported a failed parse without issues');
    }
    const { field, found, fix } = describeIssue(firstIssue, data);
    throw invalidLine(source, field, found, fix);
  }

  const conversation = parsed.data;
  checkTimings(source, conversation);
  checkLabels(source, conversation);
  return conversation;
}

function readErrorReason(error: unknown): Bilingual {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return { en: 'the file does not exist', zh: '文件不存在' };
  }
  if (code === 'EISDIR') {
    return { en: 'the path is a directory', zh: '该路径是目录' };
  }
  if (code === 'EACCES') {
    return { en: 'permission denied', zh: '没有读取权限' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { en: message, zh: message };
}

function unreadableLine(source: LineSource, error: LineReadError): CallscoreError {
  if (error.problem === 'not-utf8') {
    return invalidLine(
      source,
      '(line)',
      { en: 'bytes that are not UTF-8', zh: '含有非 UTF-8 编码的字节' },
      { en: 'Save the file as UTF-8 (a GBK or UTF-16 export must be converted first)', zh: '请将文件保存为 UTF-8 编码（GBK 或 UTF-16 导出的文件需先转换）' },
    );
  }
  const limitMb = MAX_GOLD_LINE_BYTES / (1024 * 1024);
  return invalidLine(
    source,
    '(line)',
    { en: `longer than ${limitMb} MB`, zh: `超过 ${limitMb} MB` },
    { en: 'Write one conversation per line, each at most that long', zh: '请每行只写一个会话，且每行不超过该长度' },
  );
}

/**
 * Reads a gold file line by line and returns its conversations in file
 * order. Empty lines are skipped. Throws CS_ERR_GOLD_INVALID for the first
 * malformed line (bytes that are not UTF-8, a line over MAX_GOLD_LINE_BYTES,
 * or content against the format) or a repeated id, CS_ERR_GOLD_UNREADABLE when the file
 * cannot be read, and CS_ERR_GOLD_EMPTY when it has no conversation.
 */
export async function readGoldFile(file: string): Promise<GoldConversation[]> {
  const conversations: GoldConversation[] = [];
  const lineOfId = new Map<string, number>();

  try {
    for await (const { line, text: raw } of readUtf8Lines(file, MAX_GOLD_LINE_BYTES)) {
      // Editors on Windows often start a UTF-8 file with a byte-order mark, which is no part of the JSON.
      const text = line === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      if (text.trim() === '') {
        continue;
      }
      const source = { file, line };
      const conversation = parseGoldLine(text, source);

      const firstLine = lineOfId.get(conversation.id);
      if (firstLine !== undefined) {
        throw invalidLine(
          source,
          'id',
          { en: `"${conversation.id}" is already used on line ${firstLine}`, zh: `"${conversation.id}" 已在第 ${firstLine} 行使用` },
          { en: 'Give every conversation a unique id', zh: '请为每个会话使用唯一的 id' },
        );
      }
      lineOfId.set(conversation.id, line);
      conversations.push(conversation);
    }
  } catch (error) {
    if (error instanceof CallscoreError) {
      throw error;
    }
    if (error instanceof LineReadError) {
      throw unreadableLine({ file, line: error.line }, error);
    }
    const reason = readErrorReason(error);
    throw new CallscoreError('CS_ERR_GOLD_UNREADABLE', { file, reason: reason.en, reasonZh: reason.zh }, { cause: error });
  }

  if (conversations.length === 0) {
    throw new CallscoreError('CS_ERR_GOLD_EMPTY', { file });
  }
  return conversations;
}

/** Converts a labelled conversation to the transcript the detectors read; speaker roles are known. */
export function toTranscript(conversation: GoldConversation): Transcript {
  return {
    turns: conversation.turns.map((turn) => ({ ...turn })),
    rolesKnown: true,
    callEnded: conversation.callEnded,
  };
}
