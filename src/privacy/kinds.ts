/**
 * The kinds of personal data that redaction detects, and the placeholder
 * each leaves in stored text. Detection and masking live in detect.ts and
 * redact.ts; this file only names things.
 */
import { t, type Locale } from '../i18n/catalog.js';

/** Every kind of personal data the detectors find. */
export const PII_KINDS = ['mobile', 'landline', 'phone', 'resident_id', 'bank_card', 'email', 'ssn'] as const;

/**
 * A kind of personal data: mainland mobile and landline numbers, other
 * (English-format) phone numbers, 18-digit resident ID numbers, bank card
 * numbers, e-mail addresses and US social security numbers.
 */
export type PiiKind = (typeof PII_KINDS)[number];

/** A detected item: its kind and its character range in the scanned text, end exclusive. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

/** Placeholder left in place of a masked item: the kind's catalogue label in brackets. */
export function placeholderFor(kind: PiiKind, locale: Locale): string {
  return `[${t(locale, `pii.${kind}`)}]`;
}
