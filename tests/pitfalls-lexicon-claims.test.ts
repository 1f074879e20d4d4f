import { describe, expect, it } from 'vitest';

import type { PitfallType } from '../src/domain/pitfalls.js';
import { typesOnRepTurn } from './helpers/rep-turn.js';
import type { PhraseFamily } from './helpers/rep-turn.js';

// Sentences written for these tables, not taken from the corpus. Each family of
// wordings has rows that must be caught and look-alikes that must be left alone.
const EVASION: PhraseFamily[] = [
  {
    name: 'blame on the customer side or a supplier',
    positive: [
      '这个掉速多半是您那边路由器的毛病，跟我们的宽带没关系。',
      '这种故障是上游供应商的锅，我们也没办法。',
      '那是你们仓库自己操作的问题，跟我们设备没关系。',
      'Honestly that is on your network provider\'s end, not something we control.',
      'That sounds like your landlord\'s issue, you\'d best take it up with your building manager.',
    ],
    negative: [
      '我们能解决的就是您的问题。',
      '这是我们的问题，我们负责到底。',
      '您说的是物流的问题，我今天就去跟物流经理对接，下午三点前给您结果。',
      '您是担心物流导致的延误吗？',
      '如果是物流的问题，我们先给您补发，再去跟物流索赔。',
      '我们只负责软件部分，硬件由您选的集成商负责，我们会跟他们一起开周会。',
      'It\'s your call, take your time.',
    ],
  },
  {
    name: 'hands tied by another party',
    positive: [
      '退款是总部审的，我这边实在插不上手。',
      '系统是总部统一管的，我们分公司这边推不动。',
      '这个得您自己跟银行沟通，我们这边没权限。',
      'My hands are tied, it is the bank\'s decision.',
      'That part is handled by our partner, we have no say in it.',
    ],
    negative: ['这个价格我们没办法再降了。', '我是最后才知道这个好消息的。'],
  },
  {
    name: 'not my scope',
    positive: ['这事儿真轮不到我管，财务那边说了算。', '这个不在我负责的范围里，我只是销售，不是售后。', 'That\'s really a question for your IT department, not us.'],
    negative: ['这个在我们的服务范围里，明天派工程师过去。', 'I take full responsibility for the delay and will fix it by Friday.'],
  },
  {
    name: 'sends the customer elsewhere',
    positive: [
      '那是保险公司定的，您自己打他们热线问吧。',
      '裂缝是开发商那边墙体没处理好导致的，您得去找物业。',
      '货是快递路上压坏的，您找快递公司索赔吧。',
      'The delay is the courier\'s problem, you\'ll have to sort it out with them.',
      'It\'s the airline that lost it, you need to file with them directly.',
      'That\'s a manufacturer defect, so you\'d need to go back to them.',
      'We are only the resellers, so the warranty claim is between you and the manufacturer.',
    ],
    negative: [
      '您可以自己查一下官网上的参数。',
      '保费多少是您自己定的，我按您的预算出方案。',
      '您找遍全国也找不到这么便宜的。',
      '您要找我的话打这个电话就行。',
      '我来联系厂家的售后负责人，明天上午给您回电话。',
      'If the courier damaged it, I\'ll file the claim with them for you today.',
      '延误是海关查验造成的，我已经让报关员加急，周三给您更新进度。',
      'The airline lost it, so I\'ve already filed the claim and will update you tomorrow at 10.',
    ],
  },
];

