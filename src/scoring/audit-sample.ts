/**
 * Picks the monthly intent-fulfillment audit sample (意图兑现度审计): a share
 * of the month's won deals for sales, pre-sales and legal to review. The same
 * seed always picks the same deals, so an audit can be reproduced.
 */

import { createHash } from 'node:crypto';

import { CallscoreError } from '../errors/registry.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Checks the audit options; throws CS_ERR_AUDIT_ARGUMENT_INVALID naming the option. `rateText` is
 * the rate as the user typed it, shown in the error in place of the parsed number (NaN for "abc").
 */
export function validateAuditOptions(month: string, rate: number, rateText = String(rate)): void {
  if (!MONTH.test(month)) {
    throw new CallscoreError('CS_ERR_AUDIT_ARGUMENT_INVALID', {
      option: '--month',
      value: month,
      expected: 'Use the form YYYY-MM, such as 2026-11.',
      expectedZh: '请使用 YYYY-MM 格式，例如 2026-11。',
    });
  }
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1) {
    throw new CallscoreError('CS_ERR_AUDIT_ARGUMENT_INVALID', {
      option: '--rate',
      value: rateText,
      expected: 'Use a share above 0 and at most 1, such as 0.05 for 5 %.',
      expectedZh: '请使用大于 0 且不超过 1 的比例，例如 0.05 表示 5%。',
    });
  }
}

/**
 * Samples ceil(rate × n) of the deal ids, at least one when any exist: the
 * ids ranked by SHA-256 of seed and id, so the pick depends only on the seed
 * and the set of ids, never on their order. Returns them sorted by id.
 */
export function sampleDeals(dealIds: readonly string[], rate: number, seed: string): string[] {
  if (dealIds.length === 0) return [];
  const count = Math.min(dealIds.length, Math.max(1, Math.ceil(rate * dealIds.length)));
  const ranked = [...new Set(dealIds)]
    .map((id) => ({ id, rank: createHash('sha256').update(`${seed}\u0000${id}`).digest('hex') }))
    .sort((a, b) => a.rank.localeCompare(b.rank));
  return ranked
    .slice(0, count)
    .map((entry) => entry.id)
    .sort();
}
