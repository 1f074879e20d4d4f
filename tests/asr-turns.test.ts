import { describe, expect, it } from 'vitest';
import { speakerOfChannel, utterancesToTurns } from '../src/asr/turns.js';
import type { ChannelLayout, SpeakerRole } from '../src/domain/transcript.js';

describe('speakerOfChannel', () => {
  const cases: Array<[ChannelLayout, number, SpeakerRole]> = [
    ['mono', 0, 'unknown'],
    ['stereo-rep-left', 0, 'rep'],
    ['stereo-rep-left', 1, 'customer'],
    ['stereo-rep-right', 0, 'customer'],
    ['stereo-rep-right', 1, 'rep'],
  ];

  it.each(cases)('%s channel %i is %s', (layout, channel, speaker) => {
    expect(speakerOfChannel(channel, layout)).toBe(speaker);
  });
});

describe('utterancesToTurns', () => {
  it('interleaves channels by start time', () => {
    const turns = utterancesToTurns(
      [
        { channel: 0, startMs: 0, endMs: 2000, text: '您好' },
        { channel: 0, startMs: 5000, endMs: 6000, text: '我们保证没问题' },
        { channel: 1, startMs: 2500, endMs: 4000, text: '价格太高了' },
      ],
      'stereo-rep-left',
    );

    expect(turns).toEqual([
      { speaker: 'rep', text: '您好', startMs: 0, endMs: 2000 },
      { speaker: 'customer', text: '价格太高了', startMs: 2500, endMs: 4000 },
      { speaker: 'rep', text: '我们保证没问题', startMs: 5000, endMs: 6000 },
    ]);
  });

  it('orders equal starts by channel', () => {
    const turns = utterancesToTurns(
      [
        { channel: 1, startMs: 1000, endMs: 2000, text: 'OK' },
        { channel: 0, startMs: 1000, endMs: 1500, text: 'right' },
      ],
      'stereo-rep-right',
    );

    expect(turns.map((turn) => turn.speaker)).toEqual(['customer', 'rep']);
  });

  it('drops utterances without words', () => {
    const turns = utterancesToTurns(
      [
        { channel: 0, startMs: 0, endMs: 500, text: '' },
        { channel: 0, startMs: 600, endMs: 900, text: '。' },
        { channel: 0, startMs: 1000, endMs: 2000, text: 'deal 2' },
      ],
      'mono',
    );

    expect(turns).toEqual([{ speaker: 'unknown', text: 'deal 2', startMs: 1000, endMs: 2000 }]);
  });
});
