/**
 * Detects `absolute_claim`: superlatives and absolutes of the kind China's
 * Advertising Law (article 9) forbids and nobody can verify (最好, 第一, 唯一,
 * 全网最低, 顶级, "the best on the market", "number one"). A claim with a cited
 * source in its sentence ("ranked first in the 2025 IDC report"), a negated
 * one ("I won't tell you we're the best"), a question, an aim (争取做到行业领先)
 * and non-claim uses (您最好先确认, 第一次, 唯一的问题是, 三个套餐里最便宜的,
 * "the best way to") are skipped.
 */

import type { Finding } from '../domain/pitfalls.js';
import { clauseAround, sentenceAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { echoesCustomerSpeech, findInSentence, inQuestion, negatedInSpokenClause, sourceInSentence } from './scope.js';

const SUPERLATIVE_ZH =
  '最(?:好用|好|强|优秀|优|佳|先进|专业|便宜|低价|实惠|划算|靠谱|稳定|安全|可靠|全面|权威|受欢迎|领先|顶级|牛|快|高效|完美|成熟|大|低|高|全)';

const TRIGGERS: readonly PhraseTrigger[] = [
  { rule: 'superlative', pattern: new RegExp(SUPERLATIVE_ZH, 'g'), confidence: 0.8 },
  {
    rule: 'scoped-superlative',
    pattern: /(?:全市|全省|全国|全球|行业|市场|业内|国内|亚洲|世界|全网|同行|本地|地区)(?:内|里|中)?(?:[^,，。!?]{0,6}最[\u4e00-\u9fa5]{1,3}|领先)/g,
    confidence: 0.8,
  },
  {
    rule: 'scoped-superlative',
    pattern: /全\s?[a-z]{3,}(?: [a-z]{3,})?\s?(?:最|第1|独一)|整个[^,，。!?]{1,8}(?:里面?|内|中)?[^,，。!?]{0,4}(?:最[\u4e00-\u9fa5]{1,3}|第1|独一|天花板|找不)/g,
    confidence: 0.8,
  },
  {
    rule: 'number-one',
    pattern:
      /(?:行业|全国|全球|国内|世界|亚洲|全网|业内|市场|同行|同类|领域|销量|排名|占有率|口碑)[^,，。!?]{0,6}第1(?!次|步|期|批|阶段|季度|年|个月|月|天|周|轮|条|点|时间|个|件|位|项|章|部分|单|页)|第1(?:品牌|名|大(?:品牌|厂商|供应商|厂家)?)|是第1(?=$|[,，。.!?的])/g,
    confidence: 0.85,
  },
  {
    // A market metric ranked first: 装机量排第一, 销量最高, 份额最大.
    rule: 'number-one',
    pattern: /(?:装机量|销量|份额|出货量|市占率|占有率|用户量|用户数|客户数|口碑)[^,，。!?]{0,4}?(?:排)?(?:第1(?!次|步|期|批|季度)|最高|最大|最多|最好|领先)/g,
    confidence: 0.8,
  },
  {
    rule: 'only-one',
    pattern:
      /唯一(?!的?(?:问题|顾虑|区别|要求|条件|办法|方法|缺点|风险|变化|不同|差别|担心|麻烦|成本|限制|需要|联系人|途径|渠道))|独一无二|只有(?:我们|咱们|我们家|咱家)(?:[一1]家|这[一1]家)(?![^,，。]{0,8}的话)|只有(?:我们|咱们|我们家|咱家)(?:能|可以)(?:做到|做得到|做出来)/g,
    confidence: 0.8,
  },
  {
    rule: 'absolute-word',
    pattern: /全网最|顶级|顶尖|(?<![在装到往吊]\s?)天花板(?!上|里|下|内|高|灯|吊)|天下第一|无敌|独家垄断|国家级|世界级|极致|绝无仅有|史无前例|无与伦比|遥遥领先|王牌|万能|完美无缺|100%好评|最高级|冠军|领导品牌|领军(?:品牌|企业)|无人能及|没人能比|独[一1]份|独[一1]家|(?:国内|全国|行业|全球|业内|全网|亚洲|世界|全省|全市)(?:首家|首款|首个|首创|独家)|首选品牌|头把交椅|数一数二|首屈一指|无出其右|独占鳌头|(?:国内|国际|世界|行业|业内|全国)一流|(?:行业|业内|市场)(?:龙头|老大|标杆)|绝对的?(?:老大|第1|领先|龙头|霸主|王者)|(?:行业|业内|市场|领域|圈子?)(?:里|内)?[^,，。]{0,8}(?:老大|霸主|一哥)|没(?:有)?(?:竞争)?对手|没人敢(?:认|称|说|当)第1|(?:碾压|吊打|秒杀)(?:同行|对手|竞品|别家|所有|一切|全场)|甩(?:同行|别家|对手|他们)[^,，。]{0,4}条街/g,
    confidence: 0.8,
  },
  {
    rule: 'nobody-better',
    pattern: /(?:没有|没|冇)(?:任何)?(?:[一1]家|谁家?|人|哪家|哪个|别家|其他家|第二家|竞品|厂商|对手)[^,，。]{0,4}?(?:能|可以)?(?:比得上|比得过|做得到|能做到|做到|超过|赶得上|比我们|比得了|敢跟我们比|(?:跟|和)(?:我们|咱们?)比)|找不(?:到|着|出)(?:第二|第2|另[一1]|另外[一1]|比(?:我们|咱|这|它|这个|这款|这家)|更好|更便宜|更实惠|[一1]家比)|(?:找|挑|翻)遍[^,，。]{0,8}(?:也|都)(?:找不|没有)|(?:别人|别家|其他家|谁家|同行|其他人)(?:谁)?(?:也|都|根本)?(?:比不了|比不上|比不过|没法比|赶不上|做不到|做不出来|都没有|根本没有|没有能)|没得比|比(?:市面上|市场上|行业里|业内|同行)?(?:的)?(?:任何|所有)(?:[一1]家|别家|同行|厂家|品牌|产品|对手|人)?都(?:高|好|强|快|低|便宜|稳定|先进|靠谱|专业)/g,
    confidence: 0.8,
  },
  {
    rule: 'superlative',
    pattern:
      /\b(?:the |our )?(?:best|most (?!of\b)\w+|fastest|cheapest|lowest|highest|biggest|largest|longest|strongest|safest|smartest|easiest|quickest|greatest|finest|leading|top)\b[^,.;!?]{0,30}?\b(?:on the market|in the (?:whole |entire )?(?:market|industry|world|country|business|sector|field|region)|anywhere|out there|bar none|period|of (?:anyone|all)|in (?:china|asia|town)|on the planet|in the world|of any \w+(?: \w+)?|ever (?:made|built|sold))\b|\bbest[- ](?:in|on)[- ](?:the )?(?:market|class|industry|world)\b/g,
    confidence: 0.8,
  },
  {
    rule: 'superlative',
    pattern:
      /(?:\b(?:we're|we are|it's|it is|this is|ours is|that's) |是\s?)(?:simply |just |by far |easily |literally |really |honestly |actually |truly )?(?:the best|the cheapest|the fastest|the most \w+|the lowest price|the leader|(?:the )?number one|no\.? ?1|#1|the only (?:\w+ ){0,2}(?:one|vendor|company|supplier|provider|product|solution|platform|system|tool|firm|brand|agency|plan|service|team)s?)\b/g,
    confidence: 0.8,
  },
  {
    rule: 'nobody-better',
    pattern:
      /\b(?:nobody|no one|nothing(?: else| on earth| out there)?|no other (?:vendor|company|supplier|provider|product)|none of (?:them|the others)) (?:even )?(?:comes close|come close|beats (?:us|them|it|this|ours)|can beat|can match|can touch|does it better|is better|compares)\b|\b(?:outlasts?|outperforms?|beats) (?:anything|anyone|everything|everyone|every other \w+)(?: else)?(?: on the market| out there)?\b|\b(?:the |our )?(?!lat|hon|inter|requ|sugg|inv|for|gu|mod|dish|con|pro|harv|dig|manif|arr|att)[a-z]{3,}est (?:\w+ )?(?:ever (?:made|built|sold)|you can (?:buy|get|find)(?: anywhere)?|on the (?:market|planet)|in the world|bar none|in (?:the )?(?:whole |entire )?(?:development|city|town|area|estate|building|country|state|region|province|market|industry|segment|space|category|district|neighbou?rhood|price range|class))\b|\b(?:unbeatable|unmatched|unrivall?ed|second to none|world[- ]class|industry[- ]leading|market[- ]leading|top[- ]notch)\b|\blowest price (?:anywhere|guaranteed|on the market|in town)\b|\bthere's no comparison\b|\b(?:unparalleled|peerless|unsurpassed|unequall?ed|without equal|the first and only|the one and only|the ultimate (?:\w+ )?(?:solution|platform|product|choice))\b|\bthere (?:isn't|is not|is no|'s no|are no|aren't any) (?:a )?(?:better|cheaper|faster|more \w+) (?:\w+ )?(?:on the market|out there|anywhere|around|in the (?:industry|market|world|country))\b|\b(?:nobody|no one)(?: else)?(?: in (?:the|this) \w+)? (?:does|makes|builds|delivers|handles|offers) (?:\w+ ){0,3}(?:like we do|like us|as well as (?:we do|us)|better than (?:we do|us))\b|\b(?:the )?(?:clear|undisputed|unquestioned|absolute|outright) (?:market |industry )?(?:leader|number one|no\.? ?1|#1|best)\b|\b(?:the|a) market leader\b|\bgold standard\b|\b(?:everyone|everybody) else is (?:playing catch-?up|behind|copying us)\b|\bin a league of (?:our|its) own\b|\bhands down the best\b|\bthe best\b[^,.;!?]{0,30}?,? (?:hands down|full stop)\b|\bnothing (?:better|cheaper|faster|like (?:it|this|ours)) (?:out there|on the market|anywhere|around)\b|\b(?:nobody|no one|no (?:competitor|rival)s?|no other (?:\w+ )?(?:vendor|company|supplier|provider|product|brand|firm|platform|agency|insurer|bank)s?)(?: else)?(?: (?:anywhere|around|out there|on the market|in (?:this|the|your) (?:\w+ ){0,2}\w+|in [a-z]+))? (?:even |really |honestly )?(?:touches|can touch|comes close|comes? (?:anywhere )?near|can do (?:that|this|it|what we do)|can offer (?:this|that|the same)|can match|can beat|beats (?:us|our|this|that)|charges (?:less|lower)|offers (?:this|that|the same|what we)|has (?:this|that|anything like)|got (?:this|that|anything like)|is (?:better|cheaper|faster))\b|\b(?:you )?(?:won't|wont|will not|can't|cannot|couldn't|will never|never) find (?:another|a better|a cheaper|anything (?:better|cheaper|like (?:it|this|ours))|anyone (?:better|cheaper)|better|cheaper|a \w+ (?:better|cheaper|like (?:it|this|ours)))\b/g,
    confidence: 0.8,
  },
];

// 最好 before a verb is "had better" (您最好先确认); 最低/最快/最多 before a
// number or a time is a bound (最快下周交付, 最低8折), not a claim.
const MODAL_BEST = /^最好(?:先|还是|能|是|别|不要|提前|尽快|在|跟|和|给|把|让|请|您|你|我们|安排|确认|考虑|准备|看|带|有|今天|明天|本周|下周|这[两2]天|这周|早|马上|赶紧|立刻|现在|就)|^最好(?:了|啦|呢|不过)?\s*(?:$|[,，。.!?;；])/;
const BOUND_AFTER = /^最(?:低|高|快|大|全|小|长|多)(?:可以|能|也|只|要|的话|是|需要)?[\u4e00-\u9fa5]{0,5}?(?:\d|[一二两三四五六七八九十]|今天|明天|下周|本周|周|月底|年底|当天|当日|次日|隔天)/;
const NON_CLAIM_NOUN_AFTER =
  /^最(?:低|高|大)(?:的)?(?:要求|配置|标准|限度|起订|温度|门槛|条件|一档|档|级|问题|顾虑|风险|挑战|难点|痛点|区别|不同|担心|压力|需求|消费|优势|特点|亮点|卖点)|^最好(?:的)?(?:办法|方式|方法|时机|时间)|^最优(?:的)?[\u4e00-\u9fa5]{0,2}(?:路线|路径|排线|排班|方案|解|组合|调度|配比|参数|策略)|^最(?:低|高|便宜|贵|快|好|少|多)(?:的)?那(?:家|个|款|种|一)/;
const ONE_OF = /^[^,，。!?]{0,12}之一/;
// 我们今年卖得最好的一款 ranks the rep's own range unless the sentence names the market.
const OWN_RANGE_AFTER = /^最[^,，。!?]{1,4}?的[1一](?:款|个|种|套|台)/;
const MARKET_SCOPE = /市面|市场|行业|业内|全国|全网|全球|同类|同行|\b(?:market|industry)\b/;
// 争取做到行业领先 states an aim, not a claim.
const ASPIRATION_BEFORE = /争取|力争|目标是|希望|努力|致力于|想要|要做到|\b(?:aim|aims|aiming|strive|striving|hope|want) to\b/;

// A superlative in a sentence about a counted set (三个套餐里最便宜的, 三家里算中等但价格最低)
// ranks options and claims nothing about the market.
const COUNTED_SET_BEFORE = /(?<![0-9])(?:[2-9]|几|两)(?:个|款|种|家|套|档|项|份|版|类)[^,，。!?]{0,6}(?:里|中|之中|当中)/;
// A superlative after a metric (利用率最高) states an optimisation goal, not a claim.
const METRIC_BEFORE = /[率量度值]$/;
// A superlative about someone else's goods (他们的食材是最便宜的摊位拉的) is not the rep's claim.
const THIRD_PARTY_BEFORE = /他们|那家|别家|\b(?:they|their|them)\b/;

function isNonClaimSuperlative(text: string, match: TriggerMatch): boolean {
  const rest = text.slice(match.start, match.start + 12);
  if (METRIC_BEFORE.test(text.slice(Math.max(0, match.start - 1), match.start))) {
    return true;
  }
  const clause = clauseAround(text, match.start);
  if (THIRD_PARTY_BEFORE.test(text.slice(clause.start, match.start))) {
    return true;
  }
  const sentence = sentenceAround(text, match.start);
  if (COUNTED_SET_BEFORE.test(text.slice(sentence.start, match.start))) {
    return true;
  }
  if (OWN_RANGE_AFTER.test(rest) && !MARKET_SCOPE.test(text.slice(sentence.start, sentence.end))) {
    return true;
  }
  if (MODAL_BEST.test(rest) || BOUND_AFTER.test(rest) || NON_CLAIM_NOUN_AFTER.test(rest)) {
    return true;
  }
  // NOTE: "one of the best" (最好的之一) is treated as a softened claim and skipped;
  // the labelled corpus has no such case yet to confirm the choice.
  return ONE_OF.test(text.slice(match.end, match.end + 16));
}

function judge(context: DetectionContext, turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  if (match.trigger.rule === 'superlative' && isNonClaimSuperlative(text, match)) {
    return null;
  }
  if (negatedInSpokenClause(text, match.start) || inQuestion(text, match.start) || echoesCustomerSpeech(text, match.start)) {
    return null;
  }
  if (sourceInSentence(text, match.start) !== null) {
    return null;
  }
  const clause = clauseAround(text, match.start);
  if (ASPIRATION_BEFORE.test(text.slice(clause.start, match.start))) {
    return null;
  }

  const evidence = [triggerEvidence(turn, match)];
  let confidence = match.trigger.confidence;
  const product = findInSentence(context.glossary.products, text, match.start);
  if (product !== null) {
    evidence.push({ rule: 'names-own-product', detail: product });
    confidence += 0.1;
  }
  return { confidence, evidence };
}

/** Finds unverifiable superlative and absolute claims in rep turns. */
export function detectAbsoluteClaim(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'absolute_claim', TRIGGERS, (turn, match) => judge(context, turn, match));
}
