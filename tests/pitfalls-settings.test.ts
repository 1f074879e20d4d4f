import { describe, expect, it } from 'vitest';

import { CallscoreError } from '../src/errors/registry.js';
import { parseDetectionSettings } from '../src/pitfalls/settings.js';

function validationError(input: unknown): CallscoreError {
  try {
    parseDetectionSettings(input);
  } catch (error) {
    if (error instanceof CallscoreError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected CS_ERR_VALIDATION');
}

describe('parseDetectionSettings', () => {
  it('fills in defaults', () => {
    const settings = parseDetectionSettings({});
    expect(settings.interruptionOverlapMs).toBe(1000);
    expect(settings.monologueMs).toBe(90_000);
    expect(settings.backchannelMaxMs).toBe(2000);
    expect(settings.noNextStepMinCallMs).toBe(60_000);
    expect(settings.maxDiscountWithoutApprovalPercent).toBe(0);
    expect(settings.severityOverrides).toEqual({});
    expect(settings.glossary).toEqual({ competitors: [], products: [], synonyms: [] });
  });

  it('accepts no input', () => {
    expect(parseDetectionSettings(undefined).monologueMs).toBe(90_000);
  });

  it('keeps given values', () => {
    const settings = parseDetectionSettings({
      interruptionOverlapMs: 500,
      maxDiscountWithoutApprovalPercent: 10,
      severityOverrides: { vague_commitment: 'major' },
      glossary: { competitors: ['金蝶'], synonyms: [['远程诊断', '远程技术支持']] },
    });
    expect(settings.interruptionOverlapMs).toBe(500);
    expect(settings.maxDiscountWithoutApprovalPercent).toBe(10);
    expect(settings.severityOverrides).toEqual({ vague_commitment: 'major' });
    expect(settings.glossary.competitors).toEqual(['金蝶']);
    expect(settings.glossary.products).toEqual([]);
  });

  const invalid: Array<[string, unknown, string]> = [
    ['negative threshold', { monologueMs: -1 }, 'monologueMs'],
    ['fractional milliseconds', { interruptionOverlapMs: 1.5 }, 'interruptionOverlapMs'],
    ['discount above 100', { maxDiscountWithoutApprovalPercent: 120 }, 'maxDiscountWithoutApprovalPercent'],
    ['unknown severity', { severityOverrides: { monologue: 'huge' } }, 'severityOverrides.monologue'],
    ['unknown pitfall type', { severityOverrides: { rudeness: 'minor' } }, 'severityOverrides'],
    ['unknown field', { disabledTypes: ['monologue'] }, 'disabledTypes'],
    ['empty glossary term', { glossary: { competitors: [''] } }, 'glossary.competitors.0'],
    ['one-term synonym group', { glossary: { synonyms: [['远程诊断']] } }, 'glossary.synonyms.0'],
  ];

  it.each(invalid)('rejects %s', (_name, input, field) => {
    const error = validationError(input);
    expect(error.code).toBe('CS_ERR_VALIDATION');
    expect(error.status).toBe(400);
    expect(String(error.params.field)).toContain(field);
  });

  it('words the reason in both languages', () => {
    const error = validationError({ monologueMs: -1 });
    expect(error.messageIn('en')).toContain('monologueMs');
    expect(error.messageIn('zh-CN')).toContain('monologueMs');
    expect(error.messageIn('zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(error.params.reasonZh).not.toBe(error.params.reason);
  });
});
