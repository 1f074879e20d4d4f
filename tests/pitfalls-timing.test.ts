import { describe, expect, it } from 'vitest';

import type { Finding, PitfallType } from '../src/domain/pitfalls.js';
import type { Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import type { DetectionSettingsInput } from '../src/pitfalls/settings.js';

function turn(speaker: Turn['speaker'], text: string, startMs: number, endMs: number): Turn {
  return { speaker, text, startMs, endMs };
}

function findingsOf(turns: Turn[], type: PitfallType, settings?: DetectionSettingsInput): Finding[] {
  const analysis = analyzeTranscript({ turns, rolesKnown: true, callEnded: false }, settings);
  return analysis.findings.filter((finding) => finding.type === type);
}

describe('interruption', () => {
  const interrupted: Array<[string, Turn[]]> = [
    [
      'zh rep cuts in',
      [
        turn('customer', '我们现在是旺季，所以新系统要等到明年一月以后，然后我们可能才会——', 0, 15190),
        turn('rep', '但是旺季恰恰最需要路线优化，省的钱最多。', 13150, 19470),
      ],
    ],
    [
      'en rep cuts in',
      [
        turn('customer', "Before we commit, legal needs to review the terms, and that usually takes a couple of weeks because they're—", 0, 10380),
        turn('rep', 'Yeah, I understand legal has to look at it, totally.', 8760, 12560),
      ],
    ],
    [
      'mixed rep cuts in',
      [
        turn('customer', '我们的 budget 其实已经定了，所以如果要加的话——', 0, 6000),
        turn('rep', 'OK 我明白，但是 let me show you the ROI first。', 4500, 9000),
      ],
    ],
  ];

  it.each(interrupted)('flags %s', (_name, turns) => {
    const findings = findingsOf(turns, 'interruption');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.turnIndex).toBe(1);
    expect(findings[0]?.evidence[0]?.rule).toBe('overlap');
  });

  const notInterrupted: Array<[string, Turn[]]> = [
    [
      'zh backchannel',
      [turn('customer', '我们每天两次人工巡检，周五再录到表格里。', 0, 12010), turn('rep', '嗯嗯。', 6880, 7380)],
    ],
    ['en backchannel', [turn('customer', 'So the way it works now is a paper log.', 0, 9000), turn('rep', 'Mm-hm.', 4000, 4500)]],
    [
      'short overlap',
      [turn('customer', 'How long is the install for 14 compressors?', 36650, 42220), turn('rep', "You wouldn't have to stop.", 41530, 47440)],
    ],
    [
      'customer keeps talking',
      [
        turn('customer', '我们的预算今年已经批下来了，主要是想看看实施周期和培训安排，还有售后。', 0, 12000),
        turn('rep', '好的您说，实施周期一般是六周左右。', 5000, 9000),
      ],
    ],
    [
      'customer continues in a new turn',
      [
        turn('customer', 'We need the crane on site by the 15th and', 0, 6000),
        turn('rep', 'Sure, by the 15th, noted.', 4000, 7000),
        turn('customer', 'and the operator needs training too, on the luffing jib.', 6500, 11000),
      ],
    ],
    ['rep waits', [turn('customer', '价格有点高。', 0, 2000), turn('rep', '您的预算大概是多少？', 2300, 5000)]],
  ];

  it.each(notInterrupted)('skips %s', (_name, turns) => {
    expect(findingsOf(turns, 'interruption')).toEqual([]);
  });

  it('uses the overlap threshold setting', () => {
    const turns = [turn('customer', 'We need it by May, and—', 0, 5000), turn('rep', 'May works.', 4200, 7000)];
    expect(findingsOf(turns, 'interruption')).toEqual([]);
    expect(findingsOf(turns, 'interruption', { interruptionOverlapMs: 500 })).toHaveLength(1);
  });
});

