/**
 * Imports JSON transcripts: an array of turns, or an object with `turns` and
 * an optional `callEnded`, each turn shaped as in the labelled conversation
 * format (`speaker`, `text`, optional `startMs` and `endMs`). Other fields,
 * such as the labels of an evaluation record, are ignored.
 */
import { z } from 'zod';

import type { Transcript, Turn } from '../../domain/transcript.js';
import type { Reason } from '../reason.js';
import { sanitizeDisplayText } from '../filename.js';
import { jsonSyntaxReasonZh } from '../../i18n/json-syntax.js';
import type { ParseContext } from './context.js';
import { buildTranscript, checkTurnCount, failTranscript } from './context.js';

const SPEAKERS = ['rep', 'customer', 'unknown'] as const;

function turnSchema(maxTurnChars: number) {
  return z
    .object({
      speaker: z.enum(SPEAKERS).default('unknown'),
      text: z.string().trim().min(1).max(maxTurnChars),
      startMs: z.number().nonnegative().optional(),
      endMs: z.number().nonnegative().optional(),
    })
    .refine((turn) => turn.startMs === undefined || turn.endMs === undefined || turn.endMs >= turn.startMs, {
      path: ['endMs'],
      message: 'endBeforeStart',
    });
}

const envelopeSchema = z.object({
  turns: z.array(z.unknown()),
  callEnded: z.boolean().default(true),
});

/**
 * Parses JSON text into a transcript. A turn without `speaker` is `unknown`,
 * times are rounded to whole milliseconds, and `callEnded` defaults to true.
 */
export function parseJsonTranscript(text: string, context: ParseContext): Transcript {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    failTranscript(context, {
      en: `invalid JSON syntax (${sanitizeDisplayText(message, 160)})`,
      zh: `JSON 语法错误（${sanitizeDisplayText(jsonSyntaxReasonZh(message), 160)}）`,
    });
  }

  let rawTurns: unknown[];
  let callEnded = true;
  let prefix = '';
  if (Array.isArray(data)) {
    rawTurns = data;
  } else {
    const envelope = envelopeSchema.safeParse(data);
    if (!envelope.success) {
      failTranscript(context, {
        en: 'expected an array of turns, or an object with a "turns" array and an optional boolean "callEnded"',
        zh: '应为发言数组，或包含 "turns" 数组和可选布尔值 "callEnded" 的对象',
      });
    }
    rawTurns = envelope.data.turns;
    callEnded = envelope.data.callEnded;
    prefix = 'turns';
  }
  checkTurnCount(context, rawTurns.length);

  const schema = turnSchema(context.limits.maxTurnChars);
  const turns: Turn[] = rawTurns.map((raw, index) => {
    const result = schema.safeParse(raw, { reportInput: true });
    if (!result.success) {
      failTranscript(context, issueReason(result.error.issues[0]!, `${prefix}[${index}]`));
    }
    const { speaker, text: turnText, startMs, endMs } = result.data;
    const turn: Turn = { speaker, text: turnText };
    if (startMs !== undefined) {
      turn.startMs = Math.round(startMs);
    }
    if (endMs !== undefined) {
      turn.endMs = Math.round(endMs);
    }
    return turn;
  });

  return buildTranscript(context, turns, (index) => `${prefix}[${index}]`, callEnded);
}

// Rewrites a zod issue as a bilingual reason that names the JSON path, such as
// `turns[3].speaker`, what was expected and what was found.
function issueReason(issue: z.core.$ZodIssue, turnPath: string): Reason {
  const field = issue.path.length > 0 ? `${turnPath}.${issue.path.map(String).join('.')}` : turnPath;
  const found = describeInput(issue.input);

  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { en: `${field} is missing`, zh: `缺少 ${field}` }
        : { en: `${field} must be of type ${issue.expected}, got ${found}`, zh: `${field} 应为 ${issue.expected} 类型，实际为 ${found}` };
    case 'invalid_value': {
      const allowed = issue.values.map((value) => JSON.stringify(value)).join(', ');
      return { en: `${field} must be one of ${allowed}, got ${found}`, zh: `${field} 必须是 ${allowed} 之一，实际为 ${found}` };
    }
    case 'too_small':
      return issue.origin === 'string'
        ? { en: `${field} must not be empty`, zh: `${field} 不能为空` }
        : { en: `${field} must be at least ${issue.minimum}, got ${found}`, zh: `${field} 不能小于 ${issue.minimum}，实际为 ${found}` };
    case 'too_big':
      return {
        en: `${field} is longer than the maximum of ${issue.maximum} characters`,
        zh: `${field} 超过上限 ${issue.maximum} 个字符`,
      };
    case 'custom':
      return { en: `${field} is earlier than startMs`, zh: `${field} 早于 startMs` };
    default:
      return { en: `${field} is invalid (${issue.message})`, zh: `${field} 无效（${issue.message}）` };
  }
}

function describeInput(input: unknown): string {
  if (input === null) {
    return 'null';
  }
  if (typeof input === 'string') {
    return JSON.stringify(sanitizeDisplayText(input, 40));
  }
  if (typeof input === 'number' || typeof input === 'boolean') {
    return String(input);
  }
  if (Array.isArray(input)) {
    return 'an array';
  }
  return typeof input === 'object' ? 'an object' : typeof input;
}
