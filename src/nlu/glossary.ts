/**
 * The business glossary that extraction and matching read: synonym groups,
 * extra names for metrics, competitor and product names. It is stored as one
 * versioned document (GET/PUT /v1/glossary).
 */

import { z } from 'zod';

import { METRICS, type Metric } from '../domain/deal.js';
import { CallscoreError } from '../errors/registry.js';
import { normaliseText } from './normalise.js';

const term = z.string().trim().min(1).max(100);

/** Schema of the glossary document. Every list is optional and defaults to empty. */
export const GlossarySchema = z.strictObject({
  /** Groups of terms that mean the same thing, such as 远程诊断 = 远程技术支持 = remote diagnostics. */
  synonyms: z.array(z.array(term).min(2).max(50)).max(500).default([]),
  /** Extra names of a metric, such as 到达现场时间 for onsite_time, with the unit it is usually stated in. */
  metrics: z
    .array(z.strictObject({ metric: z.enum(METRICS), names: z.array(term).min(1).max(50), unit: term.optional() }))
    .max(200)
    .default([]),
  competitors: z.array(term).max(500).default([]),
  products: z.array(term).max(500).default([]),
});

/** The glossary with every list present. */
export type Glossary = z.output<typeof GlossarySchema>;

/** An empty glossary, used before the first PUT. */
export const EMPTY_GLOSSARY: Glossary = { synonyms: [], metrics: [], competitors: [], products: [] };

/** Validates a glossary document; throws CS_ERR_VALIDATION naming the first invalid field. */
export function parseGlossary(input: unknown): Glossary {
  const parsed = GlossarySchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = ['glossary', ...issue.path.map(String)].join('.');
  throw new CallscoreError('CS_ERR_VALIDATION', { field, reason: issue.message });
}

/** Extra normalised metric names from the glossary, each expanded with its synonym groups. */
export function glossaryMetricNames(glossary: Glossary): Map<Metric, string[]> {
  const names = new Map<Metric, string[]>();
  for (const entry of glossary.metrics) {
    const expanded = expandSynonyms(entry.names, glossary.synonyms);
    names.set(entry.metric, [...(names.get(entry.metric) ?? []), ...expanded]);
  }
  return names;
}

/** Returns the normalised terms plus every term that shares a synonym group with one of them. */
export function expandSynonyms(terms: readonly string[], synonyms: readonly (readonly string[])[]): string[] {
  const expanded = new Set(terms.map((item) => normaliseText(item).text).filter((item) => item.length > 0));
  for (const group of synonyms) {
    const normalisedGroup = group.map((item) => normaliseText(item).text);
    if (normalisedGroup.some((item) => expanded.has(item))) {
      for (const item of normalisedGroup) expanded.add(item);
    }
  }
  return [...expanded];
}
