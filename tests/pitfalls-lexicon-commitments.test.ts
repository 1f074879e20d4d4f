import { describe, expect, it } from 'vitest';

import type { Finding, PitfallType } from '../src/domain/pitfalls.js';
import type { Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import { typesOnRepTurn } from './helpers/rep-turn.js';
import type { PhraseFamily } from './helpers/rep-turn.js';

// Sentences written for these tables, not taken from the corpus. Each family of
// wordings has rows that must be caught and look-alikes that must be left alone.
const VAGUE: PhraseFamily[] = [
  {
    name: 'hand-off to a colleague',
    positive: ['行，我跟售后主管说一下。', '这个我叫师傅过去看看。', '我让仓库那边催一下。', '我们找安装队协调一下。'],
    negative: ['我让售后主管明天上午十点给您打电话。', '我跟您说一下价格的构成。', '我叫师傅周五下午过去看看。'],
  },
  {
    name: 'finish then tell',
    positive: ['方案我排好了就通知您。', '等法务那边审完了，我再跟您说。', '价格核实清楚了我再答复您。', '这事我落实好了给您回个话。'],
    negative: ['方案我排好了，周四下午三点前发您。', '您商量好了告诉我。'],
  },
  {
    name: 'reply later with no time',
    positive: ['我先把情况摸清楚，再给您答复。', '见面的时间我们再约。', '等我这边出差回来，再给您安排演示。'],
    negative: ['我先把情况摸清楚，周三上午再给您答复。', '等您签完合同，我们三天内发货。', '验收报告出来以后我再跟您联系。'],
  },
  {
    name: 'news then act',
    positive: ['有进展我就通知您。', '等有眉目了我再给您打电话。', '有 news 我再 update 你。'],
    negative: ['有进展的话，周五下午我跟您通个电话。'],
  },
  {
    name: 'dialect and mixed later',
    positive: ['报价我迟啲 send 给你。', '迟点我再 call 你。', '资料晚些再发你。'],
    negative: ['报价我今晚九点前 send 给你。', '你迟点到也没关系。'],
  },
  {
    name: 'holding something open',
    positive: ['那个档期我先给您留着。', '这台样机我帮您保留着。'],
    negative: ['那个档期我给您留到周五下午五点。'],
  },
  {
    name: 'English follow-up without a time',
    positive: [
      "I'll find out who handles that and let you know.",
      'We will do the needful and revert.',
      "Let's pick it up another time.",
      "I'll chase it up with the warehouse.",
    ],
    negative: [
      "I'll find out and let you know by Friday at noon.",
      'Could you let me know later on?',
      'Let me check something first, are you on the annual plan?',
    ],
  },
  {
    name: 'English hand-off and later',
    positive: ["I'll get one of our engineers to look at it.", "We'll send the revised drawings later.", 'That should be fixed in a few days, I reckon.'],
    negative: ["I'll get one of our engineers to call you tomorrow at 10.", 'Setup usually takes a couple of days.', "We'll send the revised drawings later this afternoon."],
  },
  {
    name: 'English open-ended follow-up',
    positive: ['Leave it with me.', "I'll ping you when I know more.", "We'll be in contact once the paperwork is through.", "I'll keep you in the loop.", "I'll push it through as quickly as we can."],
    negative: ['Please keep me in the loop.', 'When the order is confirmed, we ship within 48 hours.', "I'll ping you at 3 pm today."],
  },
  {
    name: 'mixed reply-back and first moment',
    positive: ['这个 issue 我 check 一下 再 update 你', '我们内部 align 完再回你', '有结果我第一时间通知您。', '这个我记下了，会落实的。'],
    negative: ['有问题您再联系我。', '我明天上午再回你。'],
  },
  {
    name: 'checking first, reports and internal matters',
    positive: ['这个我回去想想办法。'],
    negative: ['这个我回去跟法务确认一下。', '上周我回去跟研发反映了。', '折扣的事公司那边我回头去说。'],
  },
  {
    name: 'a time scoped to its own promise',
    positive: ['好，合同我明天发您，培训的事我跟讲师那边协调一下再告诉您。'],
    negative: ['我周二下午两点前给您回电话，尽快把这个问题处理掉。', '这个我回去申请一下。结果我这周四上午给您答复。', '装好以后两周以后看一下数据。'],
  },
];

const OVER: PhraseFamily[] = [
  {
    name: 'potential complement after a certainty adverb',
    positive: ['交期您放心，肯定赶得上。', '这点负载，我们的服务器绝对扛得住。', '审批一定批得下来。'],
    negative: ['这个我们一定要先做现场勘查。', '您肯定得先备案才能上线。'],
  },
  {
    name: 'any amount or any need',
    positive: ['您要啥报表我们都能给您做出来。', '多大的并发我们都扛得住。'],
    negative: ['您什么时候方便都可以来看。', '任何改动都能被系统记录下来。'],
  },
  {
    name: 'personal backing',
    positive: ['您放一百个心，售后我给您兜着。', '坏了算我的，全部包了。', '我跟您担保，明年还是这个价。', '有我在，审批这块您别管。'],
    negative: ['融资需要找一家担保公司。', '您要是不放心，可以先试用一个月。'],
  },
  {
    name: 'not even one and lifelong',
    positive: ['您这批货一箱都不会少。', '装了我们的系统，这辈子都不用再担心漏水。', '年年都能续保，到八十岁都不会停。'],
    negative: ['一箱都不少是我们的目标，但运输途中确实有损耗。', '一点都不贵。'],
  },
  {
    name: 'zero failures',
    positive: ['切换那天零 downtime，什么风险都没有。', "You'll never see a single outage with this setup.", "Nothing's getting past this firewall."],
    negative: ['切换那天可能会有几分钟的 downtime。', "You'll never have a reason to call us, hopefully."],
  },
  {
    name: 'colloquial certainty',
    positive: ['sir dont worry the permit sure approve one', 'your claim confirm go through no problem', 'the loan one hundred percent can get'],
    negative: ['let me make sure the claim goes through first', 'we cover one hundred percent of the repair cost'],
  },
  {
    name: 'assurance tags',
    positive: ['交给我们，保准没事。', '出了任何事我负责到底。', 'This will cut your energy bill in half, no question.', 'It will pass the audit, full stop.', 'we will 100% finish before the holiday', '保你一次验收通过。'],
    negative: ['There is a 30-day review period.', '确保您的数据不外泄是我们的底线。', 'I promise we will call you back.'],
  },
  {
    name: 'outcome certainty in other words',
    positive: ["You won't regret it.", 'Honestly, this setup cannot fail.', 'The new funnel will double your bookings.', "You'll recover the cost in a year, I'm certain.", '我们从来没丢过件，以后也不会。'],
    negative: ['It might work, but I cannot be certain.', 'You can set the limits per region, whatever you want.', '我不敢说以后也不会出问题。'],
  },
  {
    name: 'bounded or backed guarantees',
    positive: ['I promise the kitchen will be finished in four weeks whatever happens.'],
    negative: [
      'We give a guaranteed four-hour response, and that is written into the service contract, clause six.',
      '湿度在百分之三十到七十之间都可以保证精度。',
      '这个谁都保证不了，要看天气。',
      'the guaranteed income is fixed and the bonus on top is not guaranteed',
      'i wont say it is guaranteed, the insurer decides',
    ],
  },
  {
    name: 'a purchase is not a condition',
    positive: ['只要您现在签了，我保证下个月上线。', 'If you go with us, I guarantee zero defects.'],
    negative: ['只要您按时提供接口文档，我们保证下个月上线。'],
  },
  {
    name: 'guarantee on a superlative',
    positive: ['我给您保证，培训完您团队的业绩能翻倍。'],
    negative: ['我给您保证，这是全市性价比最高的方案。'],
  },
  {
    name: 'unpunctuated Chinese clauses',
    positive: ['不会的不会的 有我在 牌照一定 pass 的 包你 ok'],
    negative: ['我们不会给您保证 这个要看审批'],
  },
];

describe.each([
  ['vague_commitment', VAGUE],
  ['over_commitment', OVER],
] as Array<[PitfallType, PhraseFamily[]]>)('%s lexicon', (type, families) => {
  describe.each(families)('$name', ({ positive, negative }) => {
    it.each(positive)('flags %s', (text) => {
      expect(typesOnRepTurn(text)).toContain(type);
    });
    it.each(negative)('does not flag %s', (text) => {
      expect(typesOnRepTurn(text)).not.toContain(type);
    });
  });
});

/** Spreads the texts over a two-minute call, alternating customer and rep from the customer. */
function timedCall(texts: string[]): Turn[] {
  const step = Math.floor(120_000 / texts.length);
  return texts.map((text, index) => ({
    speaker: index % 2 === 0 ? 'customer' : 'rep',
    text,
    startMs: index * step,
    endMs: index * step + step - 200,
  }));
}

function noNextStep(texts: string[]): Finding[] {
  const analysis = analyzeTranscript({ turns: timedCall(texts), rolesKnown: true, callEnded: true });
  return analysis.findings.filter((finding) => finding.type === 'no_next_step');
}

const OPENING = ['价格比预算高一点。', '理解，我们可以分两期。'];

const STEPS: Array<[string, string[]]> = [
  ['an actor after the time', ['那就下周见个面吧。', '好，下周二上午十点，我带工程师过去。']],
  ['an English verb in a Chinese turn', ['方案你先发我。', '好，我 Thursday 下午三点前 email 给你。']],
  ['a colleague acting for the listener', ['这个要你们财务确认。', 'OK，我们 finance 的 Amy 周五下午会 call 你。']],
  ['a joint meeting', ['那先明天的 call 吧。', '好，明天下午四点，我和技术总监一起。']],
  ['a short confirmation', ['我周三晚上可以视频一下。', '行，周三晚上八点我们视频过一下方案。', '周三晚上八点可以。']],
  ['an English deliverable', ['Send me the breakdown.', 'Sure, the breakdown is coming your way by 4 p.m. today.']],
  ['spaces between Chinese clauses', ['那你明天给我回个电话', '好 明天中午十二点前我打给您 您要是没空我两点再打']],
  ['a Singapore English visit', ['ok can', 'then i come your office on tuesday 3 pm go through the quote']],
  ['a subjectless deliverable', ['合同你先发我看看。', '行，今天下班前合同发到您邮箱。']],
  ['a deliverable the listener receives', ['OK, send me the deck.', "Will do, you'll have it first thing tomorrow."]],
];

const NO_STEPS: Array<[string, string[]]> = [
  ['a declined proposal', ['我再想想。', '要不周六上午我带样品过来？', '周六就不用了，到时候再说吧。', '好的，那您想好了告诉我。']],
  ['a price threat', ['我们还要比较一下。', '下周一开始我们全线涨价，您这周定下来比较划算。', '我不会因为涨价就马上决定。', '理解，您自己看吧。']],
  ['a customer acting alone', ['我明天自己去你们总部问，问不清楚就投诉。', '好的，您去找客服就行。']],
  ['a conditional offer', ['我回去跟老板汇报。', '您今天要是能定，我明天就安排发货。', '我先汇报吧。', '好的，等您消息。']],
  ['a deadline aimed at the listener', ["I'll think about it.", "You'll have to decide by Friday, the offer ends then."]],
  ['a hedged English time', ['Let me think about it.', 'Sure. Maybe next week we could catch up?', 'Maybe, I will see.', 'Okay, no problem.']],
];

describe('no_next_step lexicon', () => {
  it.each(STEPS)('accepts %s', (_name, closing) => {
    expect(noNextStep([...OPENING, ...closing])).toEqual([]);
  });

  it.each(NO_STEPS)('flags %s', (_name, closing) => {
    expect(noNextStep([...OPENING, ...closing])).toHaveLength(1);
  });
});
