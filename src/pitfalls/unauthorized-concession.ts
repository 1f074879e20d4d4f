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
      /我自己(?:就)?能(?:定|做主)|我(?:来)?做主|我自己的权限|(?:公司|区域|领导)那边(?:回头)?我(?:去|来)(?:说|扛|摆平|打招呼|搞定|解决|沟通)|我来扛|口头答应|不走公司流程|不跟公司报|不用(?:跟公司|走)?(?:申请|审批)|直接给您(?:办了|开通|签|批)|\bi don't need (?:anyone's (?:okay|approval)|legal|approval|sign-off)\b|\bno paperwork\b|\b(?:that's )?my call\b|\bnobody needs to sign off\b|\bi'll just do it\b/g,
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
// A feature that is free by design (软件是终身免费升级的) is not a concession.
const FREE_BY_DESIGN = /是[^,，。]{0,8}免费|免费的/;

function judge(context: DetectionContext, turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  // A rep who says they need no approval ("我自己能做主") has none to cite.
  const selfAuthorised = findTriggers(text, SELF_AUTHORISED).length > 0;
  if (!selfAuthorised && (approvalMention(text) !== null || pendingApproval(text) !== null)) {
    return null;
  }
  const clause = clauseAround(text, match.start);
  if (REFUSAL.test(text.slice(clause.start, clause.end))) {
    return null;
  }
  if (inQuestion(text, match.start) && addressesListener(text, match.start)) {
    return null;
  }
  const sentence = sentenceAround(text, match.start);
  if (/[a-z]/.test(match.phrase) && match.trigger.rule !== 'self-authorised' && !FIRST_PERSON_OFFER.test(text.slice(sentence.start, match.start))) {
    return null;
  }
  if (match.trigger.rule === 'discount-rate' && match.phrase.includes('折') && !PRICE_CONTEXT.test(text.slice(sentence.start, sentence.end))) {
    return null;
  }
  if (match.trigger.rule === 'free-add-on' && FREE_BY_DESIGN.test(text.slice(clause.start, clause.end))) {
    return null;
  }
  // 比日本的便宜40% compares prices; it offers nothing.
  if (match.trigger.rule === 'price-cut' && /比[^,，。]{1,10}$/.test(text.slice(clause.start, match.start))) {
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
