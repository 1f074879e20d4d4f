/**
 * Checks the fields that accompany an upload, for POST /v1/calls and for the
 * rows of a batch manifest alike, so both name an invalid value with the
 * same bilingual reason and hint.
 */
import { z } from 'zod';
import { UploadFieldsSchema, type UploadFields } from './schemas.js';

const englishErrors = z.locales.en().localeError;
const chineseErrors = z.locales.zhCN().localeError;

// Hints on the expected value, per field, added to the reason when a field is missing or malformed.
const FIELD_HINTS: Record<string, { en: string; zh: string }> = {
  startedAt: { en: 'send ISO 8601 with a time zone, e.g. 2026-11-03T10:00:00+08:00', zh: '请使用带时区的 ISO 8601 格式，例如 2026-11-03T10:00:00+08:00' },
  dealId: { en: 'send the CRM deal id, 1-128 characters', zh: '请填写 CRM 中的商机编号，1-128 个字符' },
  repId: { en: 'send the id of the rep on the call, 1-128 characters', zh: '请填写通话销售的编号，1-128 个字符' },
  language: { en: 'send zh, en or auto', zh: '可选值为 zh、en 或 auto' },
  channelLayout: { en: 'send mono, stereo-rep-left or stereo-rep-right', zh: '可选值为 mono、stereo-rep-left 或 stereo-rep-right' },
};

/** The first invalid field of an upload, with the reason in English and Chinese. */
export interface UploadFieldIssue {
  field: string;
  reason: string;
  reasonZh: string;
}

/** Returns the parsed fields, or the first invalid one with its reason, the received value and a hint on the expected value. */
export function checkUploadFields(fields: Record<string, string | undefined>): { data: UploadFields; issue?: never } | { data?: never; issue: UploadFieldIssue } {
  const parsed = UploadFieldsSchema.safeParse(fields, { error: englishErrors });
  if (parsed.success) return { data: parsed.data };

  const issue = parsed.error.issues[0]!;
  const chinese = UploadFieldsSchema.safeParse(fields, { error: chineseErrors });
  const chineseMessage = chinese.success ? issue.message : (chinese.error.issues[0]?.message ?? issue.message);
  const field = issue.path.join('.') || 'form';
  const received = fields[field];
  const hint = FIELD_HINTS[field];
  const receivedJson = received === undefined ? null : JSON.stringify(received.slice(0, 80));
  const reason = received === undefined ? 'missing' : `${issue.message} (received ${receivedJson})`;
  const reasonZh = received === undefined ? '缺少该字段' : `${chineseMessage}（收到 ${receivedJson}）`;
  return {
    issue: {
      field,
      reason: hint ? `${reason}; ${hint.en}` : reason,
      reasonZh: hint ? `${reasonZh}；${hint.zh}` : reasonZh,
    },
  };
}
