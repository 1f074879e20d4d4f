import { describe, expect, it } from 'vitest';

import type { Finding } from '../src/domain/pitfalls.js';
import type { Transcript, Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';

/** Spreads the texts over a call of `durationMs`, alternating customer and rep from the given first speaker. */
function timedCall(texts: string[], durationMs: number, first: Turn['speaker'] = 'customer'): Turn[] {
  const step = Math.floor(durationMs / texts.length);
  return texts.map((text, index) => ({
    speaker: index % 2 === 0 ? first : first === 'rep' ? 'customer' : 'rep',
    text,
    startMs: index * step,
    endMs: index * step + step - 200,
  }));
}

function noNextStep(transcript: Transcript): Finding[] {
  return analyzeTranscript(transcript).findings.filter((finding) => finding.type === 'no_next_step');
}

const VAGUE_ENDINGS: Array<[string, string[]]> = [
  ['zh', ['价格我们再考虑考虑。', '好的，没问题。', '那我们内部再商量一下。', '好的好的，那我们保持联系，有空再聊。', '行，再见。']],
  ['en', ["We'll decide when we decide.", 'Sure, sure.', "Okay. I'll get back to you after the comparison.", 'Okay. Thanks for the time today, Rachel.', 'Bye.']],
  ['mixed', ['这个 proposal 我们再看看。', '好的，no problem。', '那就先这样，keep in touch。', 'OK，我们 follow up 一下，回头再聊。', '拜拜。']],
];

const DATED_ENDINGS: Array<[string, string[]]> = [
  ['zh', ['这样可以，你发个方案给我。', '好的，我明天上午十点前把分期方案发到您邮箱。', '好，明天等你邮件。', '那我们周四下午三点再约个电话过一下。', '行，周四见。']],
  ['en', ['Send me that version.', "I'll email the lease version to you by Thursday noon.", 'Thursday noon is fine.', "And let's meet on the 18th at 10 to agree the dates.", 'Good.']],
  ['mixed', ['OK，那 demo 怎么安排？', '我周四下午三点带工程师过来做 demo。', '好，周四见。', '我 Wednesday 之前把 quote 发您。', 'Sounds good.']],
  ['zh without subject', ['那你们把报价发过来吧。', '好的，周五下午三点前发您。', '好。', '好的，谢谢。', '再见。']],
];

describe('no_next_step', () => {
  it.each(VAGUE_ENDINGS)('flags a %s call ending vaguely', (_language, texts) => {
    const turns = timedCall(['我们先聊到这，价格有点高。', '理解。', ...texts], 120_000);
    const findings = noNextStep({ turns, rolesKnown: true, callEnded: true });
    expect(findings).toHaveLength(1);
    const lastRep = turns.map((item) => item.speaker).lastIndexOf('rep');
    expect(findings[0]?.turnIndex).toBe(lastRep);
  });

  it.each(DATED_ENDINGS)('skips a %s call with a dated step', (_language, texts) => {
    const turns = timedCall(['价格有点高。', '理解，我们可以分期。', ...texts], 120_000);
    expect(noNextStep({ turns, rolesKnown: true, callEnded: true })).toEqual([]);
  });

  it('skips a call that has not ended', () => {
    const turns = timedCall(VAGUE_ENDINGS[0]?.[1] ?? [], 120_000);
    expect(noNextStep({ turns, rolesKnown: true, callEnded: false })).toEqual([]);
  });

  it('exempts a short call', () => {
    const turns = timedCall(["Hi, it's Lisa, we got the brochures.", 'Oh great.', "We'll have a look. Bye.", 'Okay, bye.'], 16_000);
    expect(noNextStep({ turns, rolesKnown: true, callEnded: true })).toEqual([]);
  });

  it('judges a call without timings', () => {
    const turns: Turn[] = [
      { speaker: 'customer', text: 'We got the brochures.' },
      { speaker: 'rep', text: "Great, we'll be in touch." },
    ];
    expect(noNextStep({ turns, rolesKnown: true, callEnded: true })).toHaveLength(1);
  });

  it('ignores a third party plan with a time', () => {
    const turns = timedCall(
      ['Three years on the motor.', 'Mm. Okay, I have a meeting in five minutes, I have to go.', 'No problem, thanks for your time, Dr. Weber.'],
      90_000,
      'rep',
    );
    expect(noNextStep({ turns, rolesKnown: true, callEnded: true })).toHaveLength(1);
  });

  it('anchors on the last turn of a mono call', () => {
    const turns = timedCall(['价格有点高。', '理解。', '我们再考虑考虑。', '好的，回头联系。'], 120_000).map((item) => ({
      ...item,
      speaker: 'unknown' as const,
    }));
    const findings = noNextStep({ turns, rolesKnown: false, callEnded: true });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.turnIndex).toBe(3);
  });

  it('uses the minimum call length setting', () => {
    const turns = timedCall(['价格有点高。', '理解。', '我们再考虑考虑。', '好的，回头联系。'], 120_000);
    const analysis = analyzeTranscript({ turns, rolesKnown: true, callEnded: true }, { noNextStepMinCallMs: 200_000 });
    expect(analysis.findings.filter((finding) => finding.type === 'no_next_step')).toEqual([]);
  });
});
