/**
 * Detects `pressure_tactic`: artificial urgency or scarcity used to force a
 * decision (今天不签明天就涨价, 名额只剩最后2个, "this price expires at
 * midnight"). A real, stated deadline (a published price change, a notice, a
 * quote's validity date), a deadline the customer set, and reassurance
 * (不着急, "no rush") are not pressure.
 */

import type { Finding } from '../domain/pitfalls.js';
import { sentenceAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { echoesCustomer, negationBefore } from './scope.js';

// Artificial urgency in general form: a near deadline and a loss tied to it, in either order.
const NEAR_DEADLINE =
  '(?:今天|今儿(?:个)?|今日|今晚|明天|明早|听日|这周|本周|周末|这个?月底?|本月底?|月底|下班前|这两天|这几天|这个?礼拜|下(?:个)?月|下(?:周|礼拜)[一二三四五六日\\d]?|年底|年前|过几天|\\d+点(?:前|之前|以前)|24小时|48小时|\\b(?:today|tonight|tomorrow|this week|this weekend|end of (?:the )?(?:day|week|month|quarter)|friday|monday|midnight|within \\d+ hours|by \\d+)\\b)';
const LOSS =
  "(?:涨价|上调|调价|提价|加价|raise ?价|不是这个(?:数|价|条件)|(?:就)?不做了|(?:就)?(?:难说|不好说|不一定)了|收紧|来不及|赶不上|保不齐|(?:只能|就得|就要)等|等到(?:明年|年后)|给(?:下(?:一|1)个|别的|其他|别家)|恢复原价|原价|没有了|没了|取消|作废|失效|收回|撤回|给别人|让给|放出去|排到(?:下|明年|年后|\\d+月|月底|年底)|排不上|等到明年|不是这个价|拿不到|享受不到|不保留|\\b(?:price|rate|cost|offer|deal|discount|spot|slot|promo(?:tion)?)s? (?:will |is going to |are going to )?(?:go(?:es)? up|rises?|increases?|expires?|disappears?|goes away|be gone|ends?|lapses?|be released|be withdrawn|go(?:es)? to someone else)\\b|\\b(?:lose|miss|forfeit) (?:the|this|your|that) (?:discount|price|spot|slot|deal|offer|rate|pricing)\\b|\\bback to (?:full|list|the regular|normal|standard) (?:price|pricing|rate)\\b|\\bcan't hold (?:it|the price|this|that)\\b)";

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'deadline-with-loss',
    pattern: new RegExp(`${NEAR_DEADLINE}[^。!?.]{0,24}?${LOSS}|${LOSS}[^。!?.]{0,16}?(?:过了|after|past|by|until|after)\\s?${NEAR_DEADLINE}`, 'g'),
    confidence: 0.7,
  },
  {
    rule: 'scarcity',
    pattern:
      /(?:最后|仅剩|还剩|只剩)(?:最后)?\d+(?:个|台|套|件|家|位|批|辆|间|组)(?!问题|事|点|环节|部分|步|页|小时|分钟)|快(?:要)?(?:没了|卖完了?|满了|抢光了?|订满了?)|(?:其他|别的|好几个|好多|很多)(?:客户|公司|学校|医院|工厂|家)(?:也)?(?:都)?在(?:问|抢|等|谈|排队|订)|\b(?:selling|going|filling up) (?:out )?fast\b|\balmost (?:gone|full|sold out|booked(?: up)?)\b|\bselling out\b|\bsells? out (?:fast|quickly|soon|every (?:year|season|month))\b|\bin (?:very )?high demand\b|\bfirst come,? first served\b/g,
    confidence: 0.7,
  },
  {
    rule: 'push-to-decide',
    pattern:
      /(?:今天|现在|马上|当场|这会儿)(?:就)?(?:把(?:合同|单子|订单))?(?:签|定|拍板|下单|付定金)(?:了吧|下来吧|吧)|会后悔|错过(?:了)?(?:就|可)?(?:没|可惜)|趁(?:着)?(?:现在|还有)|\b(?:don'?t|do not) (?:wait|miss (?:out|this))\b|(?:要|得)(?:快点|抓紧)|\byou'll regret\b|\bbefore it's too late\b|\bwhat are you waiting for\b|\b(?:you'd|you would) be (?:crazy|foolish|mad) (?:to|not to)\b/g,
    confidence: 0.7,
  },
  {
    rule: 'deadline-threat',
    pattern:
      /(?:今天|今晚|现在|这周|本周)(?:不|没|还不)(?:签|定|下单|付款|确定|决定)[^。!?]{0,12}(?:涨价|就没|没有了|没了|恢复原价|取消|作废|失效|不保证|不一定)|(?:过了|错过)(?:今天|今晚|这周|本周|这个月|这次|这个村|这(?:两|几)天|\d+点)[^。!?]{0,8}(?:没有|没了|涨|恢复原价|不再|再也|失效|等|放给|不行)|也就这(?:两|几)天了?|(?:只)?(?:给您|给你)?保留到(?:今天|今晚|明天|\d+点)|放给别的客户|(?:马上|明天|下周|下个?月|很快|月底)(?:就)?(?:要)?涨价|今晚[^,，。]{0,6}(?:截止|结束|失效|到期)|今天(?:下单|签约|签|定)(?:才|就)?(?:有|能|享受)|仅限今天|(?<!有)限时(?:优惠|特价|折扣)?/g,
    confidence: 0.8,
  },
  {
    rule: 'scarcity',
    pattern:
      /(?:只|就)剩(?:下)?(?:最后)?\d*(?:-\d+)?(?:个|家|台|套|位)?(?:名额|席位|库存|位置|机会|套|台)?|(?:只|仅)(?:有)(?:最后)?\d+(?:-\d+)?(?:个|家|台|套|位)?(?:名额|席位|库存|位置)|名额(?:有限|不多了?|快满|紧张|就剩)|库存(?:不多|紧张|有限)|最后(?:[一1]天|\d+天|[一1]次机会|的机会|[一1]批)|(?:别人|其他客户|别家)(?:都)?(?:在抢|抢着|等着要|已经定了)|(?:又|还|好几)(?:有)?\d*家在(?:问|谈|抢|看)|手慢无|过时不候/g,
    confidence: 0.75,
  },
  {
    rule: 'deadline-threat',
    pattern:
      /(?:只到|只限|仅限|截止到?|就到|只给到?)(?:这个|这|本)?(?:月底|周末|周[一二三四五六日]|礼拜|今天|明天|前\d+(?:名|家|个))|(?:过了|错过|过)(?:这个?|本)?(?:月|周|礼拜|两天|几天)[^,，。]{0,8}(?:就)?(?:没|不行|排不上|涨|恢复|结束)|(?:明天|下周|下个月|过两天)[^,，。]{0,10}(?:就)?(?:没了|没有了|更贵|更高|调走|调到别|给别人)|(?:今天|这周|这个?礼拜)不(?:定|签)|活动[^,，。]{0,6}(?:就)?结束|\b(?:only )?(?:on the table|valid|good|available) (?:only )?until\b|\bafter that,? (?:i can't|it's|the price|you won't|you'll)\b|\b(?:you need to|you have to|must) decide by\b|\bonly until the end of\b|\bfull after that\b|\bwon't get a spot\b/g,
    confidence: 0.75,
  },
  {
    rule: 'scarcity',
    pattern: /(?:这个|这批|这款|名额|位置|档期|时段)[^,，。]{0,4}(?:特别|很|非常)抢手|(?:好几|几|\d+)家[^,，。]{0,6}(?:都)?在(?:问|抢|谈|看)|别人(?:已经)?在交定金|库存(?:也)?不多了|名额只有\d+|已经(?:报|签)了\d+(?:个|家)/g,
    confidence: 0.7,
  },
  {
    rule: 'push-to-decide',
    pattern: /(?:赶紧|抓紧|赶快)(?:时间)?(?:定|签|下单|决定|拍板)(?:吧|了)?|(?:要|得)抓紧|再不(?:定|签|下单|决定|报|买)(?:就)?|机不可失|别(?:再)?犹豫(?:了)?/g,
    confidence: 0.75,
  },
  {
    rule: 'deadline-threat',
    pattern:
      /\b(?:only|just) (?:good|valid|available) (?:until|till|through) (?:tonight|today|midnight|the end of (?:today|the day|this week))|\bexpires? (?:tonight|today|at midnight|at the end of (?:today|the day))|\b(?:tonight|today) only\b|\b(?:price|prices|pricing) (?:goes|go|will go|is going) up\b|\bgoes up by\b|\bif you don't sign (?:today|now|by|this|before)\b|\bpulling (?:all )?the discounts\b|\bwon't be (?:around|available) (?:after|tomorrow|next)\b|\bthis pricing will (?:still )?be around\b|\blimited[- ]time\b|\b(?:rates|prices?|premiums?) (?:are|is) going up\b|\bif you don't (?:place|sign|order|decide|commit|book|confirm)\b|\b(?:if|the longer) you wait\b|\bfor (?:a few|\d+) more days\b|\bwill (?:definitely )?be more expensive\b|\bgone for good\b|\bafter that,? it's gone\b/g,
    confidence: 0.8,
  },
  {
    rule: 'scarcity',
    pattern:
      /\b(?:only|just|maybe) (?:have |got )?\d+ (?:\w+ ){0,2}(?:slots?|spots?|seats?|units?|licen[cs]es?|places?|openings?)? ?left\b|\bwill be gone\b|\b(?:\d+ )?other \w+ (?:are|is) looking at\b|\bonce they're gone\b|\b(?:last|final) chance\b|\bwon't last\b|\bbefore (?:someone else|somebody else|another \w+) (?:grabs|takes|snaps)\b/g,
    confidence: 0.75,
  },
  {
    rule: 'push-to-decide',
    pattern: /\b(?:sign|decide|commit) (?:today|now|right now|tonight)\b|\bact (?:now|fast)\b|\bnow or never\b/g,
    confidence: 0.7,
  },
  {
    rule: 'deadline-threat',
    pattern:
      /(?:今天|今儿|今日|今晚|现在|这两天|这几天|这周|本周|这个?礼拜|这个月|月底前|明天)(?:之内|以内|前)?[^,，。]{0,6}?(?:要是|如果|再|还)?(?:不|没|唔)(?:定|签|拿主意|决定|下单|买|订|付款|交定金|确认|表态|俾)[^。!?]{0,24}?(?:贵|翻倍|(?:两|2)倍|只能|就得|就要|就没|就不|没有了|没了|涨|不保证|保不齐|难说|给别人|给下(?:一|1)|排到|来不及|赶不上|不敢保证|保证不了|不是这个|raise|加价)|(?:只|就|最多)?\s?(?:hold|留|保留|压|锁)\s?(?:住)?(?:到|至)(?:今天|今晚|今日|明天|\d+点|周[一二三四五六日\d]|这周|本周|下班|月底)|(?:今晚|今天|今日)[^,，。]{0,12}(?:我就|才)(?:帮(?:你|您)|给(?:你|您)|能)?\s?(?:hold|留|保留|压|锁)|(?<!(?:上次|去年|之前|以前|当时)[^,，。]{0,6}|错)(?:错过|过了)(?:了)?(?:这(?:一|1)?(?:次|个|期|拨儿?|批|轮))?[^。!?]{0,12}?(?:就)?(?:得|要|只能)(?:再)?(?:等|排队|排到)|(?:过了|错过)(?:这(?:一|1)?(?:拨儿?|批|轮|期)|这次活动)|说(撤|关|停|涨|没)就\1|随时(?:可能|会)?(?:撤|停|取消|结束|收回)|(?:没法|不能|没办法)(?:再)?(?:帮|给|替)(?:您|你)(?:压|留|hold|保)|(?:压|留|hold|保)不住了|(?:撑|挺|留|保|等)不(?:过|到)(?:今天|明天|这周|本周|这个?礼拜|月底|下周|下个?月)|被(?:别人|人|别家|隔壁|同行|其他[^,，。]{0,4}|[^,，。]{0,6}(?:那家|客户|公司))(?:给)?(?:抢|订|买|拿|签|定)走|(?:再|还)犹豫(?:的话)?[^,，。]{0,3}(?:就|可就)/g,
    confidence: 0.75,
  },
  {
    rule: 'scarcity',
    pattern:
      /(?:只|就|仅)(?:放|开|批|留)(?:给)?(?:出)?(?:了)?\d+(?:个|家|套|台|位|组|间)|(?:又|还|已经|另外)有\d+(?:组|个|家|位|拨|批)[^,，。]{0,10}?(?:来看|在看|\s?在问|来问|来谈|看过|问过|在谈|在抢|要订|交定金)|(?:好几|好多|很多|几)(?:个|组|拨|位|家)(?:人|客户|买家|客人)?(?:都)?在(?:看|问|谈|抢|等)|(?:已经|又)有(?:人|别人|别家|其他[^,，。]{0,4})\s?在(?:问|谈|看|抢|订)|(?:已经|又)有(?:人|别人|别家)(?:交了?定金|订了|下单了)|(?:不然|否则|要不然)(?:就|真的|可能|的话)?(?:没(?:有)?了|就没|被(?:人|别人)(?:订|抢|买|拿)走|排不上|涨价|来不及)|\b(?:stock|inventory|supply|availability|capacity|slots?|spots?|places?|quota) (?:is |are )?(?:running|getting) (?:thin|low|short|tight)\b|\bnothing (?:left|available) (?:after|by)\b|\bbefore (?:they're|it's|they are|it is|those are) (?:all )?(?:gone|taken|booked|full)\b|\bonce they're booked\b|\bonly (?:takes?|has|have|accepts?) (?:on )?so many\b|\bonly (?:got |have )?(?:one|a few|few|a couple of|\d+) (?:\w+ ){0,2}(?:slots?|spots?|seats?|units?|places?|openings?) left\b|\b(?:quota|slots?|spots?|places?|stock) (?:is |are )?(?:very |quite |extremely |really )?limited\b/g,
    confidence: 0.75,
  },
  {
    rule: 'deadline-threat',
    pattern:
      /\b(?:prices?|pricing|rates?|fees?|premiums?|costs?|licen[cs]es|our \w+)(?: \w+)? (?:are|is|will be) going up (?:by|from|on|next)\b|\block (?:it |this |that |the price |the rate )?in (?:with us )?(?:this week|today|tonight|now|before)\b|\bif i don't (?:have|get|hear|receive) (?:\w+ ){0,3}(?:by|before) (?:tonight|today|tomorrow|midnight|friday|monday|the end of)\b|\b(?:goes|go|will go|passes|is released|gets released) to (?:the )?(?:next|another|other) (?:company|customer|client|buyer|bidder)|\bto the next (?:one|person|company|customer|client|buyer) in line\b|\bgrab (?:a|your|the|one) (?:spot|slot|place|unit)\b|\byou(?: had|'d)? better (?:decide|sign|hurry|book|confirm|act|not wait|dont wait|don't wait)\b|\byou(?: had|'d)? better let me know (?:by|before|today|tonight|now)\b|\bone[- ]time (?:offer|deal|price|discount)\b|\bonce (?:you|we) hang up\b|\bonly (?:keep|hold)(?:ing)? (?:this|the|that|your) (?:\w+ )?(?:rate|price|offer|deal|discount|slot|spot|quote)(?: open)? (?:until|till|through|for)\b|\b(?:offer|deal|price|rate|discount|promo(?:tion)?|slot|spot)s? (?:won'?t|will not|isn'?t going to) (?:be (?:there|around|available)|last|hold)\b|\bonly (?:take|accept|sign|allow|have room for) (?:one|\d+) (?:per|a|each|customer|client|partner)\b|\bif (?:we|i) don'?t (?:get|have|receive|see) (?:the |your |a )?(?:po|order|signature|deposit|contract|payment|go-ahead)\b[^.!?]{0,40}\b(?:slips?|lose|gone|next (?:quarter|month|year)|someone else)\b|\bprice (?:increase|rise|hike)s? (?:is |are )?(?:soon|coming|next)\b|\bnow(?:'s| is) the time to (?:buy|sign|order|lock|commit)\b/g,
    confidence: 0.75,
  },
];

