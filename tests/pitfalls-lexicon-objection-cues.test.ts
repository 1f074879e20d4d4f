import { describe, expect, it } from 'vitest';

import type { ObjectionType } from '../src/domain/pitfalls.js';
import { normaliseText } from '../src/nlu/normalise.js';
import { findObjectionCue } from '../src/pitfalls/objections.js';

// Wording written for these tables, not taken from the corpus. Each positive row is a
// paraphrase of one objection family that a strong cue must catch with the right type.
// Each negative row is a look-alike (a pain, an acceptance, a negation, a plain question,
// a past step) that must not give a strong cue.
function strongCueType(text: string): ObjectionType | null {
  const cue = findObjectionCue(normaliseText(text).text);
  return cue !== null && cue.strong ? cue.type : null;
}

interface Table {
  type: ObjectionType;
  positive: string[];
  negative: string[];
}

const TABLES: Table[] = [
  {
    type: 'price',
    positive: [
      // The price went up, or sits above another quote or what was expected.
      '你们今年的报价又涨了百分之八，这个我们很难接受。',
      '六十五万？比我们预想的要高不少。',
      '我原来的预算是四十万，现在差了一大截。',
      'Your renewal came in well above what we pay today for the same seats.',
      'Honestly that is more than we budgeted for the whole project.',
      'The premium has gone up again and we made no claims.',
      // The amount is a burden, or will not be approved.
      '一次性拿出二十多万，我们小店压力太大了。',
      '三十万一年，说实话不是小数目。',
      '这个数字报上去，财务肯定不批。',
      'Twelve grand a month feels like a lot for a team of five.',
      '一年学费九千六，对我们这种家庭来说压力有点大。',
      '村里账上没有这么多钱，经费只够买一台。',
      'That is steep for what is basically a reporting add-on.',
      // Asking for a lower price, or raising the price again.
      '单价能不能再低一点？我们一年要三千台。',
      '这个价格还有没有余地？',
      '每月的维护费是合同额的百分之二十，说实话有点高。',
      '我说的是价格，你还没回答我。',
      'I am asking about the cost, not the features.',
      // Common idioms.
      '这个报价贵得离谱，我们下不去手。',
      'Honestly a seat licence at that level would blow our budget.',
      // An amount spelled out in Chinese numerals, then the burden it puts on the family.
      '一年十二万，再加上材料费，我们家压力很大。',
      'Forty dollars a head is more than what we spend on the whole event now.',
    ],
    negative: [
      '我们车间1天要出5000件，压力很大。',
      'The new line saves us more than what we spend on its upkeep.',
      '销售指标定到1500，今年工作压力很大。',
      '我们的电费去年涨了三成，所以才想做节能改造。',
      '八五折的话价格就合适了，我们签吧。',
      '粉丝一个月涨了五千，可是转化一直上不去。',
      'Our traffic went up a lot after the launch, which is why we called.',
      'The steep road to the quarry is where the trucks get stuck.',
      '这个价格以后也不会涨，对吧？',
      '我们门店的员工流失率有点高，所以想找个培训方案。',
      '比我预想的便宜点，这个价可以接受。',
      '那批原料的水分偏高，我们先退回去了。',
    ],
  },
  {
    type: 'timing',
    positive: [
      // A stall that needs or has to think.
      "I'd need to think about the pricing.",
      'We will have to think, this is a big change for the office.',
      '今年肯定上不了，新厂房还在装修。',
      '等下半年人手到位了再考虑吧。',
      '我们现在真没 bandwidth 弄这个。',
      '交货期要六十天，能不能快一点？',
      'Nothing moves until the audit wraps up, our spending is frozen until then.',
      "Like I said, next quarter at the earliest.",
      'We cannot start before our current contract ends, and that is not until October.',
      // The money for it comes only in a later period.
      '今年的信息化预算已经花完了，只能等明年。',
      '我们下个季度才有这笔预算，现在谈有点早。',
      "We can't take on a rollout like this this year, the team is stretched.",
      '这个先不急，放到明年再说。',
      "Let's circle back after the summer, it's not on our roadmap yet.",
      // A bare stall: the decision is put off without a reason.
      '行吧，那我回去再琢磨琢磨。',
      '嗯，这事儿先考虑一下吧。',
      '到时候再说吧，我这边还有个会。',
      'Hm. Leave it with me.',
      "Okay, I'll have a think about it over the weekend.",
      "Hm, let me think.",
      'We will see.',
      "Look, I'm not signing anything today.",
    ],
    negative: [
      "We're not deciding now, we already decided last month.",
      'We thought about it over the weekend and we are ready to go.',
      'Great, we will sign. We need to think about which team goes first.',
      'Do I need to think about licences for the contractors?',
      'I need to think of a name for the project channel.',
      '下周三下午我有空，你过来吧。',
      '那就先这样，我们周五见。',
      'The pallets are frozen food, so the truck needs a reefer unit.',
      '这台设备我们已经用完了，效果不错。',
      // Thinking about which option to take, asking what the rep thinks, or going ahead is not putting the decision off.
      "Let me think about which of the two packages suits us.",
      "We'll see the demo on Tuesday then.",
      '我先看看这两种套餐哪个更合适。',
      'So what do you think about it, honestly?',
      "Leave it with me, I'll raise the PO this afternoon.",
      "Great, I'll pass it on to accounts and we'll pay this week.",
      '好，我先想想办法把场地腾出来。',
    ],
  },
  {
    type: 'authority',
    positive: [
      // The customer has to discuss or assess it with someone else first.
      '这个方案我还得跟我们设备科一起评估一下。',
      '合同期限我要跟合伙人商量，他那边管钱。',
      '这个事我一个人定不了，要报集团审批。',
      '最后得我们董事长拍板。',
      '我这边只能做个推荐，采购得走招标流程。',
      '我得跟我爱人商量一下，钱是她管的。',
      "I'll need to run it by my business partner first, it's half his money.",
      'Our CFO decides on anything over ten thousand, not me.',
      '这个事得我们总经理点头才行。',
      '总部那边不一定同意我们换系统。',
      "I'm not the budget holder, the final decision sits with our regional head.",
      '金额这么大，得上会讨论。',
      'Anything like this needs board approval first.',
      // Deferring to someone else before going on.
      "I'd have to run it past my husband, he does the books.",
      'Let me check with our engineers whether the mounts fit.',
      "I'd have to check with my wife first, it's her car too.",
      "Fine, we'll talk internally and come back to you.",
      '装不装还得看我爱人的意思，钱是她管。',
    ],
    negative: [
      '这个要看您的意思，您觉得哪个好？',
      '具体多少得看合同怎么说。',
      '我们已经跟老板商量好了，就定你们家。',
      '那我们要跟你确认一下安装时间。',
      '只要跟您确认好时间就行，我们随时可以签。',
      '我这边要跟进确认一下付款进度。',
      '需要跟家里确认过的都确认了，我们定了。',
      // Asking someone to act on the order is not deferring the decision to them.
      "Good. I'll ask the team to send the invoice.",
      'Great, let me check with our engineers when they can start installing.',
      '我跟老板商量过了，他觉得方案挺好。',
      '好的，那我们走流程，合同你发我。',
      'My manager already approved the budget last week.',
    ],
  },
  {
    type: 'need',
    positive: [
      '我们已经有一套排班系统了，再买一套是不是重复了？',
      '现在的软件还能用，大家也习惯了，暂时不打算换。',
      '我们一共才三个人，也就几张单子，用表格就够用了。',
      "Honestly we've got our own scripts for that and they do the job.",
      'We barely use half the features we already pay for.',
      'Do we even need a dashboard for twelve machines?',
      '这个功能对我们来说可有可无，不是刚需。',
      'It is a nice to have, not a must-have for us.',
    ],
    negative: [
      '我们现在的软件经常死机，大家都很头疼。',
      '够用吗？我们高峰期一天两千单。',
      'We need something that works offline, that is the main thing.',
    ],
  },
  {
    type: 'competitor',
    positive: [
      // A threat to switch, or comparing offers before deciding.
      '售后再这么拖，我们就考虑换一家了。',
      '两份方案我回去再对比一下。',
      'If this keeps happening we will switch to another courier.',
      '我们也在比较你们和另外两家的方案。',
      '海达那边也给我们报了价，还送两年保养。',
      '你们跟他们比，到底强在哪？',
      '车间里都是德马的机器，换个牌子工人还得重新学。',
      "We've been with Northpoint for six years and never had a reason to leave.",
      'The other supplier is also offering free installation.',
      // Switching away from the incumbent, or a rival the customer hears good things about.
      '我们用的是老牌子，换系统要重新培训，太折腾了。',
      '我们跟现在这家合作了六年，老板跟他们很熟。',
      '我听说德信的传感器精度更高。',
      'Another vendor has better reviews on the service side.',
      '我们去年已经跟别家签了三年的框架协议。',
      'We are locked in with our current carrier until spring.',
      "We're also talking to two other vendors about this.",
      '我再去问问别家，回头再说。',
    ],
    negative: [
      '我也看看别家，不过你们的确实最好。',
      '我们对比过了，还是你们的方案更合适。',
      '我考虑换一台大一点的型号。',
      'Can we switch to another plan with more seats?',
      '我再对比一下你们两个套餐。',
      '我们倾向于你们的方案，下周可以签。',
      '这个报告做得很清楚，我们领导也在看。',
      'We are on the third floor, the loading bay is round the back.',
      '我听说你们的新款更稳定，是真的吗？',
      '换系统这事我们已经决定了，就用你们的。',
    ],
  },
  {
    type: 'trust',
    positive: [
      // A delivery is still missing after days, came damaged or failed several times, or a claim is challenged for its source.
      '上周订的滤芯到现在都没到。',
      '说好周三装好的，这都一个礼拜了还没人来。',
      '你说行业第一，有什么依据？',
      'Half of the last order arrived damaged.',
      'The booking portal has gone down several times since the upgrade.',
      '你们这种新品牌，万一用两年公司没了怎么办？',
      '上次有家供应商也这么说，我现在真不太敢再买了。',
      '你说得好听，可我怎么知道下次不会再出问题？',
      'To be honest I am skeptical, the last vendor promised the same thing.',
      'What happens to our records if you go under next year?',
      // A complaint that the product the rep sold keeps failing.
      '你们装的那台空调又漏水了，我都找了你们三次了。',
      'Your scanner has jammed twice this morning and the line is stopped.',
      '你们上周装的那台热水器，今天就漏水了。',
      '押金到现在都没退给我们，打了好几次电话。',
      '我那个理赔怎么被拒了？当时是你说没问题的。',
      'The pump you installed last month failed again on Friday.',
      'Our finance team is wary of putting payroll data in the cloud.',
      'Honestly, we have heard that one before.',
      'We bought a planning tool two years ago and nobody used it.',
      'Our last implementation with another vendor failed after three months.',
      '万一数据泄露出去，这个责任谁担？',
      '你们是新公司，说实话我心里没底。',
      'That sounds too good to be true, to be honest.',
      '上次那台机器还没修好，我哪敢再订你们的货。',
      '你们先把上个月的发票问题弄清楚了再谈。',
    ],
    negative: [
      '哪敢不买啊，你们这个我们等了好久。',
      '先把合同签了再说，下周开始装。',
      '先把方案弄好了再说，我们下周看。',
      '还没到时间，我们下个月再安排上线。',
      'Everything arrived on time and in good shape.',
      '王总还没到，我们等两分钟。',
      '时间还没到。',
      '不好意思，信号又断了。',
      '报价的依据是什么？我要给财务看。',
      'Zero units arrived damaged this quarter, great job.',
      'I came home late yesterday so I missed your email.',
      'I have been sitting in meetings all day.',
      '我不担心质量，你们的口碑我是知道的。',
      '上次装得挺顺利，师傅也很专业。',
      'We are not worried about support, your team has been great.',
      'Everyone says that your support team is quick.',
      'The implementation went smoothly and the crew liked it.',
      '用了你们的系统以后，我们省钱不少。',
      '我们客服每天要接1000多个电话，压力很大。',
      '用了你们的系统以后，就没那么多钱浪费在加班上了。',
      'The implementation has not failed once in two years.',
      'Our old CRM was so clunky that nobody used it, that is why we called you.',
      '我们现在的软件经常死机，大家都很头疼。',
      '上周买的那台打印机挺好用，速度也快。',
    ],
  },
  {
    type: 'technical',
    positive: [
      '我们机房的数据库是老版本，你们的系统接得上吗？',
      '我们的规范要求延迟在五十毫秒以内，你们做得到吗？',
      '我们店只有十五平，而且只能用电，你们那台烤箱能用吗？',
      '我们的门禁是厂家定制的，接口不开放。',
      'Will our old barcode printers even work with it?',
      'Can your app even handle two thousand logins at once?',
      'My main concern is performance at month end.',
      '我们的老数据迁不过来的话，这套系统就没意义。',
      "I'm told it won't scale past a few hundred users.",
    ],
    negative: [
      '我们今年要求各部门都上系统，所以在找供应商。',
      '你们的系统用起来挺顺的，响应也快。',
      'We have two thousand staff in three plants.',
    ],
  },
  {
    type: 'terms',
    positive: [
      '合同里要求预付一半，我们公司不可能预付的。',
      '我们集团规定供应商一律验收后九十天付款。',
      '加盟协议里的分成比例要百分之十，太重了。',
      '房租能不能押一付一？',
      'We would need to pay quarterly, not up front.',
      'If the install slips past the deadline, who pays for the penalty?',
      'Nobody mentioned the setup charge, that was never told to us.',
      'We would rather lease the units than buy them outright, so no capital outlay.',
      'The exclusivity clause is a problem for our other brands.',
      '账期最少要六十天，三十天我们做不到。',
      'Net 30 will not work for a public body like us.',
    ],
    negative: [
      '付款方式没问题，按你们的来。',
      '合同我看过了，条款都挺清楚。',
      'The payment went through this morning, you should see it.',
    ],
  },
];

describe('objection cue families', () => {
  for (const table of TABLES) {
    it.each(table.positive)(`finds ${table.type}: %s`, (text) => {
      expect(strongCueType(text)).toBe(table.type);
    });
    it.each(table.negative)(`rejects ${table.type} look-alike: %s`, (text) => {
      expect(strongCueType(text)).toBeNull();
    });
  }
});
