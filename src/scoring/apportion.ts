/**
 * Rounds score deductions to tenths of a point so that the rounded parts
 * still add up to their rounded total, which lets a coach check the sum.
 */

// Guards against float noise such as 4.35 * 10 = 43.49999999999999.
const EPSILON = 1e-9;

/**
 * Splits `round(sum(values) × 10)` tenths over the values by the largest
 * remainder method. Each value gets its floor in tenths, and the tenths left
 * over go to the values with the largest fractional parts, earlier values
 * first on ties. Values must be non-negative. Returns integer tenths.
 */
export function apportionTenths(values: readonly number[]): number[] {
  const scaled = values.map((value) => value * 10);
  const floors = scaled.map((value) => Math.floor(value + EPSILON));
  const total = Math.round(scaled.reduce((sum, value) => sum + value, 0) + EPSILON);

  let leftover = total - floors.reduce((sum, value) => sum + value, 0);
  const byRemainder = scaled
    .map((value, index) => ({ index, remainder: value - (floors[index] ?? 0) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);

  const tenths = [...floors];
  for (const { index } of byRemainder) {
    if (leftover <= 0) {
      break;
    }
    tenths[index] = (tenths[index] ?? 0) + 1;
    leftover -= 1;
  }
  return tenths;
}
