import { describe, expect, it } from 'vitest';

import type { PitfallType } from '../src/domain/pitfalls.js';
import type { Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import type { DetectionSettingsInput } from '../src/pitfalls/settings.js';

const GLOSSARY: DetectionSettingsInput = { glossary: { competitors: ['金蝶', 'Hartwell', 'Sentrix'], products: ['LearnPath'] } };

/** Analyses one rep turn after a neutral customer turn and returns the pitfall types found on the rep turn. */
function typesOnRepTurn(text: string, settings: DetectionSettingsInput = GLOSSARY): PitfallType[] {
  const turns: Turn[] = [
    { speaker: 'customer', text: '嗯，您接着说。' },
    { speaker: 'rep', text },
  ];
  const analysis = analyzeTranscript({ turns, rolesKnown: true, callEnded: false }, settings);
  return analysis.findings.filter((finding) => finding.turnIndex === 1).map((finding) => finding.type);
}

interface PhraseTable {
  type: PitfallType;
  positive: string[];
  negative: string[];
}

const TABLES: PhraseTable[] = [
  {
    type: 'vague_commitment',
    positive: [
      '这个我回头看看再说。',
      '我们尽快给您处理。',
      '应该没问题的，您放心。',
      '我尽量帮您争取一下。',
      '好的，有消息了我再联系您。',
      "We'll get back to you on that soon.",
      "I'll try to put something together for you.",
      "Let me see what I can do, we'll probably figure something out.",
      "Sure, no problem, we'll take care of that. We'll be in touch.",
      '这个我回头 check 一下，we will get back to you soon。',
    ],
    negative: [
      '我周三下午五点前把报价发您。',
      '您这边尽快确认一下合同就行。',
      '您希望我们尽快上线吗？',
      '我明天上午十点前给您回电话，尽快把问题解决。',
      "I'll email the lease version to you by Thursday noon.",
      'Could you get back to me soon?',
      'Okay, thanks Marco, talk soon.',
      'You should try the demo first.',
      "I'll follow up with you tomorrow at 9.",
      '我 Friday 下午三点前把 proposal 发给您。',
    ],
  },
  {
    type: 'over_commitment',
    positive: [
      '我们保证百分之百没问题。',
      '绝对没问题，包您满意！',
      '您放心，我们一定能按时交付。',
      '任何需求我们都能满足。',
      '我们的设备永远不会出故障。',
      'I guarantee an engineer on site same day, whatever happens.',
      "Honestly, you'll never have downtime with us.",
      "We'll definitely have it there, one hundred percent, you can count on it.",
      'Zero problems, guaranteed.',
      '放心，我们保证 100% on time delivery。',
    ],
    negative: [
      '我们不能保证百分之百，但会全力配合。',
      '只要您按合同约定提供数据，我们保证三天内上线。',
      '我们不敢说百分之百，得看现场情况。',
      '签约需要先交一笔保证金。',
      '您需要我们保证什么？',
      '一般情况下可以保证，具体以合同为准。',
      "I can't guarantee that flat out, nobody honestly can.",
      'Per the service agreement, we guarantee 99.9% uptime.',
      'If you send the data by Monday, we can definitely go live in March.',
      "I can't promise this pricing will still be around.",
      '我们不能 guarantee 百分之百，but we will do our best。',
    ],
  },
  {
    type: 'responsibility_evasion',
    positive: [
      '这个不归我们管，您得自己去找厂家。',
      '那是物流的问题，跟我们没关系。',
      '这是厂家的责任，我们也管不了。',
      '仓库那边归仓储部门管，我这边也不好去要货。',
      "That's not my department.",
      "Honestly that's not really on me, the firmware team handles all that.",
      "So it's more their issue than ours.",
      "It's outside our system, so it's outside what we can control.",
      '这个其实是税务那边接口更新导致的，跟我们系统没关系。',
    ],
    negative: [
      '这个是物流那边负责的，我帮您联系物流的王经理，今天下午给您回复。',
      '这不是厂家的问题，是我们安装的问题，我们来处理。',
      '发货慢确实是我们的问题，我马上协调仓库。',
      "That sits with our integrations team, and I've just opened a ticket with Dana Liu. She'll call you by 4 pm today.",
      "It's not the manufacturer's problem, it's ours, and I'll fix it this week.",
      "That's handled by our billing team. I'll connect you with Maria, who owns it, and she'll email you today.",
      '这个归售后管，我已经帮您提了工单，负责人是李工，明天上午联系您。',
    ],
  },
  {
    type: 'absolute_claim',
    positive: [
      '我们是行业第一的品牌。',
      '这是全网最低价。',
      '我们的系统是最稳定的。',
      '国内唯一一家能做到的就是我们。',
      '我们的服务是顶级的。',
      "We're the most reliable ultrasound on the market, period.",
      'Nobody comes close.',
      'We have the fastest delivery in the whole industry.',
      "We're the number one camera brand in the world.",
      '这个价格是 the best in the market 绝对最低',
      '我们是 number one，没有之一。',
    ],
    negative: [
      '根据IDC 2025年报告，我们在该细分市场排名第一。',
      '您最好先跟财务确认一下。',
      '这是我们第一次合作。',
      '唯一的问题是交付周期。',
      '我们不敢说是最好的，但很适合您。',
      '最快下周就能交付。',
      '主臂全伸四十二米，最大起重量三十五吨。',
      "I won't tell you we're the best out there.",
      'We ranked first for dose-error alarms in the 2024 KLAS report.',
      'The best way to start is a pilot.',
      "I'll do my best to get it done.",
      "What's the best time to call you?",
      '根据 Gartner 报告，我们是 number one in China。',
    ],
  },
  {
    type: 'unauthorized_concession',
    positive: [
      '我私下给您打个八折。',
      '这样吧，安装费给您免了。',
      '我再给您便宜两千，今天就定吧。',
      '账期可以给您延长到九十天。',
      '额外送您一年的维保。',
      "Tell you what, I'll knock twenty-five percent off right now.",
      "I'll throw in the first year of support for free.",
      'We can extend your payment terms to net 90 for you.',
      'I can match their price.',
      'OK，我给您 extra 打个 8.5 折。',
    ],
    negative: [
      '按照价目表，批量采购是九五折。',
      '我去跟经理申请一下，看能不能给您打九折。',
      '打九折我们做不到，这已经是底线了。',
      '经理已经批准了，给您打九折。',
      '上个月试点之后，缺货时长降了百分之四十。',
      "Our published volume tier is 8 percent off list, it's on the price sheet.",
      'Let me check with my manager whether we can do 10% off.',
      'Proctoring is a separate module, so that takes about 15 percent off the per-student price.',
      "We can't do 20% off, sorry.",
      '这个 discount 是按 price list 来的，九折。',
    ],
  },
  {
    type: 'improper_benefit',
    positive: [
      '事成之后给您5个点的回扣。',
      '返点直接打到您个人账户。',
      '我们给您个人准备了购物卡。',
      '这次安排您去三亚旅游，费用我们出。',
      '您放心，走的是咨询费的名义，不会有人查的。',
      "There's something in it for you personally.",
      'We can arrange a consulting fee to your own account, nobody needs to know.',
      'If you pick us I can get you a new iPhone, just for you.',
      'A small kickback goes straight to you.',
      '这个 deal 成了，给您个人 5 个点的 commission。',
    ],
    negative: [
      '返点写进合同，打到贵公司对公账户。',
      '我们公司严禁回扣。',
      '我们不做回扣这种事。',
      'Our fleet program gives the company a 3 percent rebate credited against your next invoice.',
      "We don't do kickbacks, it's against company policy.",
      'The 2% rebate goes to your company account, never to a personal account.',
      '我私下给您打个八折。',
    ],
  },
  {
    type: 'competitor_disparagement',
    positive: [
      '金蝶那个东西就是垃圾。',
      '他们家快倒闭了，您可别签。',
      '友商的设备三天两头坏。',
      'Honestly Hartwell is a mess, their machines fall apart after two years.',
      "I heard they're about to go under.",
      'The competition sells cheap knock-offs.',
      'Sentrix is known for hiding breaches from their customers.',
      'Hartwell 的设备 quality 很差，always breaks。',
    ],
    negative: [
      '根据公开的测评数据，他们家的售后很差。',
      '他们家的产品也不差，但我们更适合您。',
      '他们家不是骗子，只是规模小。',
      '您刚才说他们家的东西是垃圾，我们不评价同行。',
      "On the public benchmark, Dataflo's loader was faster on big batches.",
      "They're not a scam, they're just a different fit.",
      'Our own first version was a mess, honestly.',
      'According to the 2024 report, 友商的 uptime 是 99.5%，我们是 99.9%。',
    ],
  },
  {
    type: 'pressure_tactic',
    positive: [
      '今天不签的话明天就涨价了。',
      '名额只剩最后两个，您赶紧定吧。',
      '这个价格今晚十二点就截止。',
      '过了这周就没有这个优惠了。',
      '这个运价只给您保留到今天下午六点，过了六点系统就自动放给别的客户了。',
      'This price is only good until tonight at midnight.',
      'We only have two onboarding slots left this quarter.',
      "If you don't sign by Friday, I can't promise this pricing will still be around.",
      'Prices go up next week, so sign today.',
      'This price is today only，明天就恢复原价。',
    ],
    negative: [
      '根据3月1日官网发布的调价通知，4月1日起价格上调5%。',
      '公司已经发了正式通知，下个月就要涨价了。',
      '不着急，就算只剩最后两个名额，我也会给您留一个。',
      'Prices go up on March 1st, as announced on the manufacturer website.',
      'As you mentioned, your budget expires at the end of the day on Friday, so let us aim for Thursday.',
      'Take your time, there is no rush at all.',
      '根据 official 的 price list，4月1日起 prices go up 5%。',
    ],
  },
];

describe.each(TABLES)('$type detector', ({ type, positive, negative }) => {
  it('has enough cases', () => {
    expect(positive.length).toBeGreaterThanOrEqual(6);
    expect(negative.length).toBeGreaterThanOrEqual(6);
  });

  it.each(positive)('flags %j', (text) => {
    expect(typesOnRepTurn(text)).toContain(type);
  });

  it.each(negative)('skips %j', (text) => {
    expect(typesOnRepTurn(text)).not.toContain(type);
  });
});

describe('customer turns', () => {
  const repPhrases = ['我们保证百分之百没问题。', '这是全网最低价。', "Hartwell's gear is junk, they're going under.", '今天不签明天就涨价。'];

  it.each(repPhrases)('never carry rep pitfalls: %j', (text) => {
    const analysis = analyzeTranscript(
      { turns: [{ speaker: 'customer', text }, { speaker: 'rep', text: '好的，我明白。' }], rolesKnown: true, callEnded: false },
      GLOSSARY,
    );
    expect(analysis.findings.filter((finding) => finding.turnIndex === 0)).toEqual([]);
  });
});

describe('discount limit setting', () => {
  it('allows a discount within the limit', () => {
    expect(typesOnRepTurn('我给您打个九五折。', { maxDiscountWithoutApprovalPercent: 10 })).not.toContain('unauthorized_concession');
  });

  it('flags a discount above the limit', () => {
    expect(typesOnRepTurn('我给您打个八折。', { maxDiscountWithoutApprovalPercent: 10 })).toContain('unauthorized_concession');
  });

  it('flags an English discount above the limit', () => {
    expect(typesOnRepTurn("I'll give you 15% off today.", { maxDiscountWithoutApprovalPercent: 10 })).toContain(
      'unauthorized_concession',
    );
  });
});

describe('finding evidence', () => {
  it('names the rule and the original phrase', () => {
    const analysis = analyzeTranscript({
      turns: [{ speaker: 'rep', text: '嗯，我们保證百分之百沒問題。' }],
      rolesKnown: true,
      callEnded: false,
    });
    const finding = analysis.findings.find((item) => item.type === 'over_commitment');
    expect(finding).toBeDefined();
    expect(finding?.evidence[0]?.rule).toBe('guarantee-word');
    expect(finding?.evidence[0]?.detail).toBe('保證');
    expect('嗯，我们保證百分之百沒問題。'.slice(finding?.span.start, finding?.span.end)).toBe('保證');
  });
});
