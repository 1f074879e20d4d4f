/**
 * The bilingual explanation that ingest errors carry. Error messages in the
 * registry interpolate it as `reason` (English) and `reasonZh` (Simplified Chinese).
 */

/** A short explanation of a rejection in both user locales, without a final full stop. */
export interface Reason {
  en: string;
  zh: string;
}

/** Returns the error params that carry `reason` under `name` and `${name}Zh`. */
export function reasonParams(reason: Reason, name = 'reason'): Record<string, string> {
  return { [name]: reason.en, [`${name}Zh`]: reason.zh };
}
