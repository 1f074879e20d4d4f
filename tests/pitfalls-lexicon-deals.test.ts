import { describe, expect, it } from 'vitest';

import { typesOnRepTurn } from './helpers/rep-turn.js';
import type { PhraseTable } from './helpers/rep-turn.js';

// Sentences written for these tables, not taken from the corpus. Each row
// checks that a pattern family catches a paraphrase of its meaning, or that a
// look-alike (an approval, a published price, a refusal, a real deadline) is
// left alone.
const TABLES: PhraseTable[] = [
  {
    type: 'unauthorized_concession',
    positive: [
      // A fee waived on the spot.
      '这样，上门调试我不收您调试费了。',
      '培训费我就给您免了，算我的。',
      // A contract or payment term changed by the rep.
      '押金那块我直接给您减到一半。',
      '付款节点我帮您改成验收后九十天。',
      '我私下给您把保修延到三年。',
      '首付您先交三成，剩下的等开业以后再付。',
      '尾款那部分，我给您拖到明年三月再付。',
      '那这样，您先用着，钱等您回款了再说。',
      '合同里那条自动续约我给您去掉。',
      '定金就不用交了，直接发货。',
      '首年的维护费我们来承担。',
      // A price cut in colloquial or mixed wording.
      '你们这单我给您打个对折。',
      '零头就给您抹了。',
      '这个 price 我再 drop 五个 percent 给你，我自己 approve。',
      "I'll cut the monthly rate to 40 dollars, I'll sort it out with my boss later.",
      "I'll bump your warranty to five years at no extra cost.",
      '我直接按八万给您签，不走流程了。',
      '您点个头，我这边就给您批了九折。',
      // A discount rate with a giver but no pronoun in English terms.
      '这单打八折吧。',
      '行，那就八五折给您。',
      "I'll change the renewal date on the contract myself, no need to bother my boss.",
      "I'll knock the fee down to 500 for you.",
      // A comped item or a zero-cost offer.
      "I'll comp the first month for you.",
      'Shipping is on me this time.',
      'I can do the extended warranty at zero cost for you.',
      // Skipping approval in mixed wording.
      '我直接给你 free 一年 maintenance，不用 tell 我 boss。',
      'Honestly I can give you an extra 8 percent, nobody needs to sign off.',
      '我给你 upgrade 到 premium plan，price 不变。',
      'let me waive the late fee this time, i wont tell anyone',
    ],
    negative: [
      // A rate table or a fee that is waived by design.
      '安装费按公司的收费标准算，市区是免安装费的。',
      // A paid option.
      '我可以帮您把质保延长到五年，不过要另外加钱。',
      // A refusal with no trigger left.
      '违约金这条我们改不了。',
      // An approval still to come.
      '您那边要是想把账期延长到九十天，我得先跟财务申请。',
      // A running promotion.
      '我们店里正在做周年庆活动，全场八八折。',
      // A discount that a product gives every buyer.
      '我们这个会员卡，全场打九折，一年能省不少。',
      // An upgrade for everyone, not an offer.
      '系统会自动帮您升级到新版本，价格不变。',
      // A bundled item described, not offered.
      'The charger comes free of charge with every car.',
      // Authority claimed with nothing offered in the turn.
      '小事情，这个我自己能做主。',
      // A benefit for the customer's family belongs to improper_benefit.
      '听说您儿子要考研，报班的学费我给您免了。',
      // A changed date is no price or payment term.
      '我帮您把交付时间改成三十天以内。',
      '我帮您把报告改成英文版，价格那页也一起改。',
      // Putting off a talk about money is no deferred payment.
      '钱的事等您领导回来再说。',
      // A price concession with the approval still to come, or already given.
      '如果您今天能定，我去跟经理申请一个九折。',
      '九折需要走特价申请，我今天就提交。',
      '经理刚批了九折，我把审批截图发您。',
      '这个九折是我们领导点过头的。',
      'I got the green light from my director for 15 percent off.',
      // A published tier.
      '满十台打九五折，这是我们公开的阶梯价。',
      'The 20% partner discount is on our public pricing page.',
    ],
  },
  {
    type: 'improper_benefit',
    positive: [
      // A gift prepared for the person or their home.
      '年底我给您个人备了一份薄礼，您别客气。',
      '回头往您家里送两箱好酒，这事儿不走单位的账。',
      '过年给您那份是一张五千的超市卡，直接寄到您家。',
      // A trip or cost covered for the person or family.
      '验收完了，安排您和爱人去海南玩几天，机票酒店都由我们出。',
      '您孩子出国留学的费用，事成以后我们来想办法，您一分钱都不用出。',
      '听说您儿子要考研，报班的学费我给您免了。',
      // Cash with a promise that nobody will know.
      '开业那天给您包个红包，放心，不会让别人知道。',
      'There is something set aside for you, outside the contract value, for your help on this.',
      "We'll bring your wife along too and cover the hotel.",
      // A personal share paid to the person's own channel.
      '这单成了，给您个人返三个点，打到您指定的卡上。',
      '你那份我会另外转到你微信。',
      // Leisure, favours for relatives and gifts handed over.
      '周末我请您和嫂子去吃个饭，顺便泡个温泉。',
      '您儿子实习的事，我跟我们HR打个招呼。',
      '这两条烟您拿着，一点心意。',
      '我们每年给合作方的领导安排一次国外考察，您这边也算一个名额。',
      '你放心啦，事成之后少不了你的好处。',
      "If this goes through, there's a nice envelope in it for you.",
      'I can set you up with a paid speaking gig at our conference, five grand.',
      'once the PO is signed ill transfer a small token to your personal paypal',
      'we can put your nephew on our payroll as a consultant, no real work needed',
      'i can arrange for your son to intern with us this summer if this deal closes',
    ],
    negative: [
      // An insurance term, not cash for the person.
      '这款保险的现金价值第五年就能超过已交保费，您自己算算。',
      // A company rebate in the contract.
      '年货节我们给贵公司的采购返点，全部写进合同，打到公司账户。',
      // A hidden price concession, not a personal benefit.
      '价格上我私下给您让五个点，您别跟同事说。',
      '我私下给您把保修延到三年。',
      // A site visit at the customer's own cost.
      '欢迎您带团队来我们工厂考察，差旅按贵公司的标准自理。',
      // A refusal.
      '我们严禁给客户个人送礼，节日只给贵公司寄贺卡。',
      // Work outside the contract, billed to the company.
      'Anything outside the contract scope is billed separately.',
      // A payout to the customer's own card, a working lunch, a document, a favour for the job.
      '理赔款会直接打到您的银行卡上。',
      '中午我请您吃个饭，边吃边聊方案。',
      '您那份报价我一会儿转给您。',
      '我跟物业打个招呼，明天师傅上门。',
      '资料您先拿着，有问题随时问我。',
      // Programmes open to everyone.
      'Our internship programme is open to all engineering students.',
      'A lot of customers pull the mileage into their payroll, right from your own dashboard.',
      // The rep's own gesture to the company.
      '我个人再送贵公司一次现场培训，就当我的心意。',
    ],
  },
  {
    type: 'pressure_tactic',
    positive: [
      // A small quota released.
      '这批货就放十台出来，您先考虑。',
      // A hold that lapses.
      '这个价我最多帮您保留到周五，过了就按新价格走了。',
      // Other buyers asking.
      '刚才又有两家经销商来问这个区域。',
      '之前是不急，可现在好几个人在看这套房。',
      // A near window with no decision and a loss.
      '您要是这几天还不拿主意，师傅就排到下个月底了。',
      '这个口子说关就关，今儿不签我可不敢保证明天还在。',
      // A miss that pushes the customer into a queue.
      '错过这一期，下一期要等到明年秋天。',
      // English: next in line, thin stock, few slots, price rises.
      'The promo rate is only held until Friday, after that it goes to the next client on the list.',
      "Stock is getting low, honestly, I'd lock it in today.",
      'Only a couple of install slots left this month, so you better decide soon.',
      'From next month our licences are going up by 12 percent.',
      // A missed purchase that the customer will regret.
      '这么好的机会，您现在不买会后悔的。',
      // A rival taking it, an offer that will not last, a higher price later.
      '您再犹豫，这个位置就被隔壁那家抢走了。',
      '说实话这个优惠撑不过这周。',
      '您要是现在不下单，以后可就是这个价的两倍了。',
      'This is a one-time offer, once you hang up it is gone.',
      'I can only keep this rate open until 5 pm today.',
      'Three other clinics nearby already signed up, and we only take one per district.',
      "If we don't get the PO by Thursday, your install date slips to next quarter.",
      "We're expecting a price increase soon, so now's the time to buy.",
      'honestly sir this offer wont be there next week',
      '只剩最后两台了，您要的话得抓紧。',
    ],
    negative: [
      // A published source, in the same or the next sentence.
      '价格会在四月一号上调，官网已经发了通知，您可以去看。',
      'Prices go up on 1 July. The new list was published on our site last week.',
      // Reassurance.
      '您不着急，下个月再定也完全来得及。',
      // The customer's own deadline.
      '按您说的月底上线，我们这周就得把合同定下来。',
      // A past miss of the rep's own company.
      '上次错过了那个展会，我们就只能等明年再去参加了。',
      // A real schedule, not a threat.
      "We're fully booked until March, so the earliest install date is April 2.",
      // References, not rival buyers.
      '已经有三家医院在用我们的系统了。',
      // A warning about a rival product.
      '那家的电池容易起火，买了你会后悔的。',
      // Dated news that is not about the deal, or a slot that is available.
      '下个月的培训取消了，我们改到下下周。',
      '这周能排到您，周四上午师傅过去。',
      // A deadline that has passed.
      '那个活动上个月就结束了。',
      // A question asked before, not a rival buyer.
      '这个问题已经有人问过了，我给您解释一下。',
      // The rep's own errand, not the customer's decision.
      '今天没给您发资料，明天一起发过去。',
      // English look-alikes: a spec limit, a benefit claim, routing a ticket, a support request.
      'The power supply is limited to 24 volts.',
      'With our line, your output is going up by 20 percent.',
      'The ticket goes to the next person in support.',
      "You'd better let me know if anything breaks.",
      // A stated rule, a past sale, a courtesy hold, a real validity date.
      '现在不签合同的话，我们没法排产，这是工厂的规定。',
      '这款上次被一家医院买走了两台。',
      "I'll hold the slot for you until Friday, no rush.",
      '我们的报价有效期到本月三十号，报价单上写着。',
      'No pressure at all, the quote is valid for 30 days.',
      '您现在不买也没关系，以后有需要再找我。',
      // Scarcity stated with reassurance in the same sentence.
      '这个班名额有限，不过您不用赶时间，下期也可以报。',
      "Slots are limited this month, but there's no hurry, next month works just as well.",
      // A price rise with an official source, and a last question.
      '我们下个月涨价的事，官方公众号已经发了。',
      '最后一个问题，您这边预算大概多少？',
    ],
  },
];

describe.each(TABLES)('$type lexicon', ({ type, positive, negative }) => {
  it.each(positive)('flags %s', (text) => {
    expect(typesOnRepTurn(text)).toContain(type);
  });
  it.each(negative)('does not flag %s', (text) => {
    expect(typesOnRepTurn(text)).not.toContain(type);
  });
});
