/**
 * The kinds of personal data that redaction detects, and the placeholder
 * each leaves in stored text. Detection and masking live in detect.ts and
 * redact.ts; this file only names things.
 */

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

/** Placeholder shown in place of each kind, in Simplified Chinese and English. */
export const PII_PLACEHOLDERS: Record<PiiKind, { zh: string; en: string }> = {
  mobile: { zh: '[手机号]', en: '[phone]' },
  landline: { zh: '[座机号]', en: '[phone]' },
  phone: { zh: '[电话号码]', en: '[phone]' },
  resident_id: { zh: '[身份证号]', en: '[ID number]' },
  bank_card: { zh: '[银行卡号]', en: '[card number]' },
  email: { zh: '[邮箱]', en: '[email]' },
  ssn: { zh: '[社会安全号]', en: '[SSN]' },
};
