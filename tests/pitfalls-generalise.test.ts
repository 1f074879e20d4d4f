import { describe, expect, it } from 'vitest';

import { typesOnRepTurn } from './helpers/rep-turn.js';
import type { PhraseTable } from './helpers/rep-turn.js';

// Wording written for these tables, not taken from the corpus: each row checks that a rule
// catches a paraphrase of its definition, or leaves a look-alike alone.
const TABLES: PhraseTable[] = [
  {
    type: 'improper_benefit',
    positive: [
      'Once this closes there is a private bonus for you, paid outside the contract.',
      'We will fly you and a guest to the final in Singapore, hotel included.',
      'A few tickets to the cup final, VIP seats. Yours if the order comes through.',
      '您家孩子暑假的夏令营，费用方面您不用操心，我们来安排。',
      '逢年过节给您个人准备一点过节费，您看行吗？',
      '每卖出一台，按两百块给您算，月底现金结。',
    ],
    negative: [
      'The volume rebate goes to your company account and is listed on the invoice.',
      'Just between us, the list price goes up in March.',
      '我们团队四个人负责您这个项目。',
      '每个人都可以在手机上学习课程。',
      '司机的运费系统会自动结算，扣掉预支的油费。',
    ],
  },
  {
    type: 'absolute_claim',
    positive: [
      'This is the strongest hinge ever made, nothing on earth beats it.',
      'Our sensor outperforms every other brand on the market.',
      '我们的服务在全国范围内口碑最好。',
      '这套算法在行业里就是天花板。',
      '我们的良品率比市面上任何一家都高。',
      '国内没有任何一家能超过我们的出货量。',
    ],
    negative: [
      'It is the easiest setup of our three plans.',
      'This is the latest firmware we have.',
      '按照赛迪的报告，我们在华东区排名第一。',
    ],
  },
  {
    type: 'over_commitment',
    positive: [
      'You will never have another outage with this cluster.',
      'It is simply impossible for this pump to fail.',
      '上线以后，您的复购率肯定翻倍。',
      '验收这块稳稳的，万无一失。',
      '这批货一件都不会延误。',
      'Rest assured, it will be live by Monday for sure.',
      '这个包在我身上，一定能按时交付。',
      'There is no way this will fail.',
    ],
    negative: [
      'If the site survey passes, we can commit to a six-week install.',
      '按合同约定，我们三个工作日内到场。',
      '用不了两年您就能收回成本，这是按您给的用量算的。',
      'If the site survey passes, it will be live by Monday.',
    ],
  },
  {
    type: 'pressure_tactic',
    positive: [
      'This discount expires Friday, after that you lose the pricing.',
      'We only have 3 units left and they are selling fast.',
      '别的学校也都在抢，您今天就定下来吧。',
      '仅剩2套了，快卖完了。',
    ],
    negative: ['我今天把方案发您，明天给您打电话。', 'The price list published on our site goes up on March 1.', '返修的只有一件，返修率不到百分之六。'],
  },
  {
    type: 'responsibility_evasion',
    positive: ["That's up to the carrier, you'd have to ask the carrier yourselves.", 'We just resell it, the warranty is not our concern.', '这是厂家的问题，您去问厂家吧。'],
    negative: ['我来联系厂家的售后负责人，明天上午给您回电话。'],
  },
  {
    type: 'vague_commitment',
    positive: ["I'll see what I can do and get something over to you.", '等忙完这阵我再联系您。', "I'll put the numbers together and send them when I can."],
    negative: ['我周三下午五点前把报价发您。', "I'll send the quote by Thursday at 5 pm."],
  },
  {
    type: 'competitor_disparagement',
    positive: [
      '华拓的设备三天两头坏，您可以去打听打听。',
      '金鼎那些产品质量参差不齐。',
      '那家的漆用不了一年就起皮。',
      'Their support is unreliable and they never deliver on time.',
      '那家的售后没人管，卖完就不管了。',
    ],
    negative: [
      '原厂的是二十八万，我们这边是原厂翻新的，质保一年。',
      '我们的设备质量很差吗？不会的。',
      '华拓的设备报价比我们低一些。',
      '我们的售后以前也跟不上，现在改了。',
    ],
  },
];

describe.each(TABLES)('$type generalises', ({ type, positive, negative }) => {
  it.each(positive)('flags %s', (text) => {
    expect(typesOnRepTurn(text)).toContain(type);
  });
  it.each(negative)('does not flag %s', (text) => {
    expect(typesOnRepTurn(text)).not.toContain(type);
  });
});
