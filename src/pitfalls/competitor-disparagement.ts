/**
 * Detects `competitor_disparagement`: an unsupported negative claim about a
 * named or implied competitor (他们家设备就是垃圾, "they're about to go
 * bankrupt"). The claim must share a sentence with a competitor reference: a
 * glossary name, a word such as 友商 or "competitor", or a third-person
 * pronoun. A sourced comparison, a negated claim (他们家也不差) and a repeat
 * of the customer's words are skipped.
 */

import type { Finding } from '../domain/pitfalls.js';
import { sentenceAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { echoesCustomer, findInSentence, findInTurn, negationBefore, sourceInSentence } from './scope.js';

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'negative-claim',
    pattern:
      /垃圾|很烂|太烂|烂透|差劲|坑人|坑爹|骗子|骗人|忽悠|(?:要|快|马上)?倒闭|破产|不靠谱|偷工减料|山寨|抄袭|翻车|跑路|黑心|不专业|不正规|一塌糊涂|资质不全|没有资质|(?:经常|动不动就)(?:出问题|坏|宕机|掉线|出故障)|三天两头(?:坏|出问题|宕机)?|一堆(?:问题|毛病|bug)|用不了多久|谁用谁后悔|出了名的差|虚标|换个?壳|不新鲜|假的|假货|别信|找不到人|连[^,，。]{1,6}都找不到|没人接|抄(?:我们|的)|照着我们|便宜货|玩具|翻新|以次充好|人品不行|坑过|快被收购|没人维护|起皮|乱七八糟|参差不齐|投诉一大堆|压着不让说|(?:早就|早)?该淘汰|马赛克|资金链(?:早就|已经)?断|撑不(?:过去|下去|住)|漏油|(?:质量|售后|服务|技术|产品|设备|机器)(?:也)?(?:很|太|特别|非常)?(?:差|烂|不行)|(?:有|存在)(?:严重的?)?(?:漏洞|后门|安全隐患)|没人用|水平(?:很|太)?(?:差|低)/g,
    confidence: 0.8,
  },
  {
    rule: 'negative-claim',
    pattern:
      /糟糕|靠不住|不稳定|老出问题|经常出事|劣质|水货|次品|质量(?:很|太|特别|非常)?(?:一般|不好|堪忧)|售后(?:很|太)?(?:差|没人管|跟不上|不管)|没人管|(?:签|卖|装)完(?:了)?就不管|不负责任?|态度(?:很|太)?差|技术落后|早就过时|漏洞百出|bug(?:很|特别|一大)?多|慢得要死|卡得要死|快不行了|亏损严重|裁员|欠薪|官司缠身|被罚|造假|作假|偷(?:我们的)?技术/g,
    confidence: 0.75,
  },
  {
    rule: 'negative-claim',
    pattern:
      /\b(?:unreliable|flimsy|shoddy|sloppy|cheaply made|poorly made|low[- ]quality|outdated|obsolete|buggy|lousy|dishonest|overpriced|hidden fees|sinking ship|in (?:big |serious )?trouble|losing (?:customers|clients|money)|struggling|won't be around|can't (?:deliver|be relied on)|never deliver|(?:don't|doesn't|won't) (?:answer|support|care about) (?:their |your )?(?:customers|clients|calls|you)|no (?:real )?support|ghost(?:s|ed)? (?:you|customers|their)|cheap (?:junk|parts|knock-?offs?)|(?:is|are) (?:a )?(?:disaster|failure)|behind the times)\b/g,
    confidence: 0.75,
  },
  {
    rule: 'negative-claim',
    pattern:
      /\b(?:garbage|junk|trash|crap|crappy|terrible|awful|horrible|useless|a mess|a joke|a scam|scam(?:mers)?|rip-?off|shady|dodgy|knock-?offs?|copycats?|bankrupt|go(?:ing)? under|go(?:ing)? bust|about to fold|fall(?:ing)? apart|falls apart|can't be trusted|lying|liars?|cheat(?:ing|s)?|incompetent|amateurs?|steal your data|always (?:break|breaks|crash|crashes|down|fail|fails)|hid(?:e|es|ing) (?:breaches|problems|issues|defects|fees)|cut(?:s|ting)? corners|cover(?:s|ing)? (?:it |things )?up|don't want to be with them|stay away from them|(?:a )?\w* ?nightmare|scrap metal|crooks|criminals|thieves|cowboys|fly-by-night|vanish(?:es)?|disappear|ripping (?:\w+ )?off|fake charges|recall history|will say anything|freeze your account|half-baked|doesn't work|house of cards|crashes every time)\b/g,
    confidence: 0.8,
  },
];

const EXPLICIT_REFERENCE =
  /他们家|友商|竞品|竞争对手|别家|别人家|其他家|其他(?:厂家|厂商|公司|品牌|供应商)|同行|那家|那种|之前那家|(?:您)?现在这家|那个[\u4e00-\u9fa5]{1,4}(?:商|厂|公司)|经销商|某些(?:厂家|厂商|公司)|国外(?:品牌|厂商)|小厂|杂牌|\b(?:competitors?|the competition|the other (?:vendors?|guys|company|supplier|provider|brand)|other vendors)\b/;
// A Chinese name opening a clause and owning the criticised thing (海天的注塑机, 威高那些产品)
// is most often a company the glossary does not list yet.
const UNLISTED_NAME = /(?:^|[,，。!?；;])\s*([\u4e00-\u9fa5]{2,4}?)(?:的|那(?:些|批|个|家|边))/g;
const NOT_A_NAME =
  /^(?:我|我们|咱们|您|您们|你|你们|这|这个|这些|那|那个|那些|现在|之前|以前|目前|其实|说实话|老实说|坦白说|老款|新款|国产|进口|市面上|行业|公司|产品|设备|系统|客户|用户|这边|那边|今年|去年|明年|上次|当时|平时|一般|真|对|是|好|嗯|另外|所以|但是|不过|而且|还有|包括|主要|具体|整体|一期|二期|这种|那种|有些|很多|大部分|部分|所有|其他|别|自己|人家|我们家|您家|原厂|原装|厂家|官方|正品|国外|国内|欧美|日本|德国|美国|进口的|同类|传统|普通|便宜|贵)$/;
const PRONOUN_REFERENCE = /他们|她们|它们|\b(?:they|they're|their|them|those guys)\b/;

function unlistedName(sentence: string): string | null {
  UNLISTED_NAME.lastIndex = 0;
  for (let match = UNLISTED_NAME.exec(sentence); match !== null; match = UNLISTED_NAME.exec(sentence)) {
    const name = match[1] as string;
    if (!NOT_A_NAME.test(name) && !/^(?:[这那哪]|[一二三四五六七八九十\d])/.test(name) && !/[总经理主任老师]$/.test(name)) {
      return name;
    }
  }
  return null;
}

function judge(context: DetectionContext, turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  if (negationBefore(text, match.start) !== null || echoesCustomer(text, match.start)) {
    return null;
  }
  if (sourceInSentence(text, match.start) !== null) {
    return null;
  }

  // A reference in the same sentence is strongest; one elsewhere in the turn also counts.
  const sentence = sentenceAround(text, match.start);
  const sentenceText = text.slice(sentence.start, sentence.end);
  const named = findInSentence(context.glossary.competitors, text, match.start) ?? findInTurn(context.glossary.competitors, text);
  const explicit = EXPLICIT_REFERENCE.exec(sentenceText) ?? EXPLICIT_REFERENCE.exec(text);
  const pronoun = PRONOUN_REFERENCE.exec(sentenceText) ?? PRONOUN_REFERENCE.exec(text);
  const unlisted = unlistedName(sentenceText);
  const evidence = [triggerEvidence(turn, match)];
  if (named !== null) {
    evidence.push({ rule: 'names-competitor', detail: named });
    return { confidence: match.trigger.confidence + 0.1, evidence };
  }
  if (explicit !== null) {
    evidence.push({ rule: 'refers-to-competitor', detail: explicit[0] });
    return { confidence: match.trigger.confidence, evidence };
  }
  if (unlisted !== null) {
    evidence.push({ rule: 'unlisted-name', detail: unlisted });
    return { confidence: match.trigger.confidence - 0.15, evidence };
  }
  if (pronoun !== null) {
    // NOTE: a pronoun may point at the customer's own colleagues rather than a
    // competitor; the lower confidence reflects that this is not resolved.
    evidence.push({ rule: 'pronoun-reference', detail: pronoun[0] });
    return { confidence: match.trigger.confidence - 0.2, evidence };
  }
  return null;
}

/** Finds unsupported negative claims about competitors in rep turns. */
export function detectCompetitorDisparagement(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'competitor_disparagement', TRIGGERS, (turn, match) => judge(context, turn, match));
}
