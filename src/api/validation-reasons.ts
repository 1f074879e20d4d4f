/**
 * Reasons for CS_ERR_VALIDATION in English and Chinese: a route schema's
 * zod issue together with the value the request sent, and the body errors
 * that fastify raises before validation.
 */
import { z } from 'zod';

/** One reason in both languages. */
export interface Reason {
  en: string;
  zh: string;
}

/** A route schema issue as fastify-type-provider-zod reports it. */
export interface ZodValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The part of the request a schema validated, as fastify names it in `validationContext`. */
export type ValidationContext = 'body' | 'params' | 'querystring' | 'headers';

const englishErrors = z.locales.en().localeError;
const chineseErrors = z.locales.zhCN().localeError;

/** Messages that schemas pass to `.regex()` or `.refine()`, with their Chinese wording. */
const CUSTOM_MESSAGES: Record<string, string> = {
  'must not contain control characters': '不能包含控制字符',
  'must not contain control characters other than line breaks and tabs': '除换行符和制表符外不能包含控制字符',
};

// Values of these fields are never echoed back, even when invalid.
const SECRET_FIELD = /password|secret|token|key/i;
const EXCERPT_CHARS = 40;

/** Reasons for the body errors that fastify raises before validation, by error code. */
export const BODY_ERROR_REASONS: Record<string, Reason> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    en: 'the body is empty but Content-Type is application/json; send a JSON object',
    zh: '请求体为空，但 Content-Type 为 application/json；请发送一个 JSON 对象',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    en: 'the body is not valid JSON; check quotes, commas and brackets',
    zh: '请求体不是有效的 JSON；请检查引号、逗号和括号',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    en: 'the body length does not match Content-Length; send the whole body',
    zh: '请求体长度与 Content-Length 不符；请发送完整的请求体',
  },
};

/** Renders a value as a short, single-line excerpt: JSON, cut to 40 characters, control characters escaped. */
function excerptOf(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  // JSON.stringify escapes C0 controls but leaves DEL and C1 controls as they are.
  text = text.replace(/[\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Looks up the value at a JSON pointer such as `/items/0/text` inside `root`. */
export function valueAtPath(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const segment of instancePath.split('/').filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return value;
}

function messageOf(result: unknown): string | null {
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && typeof (result as { message?: unknown }).message === 'string') return (result as { message: string }).message;
  return null;
}

/** Renders the issue with zod's own English and Chinese messages, which see `input` and so name its type. */
function zodReasons(entry: ZodValidationEntry, input: unknown): Reason | null {
  const custom = entry.message ? CUSTOM_MESSAGES[entry.message] : undefined;
  if (custom) return { en: entry.message!, zh: custom };

  const issue = { code: entry.keyword, path: entry.instancePath.split('/').filter(Boolean), ...entry.params, input } as Parameters<typeof englishErrors>[0];
  try {
    const en = messageOf(englishErrors(issue));
    const zh = messageOf(chineseErrors(issue));
    return en && zh ? { en, zh } : null;
  } catch {
    return null;
  }
}

/**
 * Builds the reason for one schema issue. `value` is what the request sent
 * at the issue's path. When the request sent something, the reason ends with
 * an excerpt of it, except for secret fields such as passwords.
 */
export function validationReason(entry: ZodValidationEntry, context: ValidationContext | undefined, value: unknown, field: string): Reason {
  if (entry.keyword === 'unrecognized_keys') {
    const unknown = zodReasons(entry, undefined) ?? { en: entry.message ?? 'unknown field', zh: entry.message ?? '未知字段' };
    return { en: `${unknown.en}; remove it and send only the fields that this route documents`, zh: `${unknown.zh}；请删除该字段，只发送此接口文档列出的字段` };
  }

  // The type provider reports an issue with the whole body at the path "/".
  const atRoot = entry.instancePath === '' || entry.instancePath === '/';
  if (context === 'body' && atRoot && value === undefined) {
    return {
      en: 'the request has no body; send a JSON object with Content-Type: application/json',
      zh: '请求没有请求体；请以 Content-Type: application/json 发送一个 JSON 对象',
    };
  }

  const base = zodReasons(entry, value) ?? { en: entry.message ?? 'invalid value', zh: entry.message ?? '值无效' };
  if (value === undefined || SECRET_FIELD.test(field)) return base;

  const excerpt = excerptOf(value);
  // zod's invalid_type message already ends with the received type, so the excerpt follows it directly.
  if (entry.keyword === 'invalid_type') return { en: `${base.en} ${excerpt}`, zh: `${base.zh} ${excerpt}` };
  return { en: `${base.en}; received ${excerpt}`, zh: `${base.zh}；收到的值为 ${excerpt}` };
}
