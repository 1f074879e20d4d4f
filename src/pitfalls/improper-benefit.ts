/**
 * Detects `improper_benefit`: personal benefit for the customer's staff,
 * such as kickbacks, rebates to a personal account, gifts or cash (回扣,
 * 返点打到您个人账户, 给您个人准备了购物卡, "a consulting fee to your own
 * account"). A company-to-company rebate written into the contract and a
 * refusal (我们公司严禁回扣, "we don't do kickbacks") are not flagged.
 */

import type { Finding } from '../domain/pitfalls.js';
import { clauseAround, sentenceAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'kickback',
    pattern: /回扣|好处费|茶水费|辛苦费|感谢费|介绍费|过节费|封口费|咱俩分|不走(?:公司|单位|财务|明|公)(?:的)?账|账外|(?:合同|发票)(?:之)?外(?:另|再|单独)?(?:给|付|打)|走现金|给(?:您|你)的那[一1]份|(?:分|给)(?:您|你)(?:个人)?(?:\d+(?:%|个点)|一部分|几个点)(?:的)?(?:提成|佣金|分成)?|(?:提成|佣金|分成)(?:分|给)(?:您|你)|(?:给|返|分)(?:您|你)(?:个人)?(?:返|分|提)\d+(?:%|个点)|(?:您|你)(?:的)?那(?:一|1)?份(?!合同|报价|资料|方案|文件|材料|报告|协议|清单|表|样品)[^,，。]{0,10}(?:转|打|给|送)/g,
    confidence: 0.85,
  },
  {
    rule: 'personal-account',
    pattern:
      /(?:返点|返利|返现|钱|款)[^,，。]{0,10}(?:个人|私人|您(?:自己|本人)的?)(?:账户|账号|卡|银行卡|微信|支付宝)|(?:个人|私人)(?:账户|账号|银行卡|微信|支付宝)|(?:打|转)(?:到|给)(?:您|你)(?:指定|自己|个人|私人)的?(?:卡|账户|账号|银行卡|微信|支付宝)/g,
    confidence: 0.85,
  },
  {
    rule: 'personal-gift',
    pattern:
      /红包|购物卡|礼品卡|加油卡|京东卡|消费卡|(?:商场|超市|商超|储值|充值|提货)卡|购物券|代金券|礼券|小意思|(?:您|你)(?:家)?(?:孩子|爱人|家人|老婆|太太|先生)[^,，。]{0,12}(?:我|我们)?(?:帮|给|安排|报名|包|找)|(?:给|帮|为|往)(?:您|你)(?:个人|私下|私人|家里|家|府上)(?:这边|那边)?(?:也|都|再|另外|单独)?(?:准备|备|安排|留|打|转|送|包|拿|带)|私下(?:给|送|转|打)(?:您|你)(?!打|优惠|便宜|折|降|减|让|把|免|延|改)|表示(?:一下)?(?:心意|意思)|意思意思|(?:请|安排)(?:您|你)(?:去)?(?:旅游|出国|度假|三亚|泰国|日本|按摩|洗浴|ktv)|(?:送|给)(?:您|你)(?:一)?(?:部|台|块|瓶|条|个)?(?:手机|iphone|茅台|烟|酒|手表|名表|金条|现金)|(?:烟|酒|茶叶|茅台|礼品|礼物|红包|卡)[^,，。]{0,6}(?:您|你)(?:先)?(?:拿着|收着|收下)/g,
    confidence: 0.8,
  },
  {
    rule: 'kickback',
    pattern: /\bkick-?backs?\b|\b(?:a|your) cut\b|\b(?:personal|private) (?:bonus|fee|commission|payment|thank[- ]you)\b|\bfinder's fee\b|\b(?:goes|paid|comes|go) (?:straight |directly )?to you,? not (?:to )?(?:the|your) company\b|\boff the books\b|\b(?:consulting|finder's|referral|introduction) fee (?:to|for) you\b|\bunder the table\b/g,
    confidence: 0.85,
  },
  {
    rule: 'personal-account',
    pattern: /\b(?:to|into) your (?:own|personal|private) (?:\w+ )?(?:account|card|wallet|paypal|venmo|wechat|alipay|e-wallet)\b|\bpersonal (?:bank )?account\b/g,
    confidence: 0.85,
  },
  {
    rule: 'personal-gift',
    pattern:
      /\bsomething (?:in it )?for you personally\b|\b(?:get|give|send|pay|offer) you (?:a |some )?(?:paid|personal|cash|bonus|gift)\b|\b(?:take care of|look after) you personally\b|\bgift cards?\b|\bcash (?:for you|in an envelope)\b|\b(?:a )?trip (?:to \w+ )?(?:for you|on us)\b|\bsomething extra for (?:you|the person)\b|\bif you know what i mean\b|\b(?:set|hook) you up with (?:a |some )?(?:paid|cushy|nice|well-paid)\b/g,
    confidence: 0.8,
  },
  {
    rule: 'concealment',
    pattern: /不会有人(?:查|知道)|没人会(?:知道|查)|(?:不会|不)让(?:别人|其他人|任何人|旁人|外人|人)知道|(?:别|不要|不用)(?:跟|和|对)?(?:别人|任何人|同事|领导|其他人)(?:说|讲|提)|就(?:咱们|我们)(?:俩|两个)?知道|(?:咨询费|顾问费|劳务费|服务费)的名义|\b(?:nobody|no one) (?:needs|has|have) to know\b|\bkeep (?:this|it) between us\b/g,
    confidence: 0.75,
  },
  {
    rule: 'benefit-for-person',
    pattern:
      /心意|红包|礼物|礼品|年货|旅游|出国|考察|游学|玩几天|温泉|吃饭|吃个饭|饭局|宴请|喝酒|唱歌|钓鱼|实习|找工作|安排工作|入职|入学|上学|转学|打(?:个)?招呼|留学|读书|手机|电脑|平板|现金(?!价值)|好处|提成|佣金|奖金|顾问费|油费|话费|充值|门票|机票|球票|演唱会|学费|夏令营|费用(?:方面)?(?:您|你)?(?:不用|别)操心|(?:您|你)(?:一分钱)?(?:都)?不用(?:出|花|掏)(?:钱|一分钱)|不用(?:您|你)(?:出|花|掏)钱|高尔夫|按摩|[一二三四五六七八九十\d]+(?:块|元|百|千|万)[^,，。]{0,6}(?:给(?:您|你)算|给(?:您|你)个人)|\b(?:gifts?|iphone|ipad|phone|laptop|bikes?|bicycle|trip|hotel|fly you|weekend|flights|holiday|vacation|resort|spa|golf|dinner|tickets|concert|vip|cash|money|\d+ dollars|envelope|commission|bonus|(?:consulting|speaking|advisory|referral) fees?|gigs?|watch|voucher|perks?|little something|all expenses paid|on (?:our|the) payroll|internship|intern|scholarship|tuition|school fees?|outside (?:of )?the (?:contract|invoice|books)(?: value)?|(?:keep|set|put) (?:something|a little|some money|a bit) (?:aside|by)|something (?:set|put) aside)\b/g,
    confidence: 0.75,
  },
];

