import { describe, expect, it } from 'vitest';

import { buildDetectionContext } from '../src/pitfalls/context.js';
import { detectPhrasePitfall, findTriggers, MAX_MATCHES_JUDGED } from '../src/pitfalls/phrase-detector.js';
import type { PhraseTrigger } from '../src/pitfalls/phrase-detector.js';
import { parseDetectionSettings } from '../src/pitfalls/settings.js';

const TRIGGERS: PhraseTrigger[] = [{ rule: 'test-guarantee', pattern: /保证/g, confidence: 0.8 }];

describe('phrase detector match bound', () => {
  const text = '保证 '.repeat(500);
  const context = buildDetectionContext({ turns: [{ speaker: 'rep', text }], rolesKnown: true, callEnded: false }, parseDetectionSettings({}));

  it('finds every match of a long turn', () => {
    expect(findTriggers(context.turns[0]!.text, TRIGGERS)).toHaveLength(500);
  });

  it('judges at most the bound per turn', () => {
    let judged = 0;
    const findings = detectPhrasePitfall(context, 'over_commitment', TRIGGERS, () => {
      judged++;
      return null;
    });
    expect(findings).toEqual([]);
    expect(judged).toBe(MAX_MATCHES_JUDGED);
  });

  it('still reports the first accepted match', () => {
    const findings = detectPhrasePitfall(context, 'over_commitment', TRIGGERS, () => ({ confidence: 0.8, evidence: [] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.span.start).toBe(0);
  });
});
