/**
 * Detects `competitor_disparagement`: an unsupported negative claim about a
 * named or implied competitor (他们家设备就是垃圾, "they're about to go
 * bankrupt"). The claim must share a sentence with a competitor reference: a
 * glossary name, a word such as 友商 or "competitor", a third-person
 * pronoun, or a supplier name that the customer's previous turn brought up.
 * A sourced comparison, a negated claim (他们家也不差) and a repeat
 * of the customer's words are skipped.
 */

import type { Finding } from '../domain/pitfalls.js';
import { sentenceAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { echoesCustomerSpeech, findInSentence, findInTurn, negatedInSpokenClause, sourceInSentence } from './scope.js';

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'negative-claim',
    pattern:
      /垃圾|很烂|太烂|烂透|差劲|坑人|坑爹|骗子|骗人|忽悠|(?:要|快|马上)?倒闭|破产|不靠谱|偷工减料|山寨|抄袭|翻车|跑路|黑心|不专业|不正规|一塌糊涂|资质不全|没有资质|(?:经常|动不动就)(?:出问题|坏|宕机|掉线|出故障)|三天两头(?:坏|出问题|宕机)?|一堆(?:问题|毛病|bug)|用不了多久|谁用谁后悔|出了名的[^,，。]{0,2}(?:差|烂|慢|坑|不行|难用|不稳)|虚标|换个?壳|不新鲜|假的|假货|别信|找不到人|连[^,，。]{1,6}都找不到|没人接|抄(?:我们|的)|照着我们|便宜货|玩具|翻新|以次充好|人品不行|坑过|快被收购|起皮|乱七八糟|参差不齐|投诉一大堆|压着不让说|(?:早就|早)?该淘汰|马赛克|资金链(?:早就|已经)?断|撑不(?:过去|下去|住)|漏油|(?:质量|售后|服务|技术|产品|设备|机器)(?:也)?(?:很|太|特别|非常)?(?:差|烂|不行)|(?:有|存在)(?:严重的?)?(?:漏洞|后门|安全隐患)|没人用|水平(?:很|太)?(?:差|低)/g,
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
  {
    // Outdated or abandoned: 老掉牙, 上一代的东西, 十年前的架子, 没人维护.
    rule: 'negative-claim',
    pattern:
      /老掉牙|过时了|落伍|上[一1]代的?(?:东西|产品|技术|系统)|(?:[0-9]+|十几|几十|好几)年前的(?:架子|技术|东西|technology|界面|系统|设计|老?版本)|跟(?:[0-9]+|十几|好几)年前[^,，。]{0,2}(?:一样|没变|差不多)|没(?:有)?人[^,，。]{0,3}(?:维护|更新|管了)|(?:好几|[0-9]+)年(?:都)?没(?:有)?(?:更新|升级)|\b(?:outdated|ancient|stone[- ]age|legacy junk|years behind|a decade behind|abandonware|stopped updating)\b/g,
    confidence: 0.75,
  },
  {
    // Breaks down, wastes resources or is unsafe: 散架, 异响, 吃资源, 天天漏气, catch fire.
    rule: 'negative-claim',
    pattern:
      /散架|拼凑|贴牌|异响|吃资源|特别吃(?:内存|cpu)|卡得(?:没法用|要命|不行|动不了)|(?:天天|老是|总是|隔三差五)(?:漏|坏|出问题|死机|宕机|掉线|出故障|报错)|漏气|(?:毛病|问题|bug)[^,，。]{0,2}(?:一大堆|多得很|多得是|不断)|毛病(?:特别|很|太)?多|用(?:[0-9两几]+|没)(?:个)?(?:月|年|天|周)就(?:得|要)?(?:修|坏|散架|报废|不行|换|得换)|(?:经常|老是|总是|动不动就?|三天两头)(?:丢数据|丢单|崩溃?|死机|卡死|断网|漏水|出错|报错|停机|延误|延期)|被黑(?:过|了)?|被攻破|被入侵|出过(?:数据)?泄露|一拖再拖|(?:容易|会)(?:起火|着火|自燃|爆炸)|出事(?:儿)?是早晚的|早晚(?:要|得|会)出事|\b(?:catch(?:es)? fire|burst into flames|overheat(?:s|ing)?|fall(?:en)? off a cliff|gone downhill|went downhill|going downhill|notorious(?:ly)?|eats? (?:up )?(?:all )?(?:your )?(?:resources|memory|cpu))\b/g,
    confidence: 0.75,
  },
  {
    // A quality, safety or service word with a damning judgement: 质量真不咋地, 安全性很差, 口碑很差.
    rule: 'negative-claim',
    pattern:
      /(?:质量|品质|做工|用料|材料|安全性|稳定性|性能|口碑|信誉|名声|服务|售后|技术|水平|体验|界面|师资|老师|团队|东西|系统|软件|service|quality|support)\s?(?:也|真|都|是|就)?(?:很|太|特别|非常|真|相当|极其|比较|挺|好|咁)?(?:差|烂|不咋地|不怎么样|一般般|堪忧|糟|低劣|稀烂|拉胯|拉垮)|揾唔到人|皮包公司|三无产品|小作坊|黑作坊|杂牌货|(?:质量|售后|服务|安全)(?:根本)?(?:没法|无法|不能)保证|空架子|空壳子|花架子|(?:都是|只是|就是)(?:ppt|纸面)上的|半成品|样子货|绣花枕头|中看不中用|徒有其表|临时拉来的|草台班子|(?:手艺|质量|服务|售后|安全)没(?:有)?保障|(?:丑|难用|慢|卡|贵|烂)得(?:要命|要死|离谱)|反人类|(?:特别|非常|很|太|超)难用|别听[^,，。\s]{0,4}(?:吹|忽悠|瞎说|乱说)|瞎吹|吹得天花乱坠|根本不懂|什么都不懂|啥也不懂|不懂行|吃过亏|吃了亏|上过当|被坑过|\b(?:breaks?|crash(?:es)?|fails?|goes down|leaks?) (?:constantly|all the time|every (?:other )?(?:week|day|month)|nonstop)\b|\bnever (?:picks? up|answers?|responds?|calls? back|gets back to)\b|\bheld together with (?:duct tape|tape|string|glue)\b|\bover-?promis(?:e|es|ing)\b|\bunder-?deliver(?:s|ing)?\b|\bsmoke and mirrors\b|\brip(?:s|ping)? (?:you|customers|people|clients|them) off\b|\bbait[- ]and[- ]switch\b|\block(?:s|ed)? you in\b|\b(?:don't|doesn't|do not) know what (?:they're|they are|he's|she's) doing\b|\bglorified \w+\b|\ba black hole\b|\bnever hear back\b|\bon (?:its|their) last legs\b|\b(?:bleeding|haemorrhaging|hemorrhaging) (?:money|cash|customers|staff)\b|\bvapou?rware\b|\bsnake oil\b|\b(?:had|has had|have had|suffered|hid|hides|covered up) (?:a |two |several |multiple |repeated )?(?:data |security )?breach(?:es)?\b|\b(?:got|been|was) hacked\b/g,
    confidence: 0.75,
  },
  {
    // Ripping the buyer off or misusing their data: 智商税, 花钱买罪受, 拿您的数据去训练广告.
    rule: 'negative-claim',
    pattern:
      /智商税|冤枉钱|花钱买罪受|买罪受|(?:好多|很多|不少)(?:人|客户|用户)(?:都)?(?:后悔|吃亏|上当)|(?:买|用|签)了(?:就|会|你会|您会)?(?:后悔|吃亏|上当)|(?:你|您)会后悔|不是做慈善的|(?:拿|卖)(?:去|给)[^,，。]{0,6}(?:训练|做广告|打广告|第三方)|(?:拿|把|将)[^,，。]{0,8}(?:数据|信息|资料)[^,，。]{0,3}(?:去|卖给|卖|用来|用于)[^,，。]{0,4}(?:训练|做广告|打广告|广告|第三方|别人|卖钱|牟利)|倒卖|泄露(?:您的|客户的?)?(?:数据|信息)|overprice|退货退到|烂尾|(?:牌子|品牌|公司|厂子?)(?:现在|早就|已经)?(?:不行了|不行啦|完蛋|没落)|\b(?:would|will) say anything\b|\bknown for (?:\w+ing|being)\b|\bspin(?:ning|s)? (?:\w+ )?(?:a yarn|yarns|stories|tales)\b|\b(?:sell|sells|selling|mine|mines|mining) (?:your|customer|their customers') data\b|\btwo guys in a (?:basement|garage)\b|\b(?:you'd|you'll|you will|you would) be on your own\b|\b(?:like|as) an afterthought\b|\bwait (?:a|for) (?:week|weeks|month|days) for (?:anyone|someone|anybody)\b|快\s?(?:close|shut) down|\b(?:about to|going to|gonna|might|may|could|likely to|will soon) (?:close|shut) (?:down|shop)\b|\bcash ?flow\s?(?:有\s?)?(?:problems?|issues?|trouble|问题)|资金(?:链)?(?:有|出了?)?(?:问题|紧张)|\b(?:you'll|you will|you'd) regret\b/g,
    confidence: 0.75,
  },
];

const EXPLICIT_REFERENCE =
  /他们家|友商|竞品|竞争对手|别家|别人家|其他家|其他(?:厂家|厂商|公司|品牌|供应商)|同行|那家|那间|那种|之前那家|(?:您)?现在这家|那个[\u4e00-\u9fa5]{1,4}(?:商|厂|公司)|经销商|某些(?:厂家|厂商|公司)|国外(?:品牌|厂商)|小厂|杂牌|那个\s?(?:brand|牌子|品牌|vendor|dealer|开发商|平台)|那几个|那些(?:免费|便宜|小|老牌子?)的?|人家那(?:儿|里|边)|老牌子|\b(?:competitors?|the competition|the other (?:vendors?|guys|company|supplier|provider|brand)|other vendors|that (?:brand|vendor|supplier|dealer|company|outfit|firm|dealership)|the big (?:suites|vendors|players|guys|brands))\b/;
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

function unlistedLatinName(sentence: string): string | null {
  for (const match of sentence.matchAll(UNLISTED_LATIN_NAME)) {
    const name = match[1] as string;
    if (!NOT_A_LATIN_NAME.test(name)) {
      return name;
    }
  }
  return null;
}

// A customer turn that names or weighs another supplier: 用的是天盾, 也在看悦澜湾, "we're talking to Arcwatch".
const CUSTOMER_COMPETITOR_CUE =
  /用的是|在用|用着|在看|看的是|买的是|选的是|都是|之前用|现在用|别家|隔壁|对比|\b(?:talking to|looking at|using|use|went with|going with|quote from|offer from|prefer|prefers|already have|already with)\b/;
// A capitalised word in the customer's original text, a candidate brand name (Arcwatch, Fanuc).
const LATIN_NAME = /\b[A-Z][A-Za-z0-9]{2,}\b/g;
const NOT_A_LATIN_NAME =
  /^(?:the|this|that|they|their|there|these|those|we|you|your|our|hey|hi|hello|well|yes|yeah|okay|and|but|mr|mrs|ms|miss|dr|why|what|how|who|when|where|still|also|just|now|then|look|sure|right|sorry|anyway|actually|honestly|basically|like|maybe|please|thanks|because|auntie|uncle|boss|sir|madam|ceo|cto|cfo|coo|api|erp|crm|sla|hq|gm|ok)$/i;
// A Latin name opening a clause and owning the criticised thing (Watchtower 那个 agent, Fanuc 那些 robot).
const UNLISTED_LATIN_NAME = /(?:^|[,，。!?；;])\s*([a-z][a-z0-9]{2,})\s?那(?:个|些|套|家|款|批)/g;
// A Chinese name the rep repeats at the start of a clause: 天盾啊, 江淮那个车, 易报销那是.
const CLAUSE_START_HAN = /(?:^|[^\u4e00-\u9fa5])([\u4e00-\u9fa5]{2,4})/g;
const NAME_FOLLOWER = /^(?:的|那|啊|呀|嘛|这|您|你|[,，]|\s)/;

/**
 * Returns a supplier name that the previous customer turn brought up and the
 * rep's sentence repeats, or null. The customer turn must weigh a supplier
 * (用的是, 在看, "talking to"), so a shared ordinary word does not count.
 */
function nameFromCustomer(context: DetectionContext, turn: TurnView, sentence: string): string | null {
  const previous = context.turns[turn.index - 1];
  if (previous === undefined || previous.speaker === turn.speaker || !CUSTOMER_COMPETITOR_CUE.test(previous.text)) {
    return null;
  }
  for (const match of previous.norm.original.matchAll(LATIN_NAME)) {
    const name = match[0];
    if (!NOT_A_LATIN_NAME.test(name) && new RegExp(`\\b${name.toLowerCase()}\\b`).test(sentence)) {
      return name;
    }
  }
  for (const match of sentence.matchAll(CLAUSE_START_HAN)) {
    const run = match[1] as string;
    const runStart = (match.index ?? 0) + match[0].length - run.length;
    for (let length = run.length; length >= 2; length--) {
      const candidate = run.slice(0, length);
      const follower = sentence.slice(runStart + length, runStart + length + 1);
      if (previous.text.includes(candidate) && !NOT_A_NAME.test(candidate) && NAME_FOLLOWER.test(follower)) {
        return candidate;
      }
    }
  }
  return null;
}

function judge(context: DetectionContext, turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  if (negatedInSpokenClause(text, match.start) || echoesCustomerSpeech(text, match.start)) {
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
  const unlisted = unlistedName(sentenceText) ?? unlistedLatinName(sentenceText) ?? nameFromCustomer(context, turn, sentenceText);
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