const ABSOLUTE: PhraseFamily[] = [
  {
    name: 'you will not find another',
    positive: [
      '我们的售后响应速度在整个华南都找不出第二家。',
      '这款净水器，您翻遍电商平台也找不到更实惠的。',
      'You won\'t find a cheaper plan anywhere in town.',
    ],
    negative: ['这个型号现在缺货，您在官网上暂时找不到。', 'If you find a cheaper quote, send it over and we will compare line by line.'],
  },
  {
    name: 'nobody matches us',
    positive: [
      '论稳定性，同行谁也比不上我们。',
      '我们这套排课系统，别家根本做不出来。',
      '没有哪家能做到我们这个交付速度。',
      'Nobody else in this region offers this level of coverage.',
      'No other insurer can match our payout speed.',
      '我们的交付速度，市面上没人能跟我们比。',
      'No competitor comes anywhere near our uptime.',
      'There is simply nothing better out there for this price.',
    ],
    negative: [
      '没有人能保证百分之百不出故障，我们能做的是把响应时间写进合同。',
      '别家也有类似的功能，我们的区别是价格。',
      '您是觉得别家比我们便宜吗？',
      'Nobody can promise zero downtime, but our SLA is 99.9%.',
    ],
  },
  {
    name: 'rank idioms and ranked metrics',
    positive: ['说到冷链配送，我们在本地是头把交椅。', '这个配方全国独一份。', '我们在业内数一数二，碾压同行。', '在华东地区，我们的装机量排第一。'],
    negative: ['我们在天花板上装两个探头。', '根据IDC的报告，我们在华东区份额第一。', '第一次合作，我们先从小单做起。'],
  },
  {
    name: 'only one and scoped superlatives',
    positive: [
      'We\'re honestly the only agency that handles both visas and housing.',
      'This is the quietest compressor in the whole category.',
      '这种材料只有我们一家有。',
    ],
    negative: [
      '这是我们三个套餐里最便宜的一个。',
      '我们的交付速度在三家里算中等，但价格最低。',
      '只有我们一家在做这个的话，风险也大，所以我们找了合作方。',
      'The latest version adds offline mode.',
      'I won\'t tell you we\'re the best, but our churn is low.',
    ],
  },
  {
    name: 'preference and optimisation, not claims',
    positive: ['我们的服务在全国范围内口碑最好。'],
    negative: ['您最好这两天先量一下尺寸。', '您能今天定下来最好，不定也没关系。', '方案里会给您算出一个最优的配送路线。', '三家报价里最低的那家是人保。'],
  },
];

const DISPARAGEMENT: PhraseFamily[] = [
  {
    name: 'outdated or abandoned',
    positive: ['友商那套系统老掉牙了，好几年没更新过。', 'Their platform is years behind, nobody has touched the code in ages.'],
    negative: ['我们的老版本确实过时了，所以今年全部升级。', '天盾的规则库每周更新，我们是每天更新，这是公开的更新日志。'],
  },
  {
    name: 'breaks down or unsafe',
    positive: [
      '他们家的机器用两年就散架，修都没法修。',
      '竞品那个 app 特别吃内存，手机卡得动不了。',
      'The competition\'s devices overheat all the time.',
    ],
    negative: ['我们的设备前两年毛病多，现在返修率降到百分之一。', 'You could shut down the old server after the migration.'],
  },
  {
    name: 'damning quality or service judgement',
    positive: [
      '他们家的东西质量真不咋地，用几个月就得修。',
      '他们那个系统安全性很差，去年还被黑过。',
      '竞品的数据库经常丢数据，好几个客户都吃过亏。',
      'Their stuff breaks constantly and support never picks up.',
      'Those guys overpromise and underdeliver every single time.',
    ],
    negative: [
      '他们家的设备也不错，只是交期比我们长。',
      '我们去年也出过一次数据问题，后来加了异地备份。',
      'Their support hours are 9 to 5, ours are 24/7.',
    ],
  },
  {
    name: 'rips the buyer off or misuses data',
    positive: ['别家那种便宜货就是交智商税，买了您会后悔。', '他们拿客户的数据去做广告，您可得小心。', 'Honestly that brand would say anything to close a deal.'],
    negative: ['您担心买了后悔，我理解，所以我们有七天无理由退货。', 'Their team was great to work with on the pilot.'],
  },
  {
    name: 'about to fail',
    positive: ['那家公司资金链出了问题，说不定哪天就跑路了。', 'I heard the other company might shut down next year.'],
    negative: ['我们下周五停机维护，会提前通知。', '那家的报价比我们低一些，不过不含安装。'],
  },
];