// A deadline backed by a published notice or document is real, not pressure.
const REAL_DEADLINE =
  /公告|通知|发布|官网|官方|公众号|官微|正式(?:调价|通知)|文件|报价单|有效期(?:至|到)|\b(?:published|announced|announcement|official|effective|on (?:the|our|their) website|price list|per the quote|valid until|newsletter|press release)\b/;
const CUSTOMER_DEADLINE = /(?<![跟和给对向])(?:您|你)(?:说|提到|那边要求)(?!实话|一下)|按您的|\b(?:as you mentioned|you said|your deadline|you mentioned)\b/;
const REASSURANCE = /(?<!(?:之前|以前|本来|原来)(?:是|系)?)(?:不(?:用|必)?着急|不急|不(?:用|必)?赶时间|不用赶)|慢慢(?:看|挑|比较)|\b(?:no hurry|whenever you're ready|at your own pace)\b|慢慢(?:考虑|来)|\b(?:no rush|no pressure|take your time)\b/;

const PAST_TIME = /上(?:个)?月|上(?:周|礼拜|星期)|去年|上次|昨天|\b(?:last (?:week|month|year)|yesterday)\b/;
const DEAL_WORD =
  /价|优惠|折|名额|活动|库存|货|位置|档期|机会|套餐|条件|签|定|订|下单|买|投|核保|保单|合同|方案|报名|数|hold|slot|\b(?:offers?|price|pricing|deal|discount|slots?|spots?|rates?|promo(?:tion)?|stock|units?|sign|order|book|decide|commit|deposit)\b/;
// Cantonese 我同你讲 ("let me tell you") opens the rep's own point; it does not quote the customer.
const TELL_YOU = /同(?:你|您)(?:讲|说)/g;

function judge(turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  const sentence = sentenceAround(text, match.start);
  const sentenceText = text.slice(sentence.start, sentence.end);
  // The source may follow in the next sentence ("prices go up in January; the new list is on our website").
  const withNext = text.slice(sentence.start, sentenceAround(text, Math.min(text.length - 1, sentence.end + 1)).end);
  if (REAL_DEADLINE.test(withNext) || CUSTOMER_DEADLINE.test(sentenceText) || REASSURANCE.test(sentenceText)) {
    return null;
  }
  // In 现在不买会后悔 the negation is the missed purchase that the threat is about.
  const missedPurchase = /不(?:买|签|定|下单|抓紧|下手)[^,，。]{0,4}$/.test(text.slice(Math.max(0, match.start - 8), match.start));
  if (match.trigger.rule !== 'deadline-threat' && !missedPurchase && negationBefore(text, match.start) !== null) {
    return null;
  }
  // 买了你会后悔 warns against buying something else; only not buying now (不买会后悔) presses the deal.
  if (match.phrase.startsWith('会后悔') && /(?<!不|没)(?:买|用|选|装)了[^,，。]{0,6}$/.test(text.slice(Math.max(0, match.start - 10), match.start))) {
    return null;
  }
  // A deadline that has passed (活动上个月就结束了) puts no pressure on the customer.
  if (PAST_TIME.test(match.phrase)) {
    return null;
  }
  // A dated loss must be about the deal (下个月的培训取消了 is news, not pressure).
  if (match.trigger.rule === 'deadline-with-loss' && !DEAL_WORD.test(sentenceText)) {
    return null;
  }
  if (echoesCustomer(text.replace(TELL_YOU, (phrase) => ' '.repeat(phrase.length)), match.start)) {
    return null;
  }
  return { confidence: match.trigger.confidence, evidence: [triggerEvidence(turn, match)] };
}

/** Finds artificial urgency and scarcity in rep turns. */
export function detectPressureTactic(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'pressure_tactic', TRIGGERS, judge);
}
