/**
 * Detects `unauthorized_concession`: a discount, free add-on, longer payment
 * term or contract change offered on the spot with no approval mentioned
 * (我私下给您打个8折, "I'll throw in a free year"). A turn that cites an
 * approval or a published price (经理批准, 价目表, price list), one that
 * defers to an approval still to come (我去申请一下), a refusal, and a
 * discount within the team's no-approval limit are not flagged.
 */

import type { Finding } from '../domain/pitfalls.js';
import { clauseAround, sentenceAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, findTriggers, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { addressesListener, approvalMention, inQuestion, pendingApproval } from './scope.js';

// A rep who waives the approval step (我自己能做主, "no paperwork") flags the concession by itself.
const SELF_AUTHORISED: readonly PhraseTrigger[] = [
  {
    rule: 'self-authorised',
    pattern:
      /我(?:自己|这儿|这边|这里)?(?:就)?能(?:定|做主|拍板)|我(?:来)?做主|我说了算|我自己的权限|(?:公司|区域|领导)那边(?:回头)?我(?:去|来)(?:说|扛|摆平|打招呼|搞定|解决|沟通)|我来扛|口头答应|不(?:用|必|需要)?走(?:公司)?(?:的)?流程|不跟公司报|不用(?:跟公司|走)?(?:申请|审批)|不(?:用|必|需要)(?:再)?(?:请示|报上去|上报|报备|问(?:领导|经理|老板|公司))|(?:不用|别|不要)(?:跟|和|让)?(?:我(?:们)?)?(?:领导|经理|老板|公司|上面|boss|manager)(?:说|讲|知道|讲|tell)|不用\s?tell|(?:我|我们)(?:这边|自己)\s?(?:来)?\s?(?:handle|approve|搞定|处理|cover|批)|合同(?:我|我们)(?:这边|这儿)?(?:直接|来|帮您|给您)?改|直接给您(?:办了|开通|签|批)|\bi don't need (?:anyone's (?:okay|approval)|legal|approval|sign-off)\b|\bno paperwork\b|\b(?:that's )?my call\b|\bnobody needs to sign off\b|\bi'll just do it\b|\bno need to (?:loop (?:anyone|anybody|my \w+) in|ask (?:anyone|anybody|my \w+)|trouble (?:anyone|anybody)|bother (?:anyone|anybody|my \w+)|involve (?:anyone|anybody|my \w+)|check with (?:anyone|anybody|my \w+)|tell (?:anyone|anybody|my \w+))\b|\bdon'?t tell (?:my|the) (?:manager|boss|supervisor|office|company|head office)\b|\b(?:adjust|sort|handle|fix|change) (?:it|this|that) (?:from|on) my (?:side|end)\b|\bwithout (?:asking|telling|involving) (?:anyone|anybody|my (?:manager|boss))\b/g,
    confidence: 0.9,
  },
];

const TRIGGERS: readonly PhraseTrigger[] = [
  { rule: 'discount-rate', pattern: /(?:打个?\s?)?(\d+(?:\.\d+)?)\s?折(?!扣)/g, confidence: 0.8 },
  {
    rule: 'price-cut',
    pattern:
      /(?:(?:给|帮)(?:您|你)|再)(?:便宜|优惠|降|减|让|少收|打掉|抹掉?)(?:了|个)?(\d+(?:\.\d+)?)(%|个点|个百分点|万|千|块|元)?|(?:便宜|优惠|让利|少收|降价|减价)(?:了|个|您|你)?(\d+(?:\.\d+)?)(%|个点|个百分点|万|千|块|元)|便宜(?:一)?点(?!的)|少(?:收|算)(?:您|你)?(?:一)?点|抹(?:个)?零|零头(?:不要了|就算了|给您抹了|免了)|(?:给|按)(?:您|你)?(?:成本价|内部价|出厂价|员工价|底价)/g,
    confidence: 0.75,
  },
  {
    rule: 'free-add-on',
    pattern:
      /赠送|白送|免费(?:送|赠|给(?:您|你)|加|延长|升级|多给)|额外送|多送|再送|送(?:您|你)(?!到|过去|回)|(?:额外|多)(?:给|赠)(?:您|你)|免(?:掉|除|收|了)?(?:您|你)?(?:的)?(?:安装费|服务费|运费|培训费|实施费|年费|首年|维护费)|(?:安装费|服务费|运费|培训费|实施费|年费|维护费)(?:就)?(?:给(?:您|你))?(?:免了|不收了|减免)|买\d+送\d+/g,
    confidence: 0.75,
  },
  {
    rule: 'payment-terms',
    pattern: /(?:账期|付款期|回款期|付款)(?:可以|给(?:您|你)){0,2}(?:延长|放宽|放到|改成|延到)|(?:延长|放宽)(?:您的?)?(?:账期|付款期|质保|保修)|免息分期|先用后付|免押金/g,
    confidence: 0.7,
  },
  ...SELF_AUTHORISED,
  {
    rule: 'price-cut',
    pattern:
      /(?:给(?:您|你)|我)[^,，。]{0,4}(?:降到|降价到|按[^,，。]{1,8}价(?:格)?(?:走|签))|(?:违约金|条款)[^,，。]{0,6}(?:删了|不要了|去掉)|(?:全给您|全部|都给您)?免了|(?:个人)?(?:再)?(?:给您)?加送|改成\d+年|\b(?:drop it to|match whatever you pay|add a \d+-day cancellation clause|include \d+ years? of free)\b/g,
    confidence: 0.75,
  },
  {
    rule: 'discount-rate',
    pattern:
      /\b(\d+(?:\.\d+)?)\s?(?:%|percent|per cent)\s?(?:off|discount)\b|\b(?:knock|take|cut|shave|discount)(?:ing)? (?:off )?(\d+(?:\.\d+)?)\s?(?:%|percent|per cent)/g,
    confidence: 0.8,
  },
  {
    rule: 'free-add-on',
    pattern: /\bthrow(?:ing)? in\b|\bfor free\b|\bfree of charge\b|\bon the house\b|\bat no (?:extra |additional )?(?:cost|charge)\b|\bwaive\b|\bcomp (?:you|the)\b/g,
    confidence: 0.75,
  },
  {
    rule: 'price-cut',
    pattern: /\b(?:match (?:their|that|the) price|drop the price|cut the price|lower the price|special (?:price|deal|discount|pricing)|better price for you|(?:knock|take) (?:\w+ )?off)\b/g,
    confidence: 0.7,
  },
  {
    rule: 'payment-terms',
    pattern: /\b(?:give you|do|offer you|extend (?:it|that|them) to) \d+ days\b|\bchange (?:it|that) in the contract myself\b|\bextend (?:the |your )?(?:payment terms|terms|warranty)\b|\bdefer (?:the )?payment\b|\bnet (?:60|90|120)\b(?= (?:for you|is fine|works|then))/g,
    confidence: 0.7,
  },
  {
    rule: 'fee-waiver',
    pattern:
      /(?:不|免|不再)(?:收|算|要)(?:您|你)(?:们)?(?:的)?[\u4e00-\u9fa5]{0,3}(?:钱|费)了|(?:[\u4e00-\u9fa5]{1,3}费|费用)(?:我|我们)?(?:就|都|也)?(?:给(?:您|你)(?:们)?)?(?:不收了|不要了|免了|全免|减免|我(?:们)?(?:来)?(?:出|掏|贴|承担|负担|买单)了?)|(?:定金|订金|押金|保证金|首付|预付款?)(?:就|也|都)?(?:不用|不需要|免)(?:交|付|收)?了|算(?:我|我们)(?:送|请)的|算(?:在)?我(?:们)?头上/g,
    confidence: 0.75,
  },
  {
    rule: 'contract-change',
    pattern:
      /(?:违约金|违约责任|罚款|罚则|那条|这条|条款|押金|保证金|定金|订金|预付(?:款)?|首付|尾款|账期|付款(?:条件|方式|节点)?|质保(?:期)?|保修(?:期)?|维保(?:期)?|服务期|试用期?|合同期|利率|费率|\brate\b|续约|自动续费|排他|(?:合同|协议)(?:里|上|中)(?:的)?(?:那|这)条|\bwarranty\b)[^,，。]{0,12}?(?:删(?:了|掉)|去掉|拖到|推到|顺延到|缓到|拿掉|不要了|取消(?:掉|了)?|免(?:了|掉)|改(?:成|为|到)|调(?:成|到|低)|降(?:到|成|低)|减(?:到|成|半)|延(?:长)?(?:到|成)|加到|放(?:到|宽)|拉长到|延长)|(?:给|帮)(?:您|你)(?:们)?(?:把)?[^,，。]{0,12}?(?:改成|改为|调成|降到|降成|减到|压到|延到|延长到|加到|放到|拉长到|拖到|推到|顺延到|缓到)|(?:钱|款|货款|费用)[^,，。]{0,4}(?:等|到)[^,，。]{0,8}(?:回款|到账|资金到位|有钱|卖(?:出去|完)|开业|结算|发工资|收到钱)[^,，。]{0,3}再说|(?:钱|款|货款|费用)[^,，。]{0,4}(?:等|到)[^,，。]{0,10}(?:再付|再给|再结|再补)|(?:先付|先交|首付|预付)(?:您)?(?:先)?(?:付|交)?(?:一半|一部分|\d+成|\d+%)[^。]{0,20}?(?:剩下|余下|其余|尾款)[^。]{0,20}?(?:再|以后|之后|后)(?:付|补|给|交|结)/g,
    confidence: 0.75,
  },
  {
    rule: 'discount-rate',
    pattern: /\b(?:drop|cut|knock|take|give)\s?(\d+(?:\.\d+)?)\s?个?\s?(?:%|percent|per cent)/g,
    confidence: 0.8,
  },
  {
    rule: 'free-add-on',
    pattern:
      /\bcomp (?:you|your|the|it|that|them)\b|\b(?:it|that|this|shipping|delivery|installation|setup|the \w+)(?: one)?(?:'s| is| are) on (?:me|us|the house)\b|\b(?:i(?:'ll| will| can| could)?|let me) (?:\w+ ){0,6}(?:zero|0|no|free of) (?:extra |additional )?(?:cost|charge|fee)\b|\bi(?:'ll| will| can| could)? (?:give|get|make|do|add|include|throw in|upgrade) (?:you )?(?:\w+ ){0,5}(?:free|for free|gratis)\b|\bfree (?:你|您|you)\b|给(?:您|你)\s?free\b|我[^,，。]{0,4}(?:给|帮)(?:您|你)(?:们)?\s?(?:免费)?\s?(?:upgrade|升级|升)\s?(?:到|成)[^。]{0,24}?(?:价格|价钱|price|费用)\s?(?:不变|照旧|一样)|免费(?:帮|给|送)?(?:您|你)(?:们)?(?:加|升级|延|多|做|装)/g,
    confidence: 0.75,
  },
  {
    rule: 'price-cut',
    pattern:
      /\b(?:knock|bring|drop|cut|lower|take|mark|get) (?:it|that|this|(?:the|your) (?:\w+ )?(?:price|rate|fee|premium|term|cost)) (?:down )?(?:to|by)\b|打个?对折|零头(?:就|也|都)?(?:给(?:您|你))?(?:抹了|抹掉|不要了|算了|免了)|\b(?:extra )?\d+(?:k)? (?:dollars? )?(?:discount|off)\b|\b(?:give|offer|get) you (?:an? )?(?:extra|additional|further) \d+(?:\.\d+)? ?(?:%|percent|per cent)|(?:直接|就)按[^,，。]{1,8}给(?:您|你)(?:签|算|开)|\b(?:i'll|i will|i can|let me) (?:\w+ )?(?:change|amend|edit|adjust|rewrite|strike|remove) (?:it|that|this|the (?:\w+ ){0,2}\w+) (?:on|in|from) the (?:order|contract|quote|invoice|paperwork|agreement)\b/g,
    confidence: 0.7,
  },
];

const FIRST_PERSON_OFFER = /\b(?:i|i'll|i can|i could|i will|i'm|i'd|we|we'll|we can|we could|we will|let me|tell you what)\b/;
// A refusal in the clause (不能打折, "we can't do 20% off") withdraws the offer.
const REFUSAL =
  /不能|不可以|不行|做不到|不可能|没办法|没法|没有(?:折扣|优惠)|不(?:打|给|送|降|让|免)|无法|\b(?:can't|cannot|won't|unable|not able|no way|not possible|don't do|do not)\b/;
const PRIVATE_DEAL = /私下|偷偷|内部(?:给您|帮您)|\b(?:between (?:you and me|us)|off the record|just for you|no need to go through anyone|myself)\b/;

/**
 * Returns the discount in percent that a match offers, or null when its size
 * is not a percentage (便宜2000, a free add-on). 8折 is 20 % off, 95折 is 5 % off.
 */
export function discountPercentOf(match: TriggerMatch): number | null {
  if (match.trigger.rule === 'discount-rate') {
    const raw = match.groups[1] ?? match.groups[2];
    if (raw === undefined) {
      return null;
    }
    const value = Number(raw);
    if (match.phrase.includes('折')) {
      if (value <= 0 || value >= 100) {
        return null;
      }
      return value < 10 ? 100 - value * 10 : 100 - value;
    }
    return value;
  }
  if (match.trigger.rule === 'price-cut') {
    // The Chinese pattern has two alternatives with an amount and a unit each.
    const amount = match.groups[1] ?? match.groups[3];
    const unit = match.groups[2] ?? match.groups[4] ?? '';
    if (amount === undefined) {
      return null;
    }
    return unit === '%' || unit.includes('点') ? Number(amount) : null;
  }
  return null;
}

// A Chinese discount rate counts as an offer only in a sentence about price or
// about what the rep gives, because 冬天打八折 can describe a range, not a deal.
const PRICE_CONTEXT = /给(?:您|你)|价|费|钱|元|块|万|签|买|订|单|优惠|这样吧|可以/;
// A Chinese discount rate is an offer only when someone gives it (我给您打八折, 这单算您九折), because
// 加油打九二折 describes what a product does for every buyer.
const DISCOUNT_GIVER = /我(?!们(?:这个|的))|咱|(?:给|帮|替|收|算|按)(?:您|你)|这(?:单|次|批)|这样吧/;
// A feature that is free by design (软件是终身免费升级的) is not a concession.
const FREE_BY_DESIGN = /是[^,，。]{0,8}(?:免费|免[\u4e00-\u9fa5]{1,2}费|不收费)|免[\u4e00-\u9fa5]{0,2}费的|不收费的/;

// The rep writing a concession into the contract (给您写进合同) cites no approval.
const REP_EDITS_CONTRACT =
  /(?:给|帮)(?:您|你)(?:们)?(?:写|加|改)(?:进|到|在)?(?:合同|条款)|(?:我|我们)(?:这边)?(?:直接|来)?(?:写|加|改)(?:进|到|在)(?:合同|条款)|合同(?:里|上)(?:我|我们)(?:帮|给)(?:您|你)(?:们)?(?:写|改|加)/g;
// An approval the rep must still ask for (我得先跟财务申请, 需要走特价申请) or already has
// in words the shared approval patterns do not cover (领导点过头, "the green light").
const ASKS_FIRST = /(?:得|要|需要)(?:先)?(?:跟|向|和|找)[^,，。]{0,6}(?:申请|请示|报批|商量)|(?:得|要|需要)走[^,，。]{0,6}(?:申请|审批|流程)/;
const OTHER_APPROVAL =
  /(?:经理|领导|老板|总监|上面|公司|总部|财务)[^,，。]{0,4}(?:批了|点(?:过)?头|签了字)|报备过|\b(?:green light|okayed|ok'd|cleared (?:it|this|that) with|(?:got|have|has) (?:the )?(?:go-ahead|okay|ok|nod))\b/;
// A published tier or price page (公开的阶梯价, "our public pricing page") anywhere in the turn is a price list.
const PUBLISHED_PRICE = /阶梯价|公开(?:的)?(?:价|报价|价格|阶梯)|明码标价|公示|价格手册|\b(?:public pricing|pricing page|published (?:prices?|rates?)|volume pricing|tiered pricing)\b/;
// A Chinese offer names who gives it (我, 给您, 帮你), just as the English one needs "I" or "we".
const CHINESE_OFFER = /我|咱|(?:给|帮|替)(?:您|你)/;
// A running promotion (店里在做活动) or a rate table (按运费表算) is a published price.
const PUBLISHED_RATE =
  /在(?:做|搞|办)[^,，。]{0,16}(?:活动|促销)|活动期间|店庆|周年庆|按(?:照)?[^,，。]{0,8}(?:表|标准|规定|市场价|市价|原价|零售价|定价|指导价)(?:的)?[^,，。]{0,4}(?:算|收|计)/;
// A benefit for the customer's family (您女儿的学费给您免了) is improper_benefit, not a concession.
const PERSONAL_BENEFIT = /(?:您|你)(?:家)?(?:的)?(?:女儿|儿子|孩子|小孩|爱人|太太|老婆|先生|老公|家人|家里|父母|家属)/;
// An option the customer pays for (质保延长到5年要加钱) is a price, not a concession.
const PAID_OPTION = /(?<![不免再用])(?:加钱|加收|另(?:外)?(?:收|付|算)|需要(?:加|付|另)|要(?:加|另)(?:钱|费)|费用另计|每年(?:加)?收)|\b(?:for an extra|at an extra|(?<!(?:no|zero|0|without|free of) )additional (?:fee|cost|charge)|(?<!(?:no|zero|0|without|free of) )extra (?:fee|cost|charge))\b/;
// Changes to the contract or payment need a price or term word near them, because 帮您改成 alone may edit a document or a date.
const TERM_WORD = /预付|首付|付款|账期|尾款|续约|续费|违约|排他|退款|赔偿|条款|钱|款|定金|订金|押金|违约金|质保|保修|维保|利率|费率|价|费|折|\d+(?:%|成)|\b(?:rate|warranty|payment|terms)\b/;

// Words of a deal that a self-authorised turn must contain when no other trigger matches.
const OFFER_WORD = /给(?:您|你)|送|免|折|\b(?:give|extra|free|discount|off|margin)\b/;

function judge(context: DetectionContext, turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  const rule = match.trigger.rule;
  // A rep who says they need no approval ("我自己能做主") has none to cite.
  const selfAuthorised = findTriggers(text, SELF_AUTHORISED).length > 0;
  const cited = text.replace(REP_EDITS_CONTRACT, (phrase) => ' '.repeat(phrase.length));
  if (!selfAuthorised && (approvalMention(cited) !== null || pendingApproval(text) !== null || ASKS_FIRST.test(text) || OTHER_APPROVAL.test(text) || PUBLISHED_PRICE.test(text))) {
    return null;
  }
  // Claiming the authority ("小事情，我自己就能定") offers nothing unless the turn also makes an offer.
  if (rule === 'self-authorised' && !OFFER_WORD.test(text) && findTriggers(text, TRIGGERS).every((other) => other.trigger.rule === 'self-authorised')) {
    return null;
  }
  const clause = clauseAround(text, match.start);
  const clauseText = text.slice(clause.start, clause.end);
  // Self-authorised phrases and fee waivers contain their own negation (不用请示, 不收了), so a refusal
  // counts for a waiver only before it and never for a self-authorised phrase.
  if (rule !== 'self-authorised' && rule !== 'fee-waiver' && REFUSAL.test(clauseText)) {
    return null;
  }
  if (rule === 'fee-waiver' && REFUSAL.test(text.slice(clause.start, match.start))) {
    return null;
  }
  if (inQuestion(text, match.start) && addressesListener(text, match.start)) {
    return null;
  }
  const sentence = sentenceAround(text, match.start);
  const sentenceText = text.slice(sentence.start, sentence.end);
  const before = text.slice(sentence.start, match.start);
  const repGives = FIRST_PERSON_OFFER.test(before + match.phrase) || CHINESE_OFFER.test(before + match.phrase) || /\bon (?:me|us)\b/.test(match.phrase);
  if (/[a-z]/.test(match.phrase) && rule !== 'self-authorised' && !repGives) {
    return null;
  }
  if (rule === 'discount-rate' && match.phrase.includes('折') && (!PRICE_CONTEXT.test(sentenceText) || !DISCOUNT_GIVER.test(sentenceText))) {
    return null;
  }
  if ((rule === 'free-add-on' || rule === 'fee-waiver') && FREE_BY_DESIGN.test(clauseText)) {
    return null;
  }
  // 比日本的便宜40% compares prices; it offers nothing.
  if (rule === 'price-cut' && /比[^,，。]{1,10}$/.test(text.slice(clause.start, match.start))) {
    return null;
  }
  // A split or deferred payment (剩下的以后再付, 钱等您回款了再说) is an offer without naming the giver.
  const deferredPayment = /剩下|余下|其余|尾款|再(?:说|付|给|结|补)$/.test(match.phrase);
  if (rule === 'contract-change' && ((!deferredPayment && !CHINESE_OFFER.test(text.slice(clause.start, match.end))) || !TERM_WORD.test(text.slice(sentence.start, clause.end)))) {
    return null;
  }
  if (rule !== 'self-authorised' && (PUBLISHED_RATE.test(clauseText) || PERSONAL_BENEFIT.test(sentenceText) || PAID_OPTION.test(sentenceText))) {
    return null;
  }

  const evidence = [triggerEvidence(turn, match)];
  let confidence = match.trigger.confidence;
  const percent = discountPercentOf(match);
  if (percent !== null) {
    if (percent <= context.settings.maxDiscountWithoutApprovalPercent) {
      return null;
    }
    evidence.push({ rule: 'discount-above-limit', detail: `${percent}% > ${context.settings.maxDiscountWithoutApprovalPercent}%` });
  } else if (context.settings.maxDiscountWithoutApprovalPercent > 0) {
    // The size is unknown, so the concession may be within the team's limit.
    confidence -= 0.15;
  }
  const privateDeal = PRIVATE_DEAL.exec(text);
  if (privateDeal !== null) {
    evidence.push({ rule: 'private-deal', detail: privateDeal[0] });
    confidence += 0.1;
  }
  evidence.push({ rule: 'no-approval-mentioned' });
  return { confidence, evidence };
}

/** Finds concessions offered on the spot without a cited approval. */
export function detectUnauthorizedConcession(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'unauthorized_concession', TRIGGERS, (turn, match) => judge(context, turn, match));
}
