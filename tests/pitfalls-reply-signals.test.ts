import { describe, expect, it } from 'vitest';

import { normaliseText } from '../src/nlu/normalise.js';
import { REPEAT_MARKER, replySignals } from '../src/pitfalls/depth.js';

// Wording written for these tests, not taken from the corpus.
function signals(reply: string, type: Parameters<typeof replySignals>[1], words: string[]): string[] {
  return replySignals(normaliseText(reply).text, type, words);
}

describe('reply signals for the depth model', () => {
  it('counts repeated objection words', () => {
    expect(signals('A replacement pump ships within two days.', 'trust', ['pumps', 'broken'])).toContain('overlap:1');
    expect(signals('The new screen is brighter.', 'trust', ['pumps', 'broken'])).toContain('overlap:0');
    expect(signals('Pumps, valves and filters: all pumps ship fast.', 'trust', ['pumps', 'valves', 'filters', 'fast'])).toContain('overlap:3');
  });

  it('flags acknowledgement and topic', () => {
    expect(signals('理解，价格这块我们可以分期。', 'price', [])).toEqual(expect.arrayContaining(['ack', 'topic']));
    expect(signals('Our screens are bright.', 'price', [])).not.toContain('topic');
  });

  it('flags a pitch after an address', () => {
    expect(signals('主任，我们这个设备的精度是全国最高的。', 'authority', ['委员会'])).toContain('continues-pitch-off-topic');
    expect(signals('We also have a new line of tips.', 'price', [])).toContain('continues-pitch-off-topic');
  });

  it('flags no pitch after a topic opener', () => {
    // A reply that opens on the customer's own topic is not an address.
    const replies = [
      signals('除甲醛的话，我们这款一台能管50平米。', 'need', ['甲醛']),
      signals('Under the contract a pump ships in two days.', 'trust', []),
      signals('万一发生，我们的保险全赔。', 'trust', ['风险']),
    ];
    for (const flags of replies) {
      expect(flags).not.toContain('continues-pitch');
      expect(flags).not.toContain('continues-pitch-off-topic');
    }
  });

  it('separates a pitch opening on the topic', () => {
    // "我们这边可以给您分3期付款" opens like a pitch but stays on the price.
    const flags = signals('我们这边可以给您分3期付款。', 'price', ['太贵']);
    expect(flags).toContain('continues-pitch');
    expect(flags).not.toContain('continues-pitch-off-topic');
  });

  it('flags a change of topic', () => {
    expect(signals('Anyway, have you seen our app?', 'need', [])).toContain('topic-change');
  });
});

describe('repeat markers', () => {
  it.each([
    '我刚说了我们去年刚换的。',
    '我刚刚说过，预算不够。',
    '我刚才说的是售后。',
    'Like I said, the budget is gone.',
    '俺说的是电压不够，不是机器好不好。',
    '我是问你们能不能先试用。',
    '你还没回答我，交期到底多久？',
    "Sorry, you still haven't told me how the migration works.",
  ])('finds a repeat in %s', (text) => {
    expect(REPEAT_MARKER.test(normaliseText(text).text)).toBe(true);
  });
  it.each([
    '我刚到办公室。',
    '行，我刚说服了老板，那就按三年的签。',
    'We met last spring.',
    '这事俺说了不算，得问厂长。',
    '我是问一下，你们周末上班吗？',
    '我们试过一个客服机器人，老是答非所问。',
    "That's not what I asked for in the first quote, but it works.",
  ])('finds no repeat in %s', (text) => {
    expect(REPEAT_MARKER.test(normaliseText(text).text)).toBe(false);
  });
});
