/**
 * Compiles the team glossary of the detection settings into patterns over
 * normalised text. A synonym group that contains a competitor or product
 * name adds its other terms to that list.
 */

import { normaliseText } from '../nlu/normalise.js';
import type { DetectionSettings } from './settings.js';

/** Glossary terms ready to match normalised turn text; null when the list is empty. */
export interface CompiledGlossary {
  competitors: RegExp | null;
  products: RegExp | null;
}

const compiled = new WeakMap<DetectionSettings['glossary'], CompiledGlossary>();

function escapeForPattern(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function expandWithSynonyms(terms: readonly string[], synonyms: readonly (readonly string[])[]): string[] {
  const normalisedTerms = new Set(terms.map((term) => normaliseText(term).text));
  for (const group of synonyms) {
    const normalisedGroup = group.map((term) => normaliseText(term).text);
    if (normalisedGroup.some((term) => normalisedTerms.has(term))) {
      for (const term of normalisedGroup) {
        normalisedTerms.add(term);
      }
    }
  }
  return [...normalisedTerms].filter((term) => term.length > 0);
}

function compileTerms(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) {
    return null;
  }
  // Longer terms first, so "hartwell pro" wins over "hartwell". Latin terms need
  // word boundaries; Chinese terms cannot have them.
  const alternatives = [...terms]
    .sort((a, b) => b.length - a.length)
    .map((term) => (/^[a-z0-9]/.test(term) ? `\\b${escapeForPattern(term)}\\b` : escapeForPattern(term)));
  return new RegExp(alternatives.join('|'), 'g');
}

/** Compiles the glossary once per settings object. */
export function compileGlossary(glossary: DetectionSettings['glossary']): CompiledGlossary {
  const cached = compiled.get(glossary);
  if (cached !== undefined) {
    return cached;
  }
  const result: CompiledGlossary = {
    competitors: compileTerms(expandWithSynonyms(glossary.competitors, glossary.synonyms)),
    products: compileTerms(expandWithSynonyms(glossary.products, glossary.synonyms)),
  };
  compiled.set(glossary, result);
  return result;
}
