/**
 * Detects `over_commitment`: the rep guarantees an outcome, deadline or
 * capability unconditionally (保证, 百分之百, 绝对没问题, "I guarantee",
 * "you'll never have downtime"). A negated or hedged guarantee (我们不能保证,
 * "I can't promise"), one tied to a condition or contract clause, and a
 * question are not over-commitments.
 */

import type { Finding } from '../domain/pitfalls.js';
import { clauseAround, sentenceAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { conditionInSentence, hedgeBefore, inQuestion, negationBefore } from './scope.js';

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'guarantee-word',
    pattern: /保证(?!金|书)|打包票|包票|包(?:您|你)(?:满意|放心|没问题|解决|上线|通过|成功)?|包(?:满意|解决|上线|通过|到位|成功|没问题)/g,
    confidence: 0.85,
  },
  {
    rule: 'certainty-adverb',
    pattern:
      /(?:绝对|肯定|一定(?!程度)|100%|百分百|保准|准保)\s?(?:能|可以|没问题|没事|有的|错不了|跑不了|翻倍|(?!要|需|得)[\u4e00-\u9fa5]{1,2}得(?:定|到|住|上|来|成|完|好|下来|过来|出来|起来)|(?:succeed|pass|work|ok|make it|approve|no problem)\b|提升|提高|增长|回本|见效|达标|通过|考过|过关|成功|比(?:别家|同行|其他|他们|原来|现在)|没有问题|做得到|搞定|解决|满足|达到|按时|准时|帮您|帮你|给您|给你|让(?:您|你)满意|交付|上线|到货|到位|会(?:按时|准时|帮|给|交付|上线|到|解决|满足|达到|成功))/g,
    confidence: 0.8,
  },
  {
    rule: 'no-problem-absolute',
    pattern:
      /(?:绝对|完全|肯定|100%|包)(?:没|没有|不会有|不存在)(?:任何)?(?:问题|风险)|一点(?:问题|风险|差别|差异|毛病)都没有|什么(?:问题|风险|毛病|故障)都(?:没有|不会有)|零\s?(?:downtime|故障|风险|事故|宕机|bug|defects?)|(?:没有|毫无)(?:任何)?悬念|十拿九稳|板上钉钉|稳稳(?:的|当当)|万无一失/g,
    confidence: 0.75,
  },
  {
    rule: 'any-need-met',
    pattern:
      /(?:任何|所有|什么)(?:需求|问题|要求|功能|定制)(?:我们)?都(?:能|可以|没问题|满足|解决|做得到)|(?:啥|什么|任何|多少|多大|哪种|啥样)(?!时候|时间)[\u4e00-\u9fa5]{0,6}(?:我们|咱们?)?都(?:能(?!被)|扛得住|做得(?:到|出来)|搞得定|给您做|给你做|不在话下)|(?:不管|无论)[^,，。]{0,10}(?:什么|多|怎么|任何)[^。!?]{0,16}都(?:能|可以|没问题|保证|搞定|实现)/g,
    confidence: 0.8,
  },
  {
    rule: 'never-fails',
    pattern: /(?:永远|从来|绝对)不(?:会)?(?:出|有)?(?:问题|故障|宕机|坏|出错|延期|掉线)|[一1](?!般|些|下|起|样)[\u4e00-\u9fa5]{1,4}都不会(?:有|少)?(?:错|坏|丢|漏|出|认错|延误|延期|问题|故障)?|(?:这辈子|一辈子|永远|再也|从此|年年)[^,，。]{0,4}(?:甭|不用|不必|不会|没)(?:再)?(?:操心|担心|出|坏|停)|(?:这辈子|一辈子|年年|永远)都能|零(?:故障|风险|事故|宕机)|(?:这些|什么|都)都?不(?:是|成)问题|没有(?:我们)?解决不了的/g,
    confidence: 0.8,
  },
  {
    rule: 'hundred-percent',
    pattern: /(?<![付占例率长升])100%(?:\s?(?:sure|certain))?(?=\s*(?:[,.!。]|$|放心|满意|成功|兼容|安全|稳定|可靠|you can count))|\b(?:100|one hundred) percent\b(?=\s*(?:[,.!]|$|sure|certain|guaranteed|you|no |can|will|confirm))/g,
    confidence: 0.75,
  },
  {
    rule: 'guarantee-word',
    pattern:
      /\b(?:i|we)(?: can| will|'ll|'d)? (?:absolutely |definitely |personally |totally )?(?:guarantee|promise)\b|\bguaranteed\b|\b(?:you have|you've got) my word\b|\bi give you my word\b/g,
    confidence: 0.85,
  },
  {
    rule: 'certainty-adverb',
    pattern:
      /\b(?:definitely|absolutely|certainly|surely)\b[^,.;!?]{0,16}?\b(?:will|can|have it|deliver|work|make it|get it|be there|no problem)\b|\b(?:will|can|'ll) (?:definitely|absolutely|certainly) (?:be|have|deliver|do|make|get|meet|hit)\b(?! (?:more expensive|gone|higher|up))/g,
    confidence: 0.8,
  },
  {
    rule: 'never-fails',
    pattern:
      /\b(?:never|won't ever|will never)\s+(?:have\s+)?(?:any\s+|another\s+|a single\s+)?(?:downtime|fail|break|go down|crash|lose|miss|problems?|issues?|break-?ins?|outages?|complaints?|defects?|delays?)\b|\b(?:literally |simply )?impossible (?:to (?:break|hack|crack|get (?:past|through|in)|fail|go wrong|lose)|for (?:it|this|that|them|anything|(?:the|this|our|your) \w+) to (?:fail|break|go wrong|go down))\b|\b(?:don't|doesn't|won't|never) (?:ever )?(?:break|fail|go down|crash)\b|\bzero (?:problems?|issues?|risk|downtime|defects?)\b|\bwon't happen\b|\bnothing (?:will|can) go wrong\b|\b(?:will|'ll) never (?:have|see|get|face|experience) (?:a|an|any|another) (?!chance|reason|need)\w+|\bnothing(?:'s| is| will)? (?:get(?:ting)?|go(?:ing)?) (?:past|wrong)\b/g,
    confidence: 0.8,
  },
  {
    rule: 'personal-assurance',
    pattern:
      /包在我身上|(?:打|拍)(?:包票|保票|胸脯|胸口)|放(?:一百|一万|100|10000)个心|(?:我|我们|公司|咱)(?:给(?:您|你)|帮(?:您|你)|来|都|全)?兜着|(?:全部|全|都)包了|(?:跟|给|向)(?:您|你)担保|担保(?!公司|函|人|机构|费)|有我在(?=[,， ]|$)|说到做到|没有(?:我们)?做不到的|(?:什么|任何)(?:要求|需求)?都(?:能|可以)(?:做|满足|办到|实现)|一定(?:会|能)(?:按时|准时|做到|搞定|满足|实现|达到|成功)|(?:绝对|肯定|保证)不会(?:延期|超支|出错|掉链子|出事|有事)|稳赚|只赚不赔|等着(?:数钱|收钱|赚钱)|负责到底|错不了|稳(?:的|了)(?=[,，。!]|$)|(?<![确担环投医社劳参])保(?:您|你)(?:们)?(?:[一1]次|成功|通过|过|能|赚|不)|\b(?:rest assured|you have my (?:guarantee|promise)|i (?:can )?assure you|i swear|take it to the bank|without fail|no question about it|no question(?=\s*[.!]?\s*$)|mark my words|(?:there's|there is) no way (?:it|this|that|we) (?:will|can|could|would) (?:fail|break|go wrong|be late|miss))\b|\b(?:will|'ll) (?:\w+ ){1,5}(?:for sure|100%|no matter what)\b|\b(?:will|'ll|can) (?:100%|100 percent|one hundred percent) \w+|,\s*(?:full stop|period)[.!]?\s*$|\b(?:it|this|that) (?:will|'ll) (?:definitely|absolutely|certainly) \w+/g,
    confidence: 0.75,
  },
  {
    rule: 'any-need-met',
    pattern: /\b(?:anything|whatever)(?: \w+)? you (?:need|ask for|throw at us|can think of)\b|\bwe can do (?:anything|everything|it all)\b(?!\s+(?:online|remotely|over|in|at|on|from|through|via|by|for))|\bwhatever happens\b|\bno matter what\b|\bcount on it\b/g,
    confidence: 0.75,
  },
  {
    // Outcome certainty in other words: it cannot fail, you won't regret it, 以后也不会.
    rule: 'never-fails',
    pattern:
      /\byou won't regret (?:it|this)\b|\b(?:bullet-?proof|fool-?proof)\b|\b(?:cannot|can't|can never|won't ever) (?:fail|go wrong|break)\b|\b(?:will|'ll) (?:double|triple) your (?:leads|sales|revenue|output|traffic|conversions?|profits?|business|yield|capacity|bookings)\b|,\s*i'm (?:certain|sure|positive)[.!]?\s*$|\bi'm (?:100% )?(?:certain|positive) (?:that )?(?:you|it|this|we)(?:'ll| will)\b|(?:以后|将来|今后)(?:也|都)不会(?:再)?(?:有|出|延误|延期|坏)?(?=[,，。!]|$)/g,
    confidence: 0.75,
  },
  {
    // Colloquial certainty: "confirm can", "sure approve" (Singapore and Malaysian English).
    rule: 'certainty-adverb',
    pattern: /(?<!make |making |for )\b(?:confirm|sure)\s+(?:\w+\s+){0,2}?(?:approve[sd]?|go(?:es)? through|pass(?:es)?|succeed|can one|no problem|can get)\b/g,
    confidence: 0.7,
  },
  {
    // A bare "always" or "every time" that answers a question about a capability.
    rule: 'certainty-adverb',
    pattern: /^(?:(?:yes|yep|yeah|sure)[,.!]?\s*)?(?:always|every (?:single )?time|without exception)[.!]?$/g,
    confidence: 0.65,
  },
];

// A guarantee on a document the rep sends or a call back (保证明天把报价发您,
// "I promise we'll call you back") is a concrete commitment, not a promised
// outcome.
const OWN_DELIVERABLE =
  /(?:发|寄|提供|准备)[^,，。]{0,8}(?:报价|方案|资料|合同|邮件|材料|样品)|\b(?:call|email|send|text|ring) you\b|\bget back to you\b/;

// Some transcripts separate Chinese clauses with spaces instead of commas.
const SPACE_BETWEEN_HAN = /(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g;

// A condition that only restates the purchase (只要现在买了, "if you do go with
// us") does not limit a guarantee, so it is blanked before the condition check.
const PURCHASE_CONDITION =
  /(?:只要|要是|如果)(?:您|你)?(?:现在|今天)?(?:买了?|签了?|下单|选了?我们|交给我们|用我们)|\bif you (?:do |ever )?(?:go with us|choose us|pick us|sign|buy|order)\b/g;

// A guarantee written into the contract, or bounded by an operating range
// (温度在十八到二十六度之间都可以保证), is backed by a stated condition.
const CONTRACT_BACKED =
  /写(?:进|在|入)[^,，。]{0,8}(?:合同|协议|条款)|条款第|第[\d一二三四五六七八九十]+条|\b(?:written|put|stated) (?:into|in) (?:the |our |your )?(?:\w+ )?(?:contract|agreement|sla|terms)\b|\bclause \d+/;
const BOUNDED_RANGE = /在[^,，。]{1,14}(?:之间|以内|范围内|以下|以上)/;

// A negation may follow the guarantee (谁都保证不了) or lack its apostrophe ("i wont say").
const NEGATED_AFTER = /^保证不了|^保不了|^担保不了/;
const LOOSE_NEGATION = /\b(?:wont|cant|dont(?! worry)|doesnt|isnt|cannot)\b/;

// "guaranteed" that names a product term (the guaranteed maturity, non guaranteed
// bonus) describes a policy and promises nothing.
const PRODUCT_TERM_BEFORE = /(?:\bthe|\bnon)[\s-]$/;
const PRODUCT_TERM_AFTER = /^\s(?:maturity|income|bonus|returns?|rate|value|payout|sum|amount|benefits?|portion|part|component|minimum|cash value)\b/;

// A bare guarantee that vouches for a superlative (我给您保证，这是市面上性价比最高的,
// "nobody charges less than us, guaranteed") is an absolute claim, not a
// promised outcome.
const SUPERLATIVE = /最(?:高|低|好|快|便宜|强)|第一|唯一|第二家|\b(?:nobody|no one|best|lowest|cheapest|than (?:us|anyone))\b/;

function judge(turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text
    .replace(SPACE_BETWEEN_HAN, (space) => '，'.repeat(space.length))
    .replace(PURCHASE_CONDITION, (condition) => ' '.repeat(condition.length));
  if (negationBefore(text, match.start) !== null || hedgeBefore(text, match.start) !== null) {
    return null;
  }
  if (conditionInSentence(text, match.start) !== null || inQuestion(text, match.start)) {
    return null;
  }
  const clause = clauseAround(text, match.start);
  const sentence = sentenceAround(text, match.start);
  if (NEGATED_AFTER.test(text.slice(match.start, clause.end)) || LOOSE_NEGATION.test(text.slice(clause.start, match.start))) {
    return null;
  }
  if (CONTRACT_BACKED.test(text) || BOUNDED_RANGE.test(text.slice(clause.start, match.start))) {
    return null;
  }
  if (match.trigger.rule === 'guarantee-word') {
    if (OWN_DELIVERABLE.test(text.slice(match.end, match.end + 24))) {
      return null;
    }
    if (PRODUCT_TERM_BEFORE.test(text.slice(Math.max(0, match.start - 4), match.start)) || PRODUCT_TERM_AFTER.test(text.slice(match.end))) {
      return null;
    }
    const bare = text.slice(match.end, clause.end).trim().length < 3;
    if (bare && SUPERLATIVE.test(text.slice(sentence.start, sentence.end))) {
      return null;
    }
  }
  // "What we can guarantee is the national standard" (能保证的是) bounds the guarantee.
  if (/^保证的是|^guarantee is/.test(text.slice(match.start, match.start + 14))) {
    return null;
  }
  return { confidence: match.trigger.confidence, evidence: [triggerEvidence(turn, match)] };
}

/** Finds unconditional guarantees in rep turns. */
export function detectOverCommitment(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'over_commitment', TRIGGERS, judge);
}