// A benefit noun alone (a trip, a phone) is flagged only when the sentence
// states that it is for the person rather than the customer's company.
const FOR_THE_PERSON =
  /(?<![一二三四五六七八九十两几每多\d我])个人|私人|您自己|你自己|私下|家里|本人|您指定的|(?:您|你|他|她)(?:的|家)?(?:孩子|小孩|儿子|女儿|家人|爱人|太太|老婆|先生|老公|司机|家属)|带上?(?:家属|家人|太太|爱人|夫人)|嫂子|弟妹|嫂夫人|(?:您|你)(?:先)?(?:拿着|收着|收下)|少不了(?:您|你)的|亏待不了(?:您|你)|(?:给|为)[^,，。]{0,8}(?:领导|负责人|主任|校长|院长|科长|处长|局长|老总)(?:们)?安排|每人|给(?:您|你)(?:寄|送|带|算|充|安排|留)|不走(?:公司|单位)(?:的)?账|不用(?:您)?操心|费用(?:我们|全|都)(?:出|包)|(?:全部|都|全)(?:由)?(?:我们|我)(?:来)?(?:cover|出|包|报销|买单)|全包|\b(?:personally|just you|just for you|goes to you|yours|you and (?:a|your) (?:guest|wife|husband|family|partner)|your (?:family(?:'s)?|kids?|wife|husband|son|daughter|nephew|niece|cousin|brother|sister|relatives?|in-laws?|spouse|parents?)|for your personal|your own|your home|whatever account|for yourself|not the company|between us|on the side|separately for you|in it for you|set you up|for your (?:support|help|trouble|effort))\b/;

// A rebate to the company, written into the contract or invoice, is legitimate.
const COMPANY_LEVEL =
  /对公|公司账户|公户|公对公|写进合同|合同(?:里|中|上)(?:约定|写明|写)|发票|贵公司(?:账户)?|\b(?:company account|corporate account|in(?:to)? the (?:purchase )?contract|on the invoice|credited against|to the company|to your company|nothing to individuals)\b/;
// A refusal or ban in the clause (我们严禁回扣, "we don't do kickbacks").
const REFUSAL =
  /严禁|禁止|不允许|不能|不会|绝不|拒绝|不收|不给|不做|不搞|不存在|没有|\b(?:never|don't|do not|doesn't|not allowed|prohibit\w*|against (?:our |company )?policy|no)\b/;

const CONCESSION_TALK = /让利|让\d|\d+个点|\d+折|降价|便宜|优惠|价格|\b(?:discount|price|off)\b/;
// Words that name the customer's employee, not the company, as the one who receives something.
const PERSONAL_RECIPIENT =
  /(?:您|你)个人|(?:您|你|他|她)(?:的|家)?(?:孩子|小孩|儿子|女儿|家人|爱人|太太|老婆|先生|老公|家属)|\b(?:for you personally|your own|your (?:family|wife|husband|kids?))\b/;
// Negated phrases that reassure or hide the offer (不会让您白忙, 不用您出钱) rather than refuse it.
const NEGATED_REASSURANCE =
  /不会让(?:您|你)(?:白|吃亏|失望)|不会亏待|(?:不会|不)让(?:别人|其他人|任何人|旁人|外人|人)知道|(?:别|不要|不用)(?:跟|和|对)?(?:别人|任何人|同事|领导|其他人)(?:说|讲|提)|(?:您|你)?(?:一分钱)?(?:都)?不用(?:您|你)?(?:出|花|掏)(?:钱)?|不走(?:公司|单位|财务|明|公)|不用(?:您)?操心|\b(?:nobody|no one) (?:needs|has|have) to know\b/g;
// An unpunctuated transcript can make one clause of a whole turn, so a refusal counts only within this many characters of the trigger.
const REFUSAL_WINDOW = 20;

function judge(turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  const masked = text.replace(NEGATED_REASSURANCE, (phrase) => ' '.repeat(phrase.length));
  // The trigger itself may contain a negation (不会有人知道), so it is left out of the refusal check.
  const clause = clauseAround(text, match.start);
  const before = masked.slice(Math.max(clause.start, match.start - REFUSAL_WINDOW), match.start);
  const after = masked.slice(match.end, Math.min(clause.end, match.end + REFUSAL_WINDOW));
  if (REFUSAL.test(`${before} ${after}`)) {
    return null;
  }
  const sentence = sentenceAround(text, match.start);
  const sentenceText = text.slice(sentence.start, sentence.end);
  if (COMPANY_LEVEL.test(sentenceText)) {
    return null;
  }
  // Hiding a price concession (让您八个点，别跟别人说) is not a personal benefit.
  if (match.trigger.rule === 'concealment' && CONCESSION_TALK.test(text) && !PERSONAL_RECIPIENT.test(text)) {
    return null;
  }
  // "A bike after the deal. Yours if it goes through." names the person in the next sentence.
  const withNext = text.slice(sentence.start, sentenceAround(text, Math.min(text.length - 1, sentence.end + 1)).end);
  if (match.trigger.rule === 'benefit-for-person' && !FOR_THE_PERSON.test(withNext)) {
    return null;
  }
  return { confidence: match.trigger.confidence, evidence: [triggerEvidence(turn, match)] };
}

/** Finds offers of personal benefit to the customer's staff in rep turns. */
export function detectImproperBenefit(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'improper_benefit', TRIGGERS, judge);
}
