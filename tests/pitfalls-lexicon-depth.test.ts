import { describe, expect, it } from 'vitest';

import type { HandlingDepth } from '../src/domain/pitfalls.js';
import type { Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';

// Wording written for these tables, not taken from the corpus. Each row is an exchange that
// starts with a customer objection and alternates customer and rep turns. The rule layer
// alone rates it, so a row pins how a reply or a reaction is read.
function depthOf(texts: string[]): HandlingDepth | undefined {
  const turns: Turn[] = texts.map((text, index) => ({ speaker: index % 2 === 0 ? 'customer' : 'rep', text }));
  const analysis = analyzeTranscript({ turns, rolesKnown: true, callEnded: false }, undefined, { model: null });
  return analysis.objections[0]?.handlingDepth;
}

const ZH_PRICE = '这个报价太贵了，超出我们的预算。';
const ZH_PRICE_ANSWER = '理解。如果签三年，按价目表每年是六万五，比一年一签便宜百分之十五。';
const EN_PRICE = "Honestly it's too expensive for a team our size.";
const EN_PRICE_ANSWER = 'Fair. On the annual plan it comes to 40 dollars a seat, which is 20 percent below monthly.';

const ZH_COMPLAINT = '你们上个月装的热水器又坏了，这是第二次了。';
const EN_COMPLAINT = 'Half of the last order arrived damaged.';

interface Table {
  family: string;
  rows: Array<[HandlingDepth, string[]]>;
}

const TABLES: Table[] = [
  {
    family: 'a fix with a time answers a complaint about a delivery',
    rows: [
      [4, [ZH_COMPLAINT, '抱歉，这是我们的问题。我已经安排售后的王师傅明天上午九点上门，换一台新的。', '好的，明天上午我在家。']],
      [4, [EN_COMPLAINT, "I'm sorry. I've escalated it to our warehouse lead, Dana Cole, and she will call you by 3 pm today to arrange a replacement.", 'Okay, thanks.']],
      [1, [ZH_COMPLAINT, '抱歉，这个是厂家的问题，我们也没办法。', '那怎么办？']],
      [1, [EN_COMPLAINT, "Sorry about that, I'll see what can be done.", 'Okay.']],
      // A refusal or someone else's timetable is no fix, even with a time in it.
      [0, [ZH_COMPLAINT, '这个不能补发，厂家规定超过3个月不退不换。', '哦。']],
      [0, [ZH_COMPLAINT, '上门服务要等厂家排期，什么时候我也说不好，今天是周五了。', '哦。']],
      [0, [EN_COMPLAINT, "Unfortunately a replacement isn't possible, the warranty ended 2 weeks ago.", 'Okay.']],
    ],
  },
  {
    family: 'customer judges the answer good enough',
    rows: [
      [4, [ZH_PRICE, ZH_PRICE_ANSWER, '六万五的话还可以。']],
      [4, [ZH_PRICE, ZH_PRICE_ANSWER, '这么一比倒是合理。']],
      [4, [EN_PRICE, EN_PRICE_ANSWER, "That's reasonable, I can live with that."]],
      [3, [ZH_PRICE, ZH_PRICE_ANSWER, '三年我们觉得不划算。']],
      [3, [ZH_PRICE, ZH_PRICE_ANSWER, '我得算算哪个划算。']],
      [3, [EN_PRICE, EN_PRICE_ANSWER, "Hmm, I'm not convinced a three-year lock-in is worth it."]],
    ],
  },
  {
    family: 'customer decides on the answer',
    rows: [
      [4, [ZH_PRICE, ZH_PRICE_ANSWER, '那就按三年的签。']],
      [4, [EN_PRICE, EN_PRICE_ANSWER, "Let's go with the annual plan then."]],
      [3, [ZH_PRICE, ZH_PRICE_ANSWER, '那就先这样吧，我回去再想想。']],
    ],
  },
  {
    family: 'customer agrees to a step or asks for what follows',
    rows: [
      [4, [ZH_PRICE, ZH_PRICE_ANSWER, '你把三年版的合同模板发我看看。']],
      [4, [ZH_PRICE, ZH_PRICE_ANSWER, '周四下午我有空，你来公司细聊。']],
      [4, [EN_PRICE, EN_PRICE_ANSWER, 'Can you send over the annual order form?']],
      [3, [ZH_PRICE, ZH_PRICE_ANSWER, '下周四不行，我在外地出差。']],
      [3, [EN_PRICE, EN_PRICE_ANSWER, 'I still think it is a lot of money.']],
    ],
  },
  {
    family: 'acceptance before the next concern',
    rows: [
      [4, [ZH_PRICE, ZH_PRICE_ANSWER, '好，这个能接受。另外交货要多久？']],
      [4, [EN_PRICE, EN_PRICE_ANSWER, 'Okay, that works. Also, how long is onboarding?']],
      [3, [ZH_PRICE, ZH_PRICE_ANSWER, '嗯，另外交货要多久？']],
    ],
  },
  {
    family: 'bare Chinese agreement right after the answer',
    rows: [
      [4, [ZH_PRICE, ZH_PRICE_ANSWER, '好的。']],
      [3, [ZH_PRICE, ZH_PRICE_ANSWER, '好的，但是还是贵。']],
    ],
  },
  {
    family: 'arranging a later step is no answer',
    rows: [
      [2, [ZH_PRICE, '您这边预算大概是多少？', '八万左右。', '好的，我周五前把方案发您，下周二下午三点我们再通个电话。']],
      [2, [EN_PRICE, 'What budget did you have in mind?', 'Around thirty a seat.', "Got it. I'll send a proposal by Friday and we can set up a call on Tuesday at 3 pm."]],
      [3, [ZH_PRICE, '您这边预算大概是多少？', '八万左右。', '八万的话，我们可以先上基础版，一年七万八。']],
      [3, [EN_PRICE, 'What budget did you have in mind?', 'Around thirty a seat.', 'At thirty a seat we could start you on the basic tier and add modules later.']],
    ],
  },
  {
    family: 'calendar points are not figures, durations are',
    rows: [
      [1, ['我们担心设备坏了没人管，上一家就是这样。', '明白您的顾虑，我明天上午十点给您回个电话。']],
      [3, ['我们担心设备坏了没人管，上一家就是这样。', '明白，设备坏了我们工程师四个小时内到现场，合同里写明超时赔付。']],
      [1, ["We're worried about the risk, our last vendor never fixed anything.", 'I understand. I will call you on Friday at 10 am.']],
      [3, ["We're worried about the risk, our last vendor never fixed anything.", 'I understand the risk. Our engineers fix any fault within 4 hours, and that is written into the contract.']],
    ],
  },
  {
    family: 'a trial is an alternative even when scheduled',
    rows: [
      [3, ['我们担心设备坏了没人管，上一家就是这样。', '理解，我们下周先送一台样机给您试用两周。']],
      [4, ['我们担心设备坏了没人管，上一家就是这样。', '理解，我们下周先送一台样机给您试用两周。', '试用可以，下周三送过来吧。']],
    ],
  },
  {
    family: 'a concession answers a price objection',
    rows: [
      [3, [ZH_PRICE, '这样，安装费我给您免了。']],
      [3, [EN_PRICE, 'I can throw in the onboarding for free.']],
      [1, [ZH_PRICE, '理解，价格这块我回去再看看。']],
    ],
  },
  {
    family: 'a question about the situation probes',
    rows: [
      [2, ['这台机器太大了，我们车间放不下。', '您车间是单层的还是有夹层的？']],
      [2, ['起订量太高了，我们仓库放不下那么多货。', '您们一般多久补一次货？']],
      [2, ['这个功能我们可能用不上。', '您们现在有没有专人做排班？']],
      [2, ["Honestly the lift is a deal breaker for us.", 'Does your mother stay with you full time?']],
      [2, ["We're not sure we need the full suite.", 'Is it the reporting you use most, or the scheduling?']],
      [0, ['这台机器太大了，我们车间放不下。', '对了，您看过我们新出的配件吗？']],
      [0, ['这台机器太大了，我们车间放不下。', '对了，您有没有看过我们新出的配件？']],
      [0, ['Honestly the lift is a deal breaker for us.', 'Anyway, have you seen our new mobile app?']],
      [0, ["We're not sure we need the full suite.", 'Are you free on Thursday for a demo?']],
      [0, ["We're not sure we need the full suite.", 'Do you want to sign this week or next week?']],
      [0, ['这个功能我们可能用不上。', '您是刷卡还是转账？']],
      [0, ['这个功能我们可能用不上。', '那您要几台？']],
      [0, ['这个功能我们可能用不上。', '不管您有没有用过，我们都包安装包培训。']],
    ],
  },
  {
    family: 'a reply that names the concern in another word form addresses it',
    rows: [
      // A reply about the "pump" addresses a concern about "pumps", and a reply about something else does not.
      [3, ["We're worried about the pumps, the last ones sat broken for weeks.", 'A replacement pump ships within 48 hours of a reported fault.']],
      [0, ["We're worried about the pumps, the last ones sat broken for weeks.", 'The new screen is twice as bright as the old model.']],
      [3, ["We're worried about delivery, it was late three times.", 'Deliveries now come with 2 tracking codes.']],
      // Only plurals share a stem, so "really" does not address "real", nor "actually" address "actual".
      [0, ["I don't believe those savings are real.", 'Our new dashboard is really fast, it loads 3 reports at once.']],
      [0, ["We're worried the actual savings will be much lower.", 'Actually, we just launched a mobile app with 5 new reports.']],
      // Payment terms come in days after delivery.
      [3, ['Your payment terms are a problem, we never pay before shipping.', 'For the first order we can do 30 days after delivery.']],
      [3, ['付款方式不行，我们从来不预付。', '首单我们可以做货到30天付。']],
      // A delivery or installation time does not address payment terms.
      [0, ['账期太短了，我们要求90天。', '我们3天就能发货，很快的。']],
      [0, ['Our payment terms are net 90, we cannot do net 30.', 'Installation takes only 2 days and we train your staff.']],
    ],
  },
  {
    family: 'an acknowledgement that the concern matters',
    rows: [
      [1, ['我们担心设备坏了没人管，上一家就是这样。', '是的，这个很重要。']],
      [1, ["We're worried about the risk, our last vendor never fixed anything.", "That's really important."]],
    ],
  },
];

describe('handling depth across wordings', () => {
  for (const table of TABLES) {
    describe(table.family, () => {
      it.each(table.rows)('rates depth %i for %j', (depth, texts) => {
        expect(depthOf(texts)).toBe(depth);
      });
    });
  }
});
