/**
 * Validates scoring input against a zod schema and renders the problems in
 * English and Simplified Chinese with zod's own locale messages, ready to be
 * the parameters of a bilingual error.
 */

import { z } from 'zod';

/** Outcome of `describeIssues`: the parsed value, or the problems in both languages. */
export type DescribedParse<T> =
  | { success: true; data: T }
  | { success: false; issues: { issuesEn: string; issuesZh: string } };

const englishErrors = z.locales.en().localeError;
const chineseErrors = z.locales.zhCN().localeError;

/**
 * Parses `value` with `schema`. On failure it returns every problem prefixed
 * with the path of the value, such as `severityPoints.minor: Too big: ...`,
 * joined into one string per language.
 */
export function describeIssues<S extends z.ZodType>(schema: S, value: unknown): DescribedParse<z.output<S>> {
  const english = schema.safeParse(value, { error: englishErrors });
  if (english.success) {
    return { success: true, data: english.data };
  }

  // The same parse with the Chinese error map yields the issues in the same order.
  const chinese = schema.safeParse(value, { error: chineseErrors });
  const chineseIssues = chinese.success ? [] : chinese.error.issues;

  return {
    success: false,
    issues: {
      issuesEn: english.error.issues.map(formatIssue).join('; '),
      issuesZh: chineseIssues.map(formatIssue).join('；'),
    },
  };
}

function formatIssue(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) {
    return issue.message;
  }
  return `${issue.path.map(String).join('.')}: ${issue.message}`;
}
