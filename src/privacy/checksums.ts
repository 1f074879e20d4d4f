/** Check digits that tell a real identity or card number from an arbitrary digit run. */

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/**
 * True for 18 digits laid out like a resident ID (area code, a real birth
 * date) whatever the check character. A misheard or mistyped digit breaks
 * the checksum, and such a number still identifies a person.
 */
export function hasResidentIdShape(value: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks a mainland resident ID number (GB 11643-1999): 17 digits, then an
 * ISO 7064 MOD 11-2 check character (a digit or X), with a plausible
 * birth date in digits 7 to 14.
 */
export function isValidResidentId(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;

  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK[sum % 11] === value[17]!.toUpperCase();
}

/** Checks the Luhn (mod 10) check digit that bank card numbers carry in their last digit. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