// Code-switched and Cantonese speech, often without punctuation, as phone transcripts come out.
const MIXED: { type: PitfallType; positive: string[]; negative: string[] }[] = [
  {
    type: 'responsibility_evasion',
    positive: [
      '这个 delay 是 supplier 那边的 problem 我们也 control 不了',
      'sorry ah this one is the management office issue you go and ask them',
      '呢个唔係我哋负责嘅 你要搵返物业',
      '那个 invoice 是 finance 出的 我这边看不到 你自己去 portal 查吧',
    ],
    negative: [
      '这个 delay 我来跟 supplier 对接 明天下午三点前给您回复',
      '你可以自己去 portal 查一下 invoice 的状态',
      'Inventory accuracy is the core problem for your team.',
      'You can go and ask them anything at the reference call on Tuesday.',
    ],
  },
  {
    type: 'absolute_claim',
    positive: ['我们这个 solution 在 market 上是 number one 的', '我们的 service 全 Hong Kong 最好', '我哋嘅 plan 全港独一份'],
    negative: ['这个是我们几个 plan 里面最 basic 的', '最好你先 check 一下 budget'],
  },
  {
    type: 'competitor_disparagement',
    positive: ['他们那个 system 很 buggy 的 经常 crash', '那间公司啲 service 好差 成日揾唔到人', 'Watchtower 那个 agent 很吃资源的'],
    negative: ['他们那个 system 也是 cloud based 的 跟我们差不多', '那间公司啲 service 都几好'],
  },
];

// English wordings in several registers, from formal to colloquial.
const ENGLISH: { type: PitfallType; positive: string[]; negative: string[] }[] = [
  {
    type: 'responsibility_evasion',
    positive: [
      'Unfortunately that falls under the logistics partner, so there\'s not much I can do from here.',
      'I\'m just the account manager, billing disputes go through accounts and I can\'t influence them.',
      'Sounds like a problem with your own network, honestly, nothing to do with our software.',
      'We don\'t handle refunds, that\'s all done by the platform.',
      'I just work here, the pricing decisions aren\'t in my remit.',
      'That\'s not within our control, the port authority sets the schedule.',
    ],
    negative: [
      'I\'ll raise it with the logistics partner today and call you back by 4 with an ETA.',
      'We don\'t charge for the first site visit.',
      'Your network team will need to open port 443, and our engineer will join the call on Monday.',
      'Your team would need to provide the floor plans by Friday.',
    ],
  },
  {
    type: 'absolute_claim',
    positive: [
      'Honestly there isn\'t a better product on the market right now.',
      'We\'re the clear market leader, full stop.',
      'Nobody in the industry does onboarding like we do.',
      'Ours is the gold standard, everyone else is playing catch-up.',
      'Our monitoring is unparalleled in the industry.',
      'We\'re the first and only platform to offer this.',
    ],
    negative: [
      'This is the first release with offline mode.',
      'We aim to be the most responsive vendor you work with.',
      'The best fit for you is probably the mid tier.',
      'Per the 2024 Gartner report, we are a leader in the quadrant.',
    ],
  },
  {
    type: 'competitor_disparagement',
    positive: [
      'Between you and me, their engineers don\'t know what they\'re doing.',
      'The other vendor\'s product is a glorified spreadsheet.',
      'Their customer service is a black hole, you\'ll never hear back.',
      'Those guys are on their last legs financially.',
      'They\'ll rip you off with add-ons once you\'re locked in.',
      'It\'s a classic bait and switch with that vendor.',
    ],
    negative: [
      'They\'ll quote you add-ons separately, so compare the totals.',
      'Their product is strong on reporting, ours is stronger on scheduling.',
      'I don\'t know much about their pricing, so I can\'t comment.',
      'We lost a deal to them last year, fair and square.',
    ],
  },
];