describe('interruption from measured overlap', () => {
  function measured(speaker: Turn['speaker'], text: string, startMs: number, endMs: number, overlapMs: number): Turn {
    return { speaker, text, startMs, endMs, overlapMs };
  }

  it('flags a rep start in measured customer speech', () => {
    const turns = [
      measured('customer', '我们现在是旺季，所以新系统要等到明年一月以后——', 0, 9000, 1800),
      measured('rep', '但是旺季恰恰最需要路线优化，省的钱最多。', 7200, 13000, 1800),
    ];
    const findings = findingsOf(turns, 'interruption');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.turnIndex).toBe(1);
    expect(findings[0]?.evidence[0]?.rule).toBe('measured-overlap');
    expect(findings[0]?.evidence[0]?.detail).toBe('1800 ms over customer turn 0, measured in the audio');
  });

  it('skips boundary overlap measured as silence', () => {
    const turns = [
      measured('customer', 'Before we commit, legal needs to review the terms and the schedule.', 0, 10380, 0),
      measured('rep', 'Right, legal has to look at it, and I can send the terms today.', 8760, 14000, 0),
    ];
    expect(findingsOf(turns, 'interruption')).toEqual([]);
  });

  it('skips measured overlap under the threshold', () => {
    const turns = [
      measured('customer', 'Before we commit, legal needs to review the terms and the schedule.', 0, 10380, 600),
      measured('rep', 'Right, legal has to look at it, and I can send the terms today.', 8760, 14000, 600),
    ];
    expect(findingsOf(turns, 'interruption')).toEqual([]);
  });

  it('counts no later overlap toward the start', () => {
    // Most of the rep's 2.5 s of measured overlap lies under the customer's later backchannel.
    // Under the rep's start the boundaries allow only 400 ms.
    const turns = [
      measured('customer', '价格我们还要再内部讨论一下。', 0, 4000, 400),
      measured('rep', '好的，我先把三个方案的区别给您讲一下，第一个方案是按年付费的。', 3600, 15000, 2500),
      measured('customer', '嗯嗯，对对。', 8000, 10100, 2100),
    ];
    expect(findingsOf(turns, 'interruption')).toEqual([]);
  });

  it('bounds the overlap by the customer turn', () => {
    const turns = [
      measured('customer', '我们的 budget 其实已经定了，所以如果要加的话——', 0, 6000, 700),
      measured('rep', 'OK 我明白，但是 let me show you the ROI first。', 4000, 9000, 2000),
    ];
    expect(findingsOf(turns, 'interruption')).toEqual([]);
  });

  it('skips when the customer keeps talking', () => {
    const turns = [
      measured('customer', '我们的预算今年已经批下来了，主要是想看看实施周期和培训安排，还有售后。', 0, 12000, 4000),
      measured('rep', '好的您说，实施周期一般是六周左右。', 5000, 9000, 4000),
    ];
    expect(findingsOf(turns, 'interruption')).toEqual([]);
  });

  it('uses boundaries for turns without measurements', () => {
    const turns = [turn('customer', 'We need it by May, and—', 0, 5000), turn('rep', 'But see, May is exactly when you want it.', 3500, 8000)];
    const findings = findingsOf(turns, 'interruption');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence[0]?.rule).toBe('overlap');
  });
});

describe('monologue', () => {
  const longPitch = 'Let me walk you through the whole platform, module by module, and the pricing at the end.';

  it('flags one long rep turn', () => {
    const findings = findingsOf([turn('customer', 'What would this look like?', 0, 3700), turn('rep', longPitch, 4380, 106750)], 'monologue');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.turnIndex).toBe(1);
  });

  it('spans rep turns across short backchannels', () => {
    const turns = [
      turn('rep', '韩经理，那我先把我们的质量管控体系给您整体介绍一下。', 0, 10200),
      turn('customer', '好，你讲。', 10590, 11580),
      turn('rep', '我们厂现在是十二条冲压线，每两小时巡检一次，关键尺寸全检。', 12170, 60240),
      turn('customer', '嗯嗯。', 60500, 61000),
      turn('rep', '另外每条线都装了压力曲线监控，异常自动停机报警。', 61300, 101000),
    ];
    const findings = findingsOf(turns, 'monologue');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.turnIndex).toBe(0);
    expect(findings[0]?.evidence[0]?.detail).toContain('3 rep turn(s)');
  });

  it('breaks the span at a customer question', () => {
    const turns = [
      turn('rep', longPitch, 0, 60000),
      turn('customer', '多少钱？', 60200, 61500),
      turn('rep', longPitch, 61800, 120000),
    ];
    expect(findingsOf(turns, 'monologue')).toEqual([]);
  });

  it('spans rep turns across a short go-ahead that is no backchannel', () => {
    const turns = [
      turn('rep', 'Good morning, it is Dana from Parkline, calling about the fleet cards.', 0, 5400),
      turn('customer', 'Morning, go ahead.', 5700, 6900),
      turn('rep', longPitch, 7300, 101000),
    ];
    const findings = findingsOf(turns, 'monologue');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.turnIndex).toBe(0);
  });

  it('breaks the span at a long backchannel', () => {
    const turns = [turn('rep', longPitch, 0, 60000), turn('customer', '嗯嗯。', 60200, 63000), turn('rep', longPitch, 63200, 120000)];
    expect(findingsOf(turns, 'monologue')).toEqual([]);
  });

  it('skips a rep span under the threshold', () => {
    expect(findingsOf([turn('rep', longPitch, 0, 80000)], 'monologue')).toEqual([]);
  });

  it('uses the monologue threshold setting', () => {
    expect(findingsOf([turn('rep', longPitch, 0, 80000)], 'monologue', { monologueMs: 60_000 })).toHaveLength(1);
  });
});

describe('timing detectors without timings', () => {
  it('are skipped and listed', () => {
    const analysis = analyzeTranscript({
      turns: [
        { speaker: 'customer', text: 'We need it by May, and—', startMs: 0, endMs: 5000 },
        { speaker: 'rep', text: 'But see, that is exactly when you want it.' },
      ],
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.skippedDetectors).toEqual(['interruption', 'monologue']);
    expect(analysis.findings.filter((finding) => finding.type === 'interruption' || finding.type === 'monologue')).toEqual([]);
  });
});