// Formal and colloquial Chinese, with and without punctuation.
const CHINESE_REGISTERS: { type: PitfallType; positive: string[]; negative: string[] }[] = [
  {
    type: 'responsibility_evasion',
    positive: [
      '此事属于承运商的责任范围，建议贵司直接与其联系。',
      '这块儿是甲方指定的分包在做 我们说话不好使',
      '说白了就是你们操作员没按规程来 机器本身没毛病',
      '那个审核是银行风控那边卡的 我们也是干着急',
      '这个锅我们可不背 是仓库那边装错了',
      '退不退款得看平台的规则 我们做不了这个主',
    ],
    negative: [
      '此事我司会牵头与承运商协调，本周五前给贵司书面答复。',
      '机器本身没毛病的话，我们明天派人过去看看操作流程。',
      '您这边把订单号发我，我马上去催仓库。',
      '退款按平台规则是七天到账，我把规则链接发您。',
    ],
  },
  {
    type: 'absolute_claim',
    positive: [
      '在咱们这个细分领域 我们是绝对的老大',
      '论性价比 我们敢说没有对手',
      '这套设备的精度 放眼全球都是顶尖水准',
      '要说靠谱 那我们认第二没人敢认第一',
      '这个价格是全城最低价',
      '我们是国内首家做这个工艺的。',
    ],
    negative: [
      '我们是第一家在您园区装这个设备的。',
      '我们争取做到行业领先，目前还在追赶。',
      '这是我们今年卖得最好的一款。',
      '价格最低能到九折，再低就要申请了。',
    ],
  },
  {
    type: 'competitor_disparagement',
    positive: [
      '他们那个平台就是个空架子 功能都是PPT上的',
      '友商的报价低是因为用的都是翻新件',
      '他们那套软件界面丑得要命 用起来特别反人类',
      '别听他们吹 他们那产品就是个半成品',
      '他们就是个皮包公司，出了事找不到人。',
      '友商那边就是个小作坊，质量没法保证。',
    ],
    negative: ['他们那个平台功能挺全的 就是价格高一点', '友商的报价低一些 主要是没含三年维保', '那家公司去年换了老板 具体情况我不太清楚'],
  },
];

const TABLES: { type: PitfallType; families: PhraseFamily[] }[] = [
  { type: 'responsibility_evasion', families: EVASION },
  { type: 'absolute_claim', families: ABSOLUTE },
  { type: 'competitor_disparagement', families: DISPARAGEMENT },
];

describe.each(TABLES)('$type lexicon', ({ type, families }) => {
  describe.each(families)('$name', ({ positive, negative }) => {
    it.each(positive)('flags %s', (text) => {
      expect(typesOnRepTurn(text)).toContain(type);
    });
    it.each(negative)('does not flag %s', (text) => {
      expect(typesOnRepTurn(text)).not.toContain(type);
    });
  });
});

const REGISTERS = [
  ...MIXED.map((table) => ({ ...table, register: 'mixed speech' })),
  ...ENGLISH.map((table) => ({ ...table, register: 'English' })),
  ...CHINESE_REGISTERS.map((table) => ({ ...table, register: 'formal and colloquial Chinese' })),
];

describe.each(REGISTERS)('$type in $register', ({ type, positive, negative }) => {
  it.each(positive)('flags %s', (text) => {
    expect(typesOnRepTurn(text)).toContain(type);
  });
  it.each(negative)('does not flag %s', (text) => {
    expect(typesOnRepTurn(text)).not.toContain(type);
  });
});

describe('competitor named by the customer', () => {
  it('flags a slur on a brand the customer uses', () => {
    const types = typesOnRepTurn('Brightdesk 那些系统都是十几年前的架子，出事是早晚的。', '我们现在用的是 Brightdesk，续约价涨了。');
    expect(types).toContain('competitor_disparagement');
  });

  it('flags a slur on a Chinese name the customer weighs', () => {
    const types = typesOnRepTurn('青禾啊，那个牌子现在不行啦，毛病一大堆。', '我也在看青禾的，便宜不少。');
    expect(types).toContain('competitor_disparagement');
  });

  it('ignores a shared word when the customer names no supplier', () => {
    const types = typesOnRepTurn('售后这块毛病一大堆，我们今年专门改过。', '售后这块你们怎么做？');
    expect(types).not.toContain('competitor_disparagement');
  });

  it('reads Cantonese 同你讲 as telling, not echoing', () => {
    const types = typesOnRepTurn('我同你讲 那个 brand 的电池很容易起火 买了你会后悔', '我也在看另一个牌子。');
    expect(types).toContain('competitor_disparagement');
  });

  it('lets a spoken clause break end a negation', () => {
    const types = typesOnRepTurn('那边您就别考虑了 那个开发商的资金链早就断了 您买进去就等着烂尾吧', '我也在看隔壁的楼盘。');
    expect(types).toContain('competitor_disparagement');
  });
});
