/**
 * Detects `over_commitment`: the rep guarantees an outcome, deadline or
 * capability unconditionally (保证, 百分之百, 绝对没问题, "I guarantee",
 * "you'll never have downtime"). A negated or hedged guarantee (我们不能保证,
 * "I can't promise"), one tied to a condition or contract clause, and a
 * question are not over-commitments.
 */

import type { Finding } from '../domain/pitfalls.js';
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
      /(?:绝对|肯定|一定(?!程度)|100%|保准|准保)(?:能|可以|没问题|翻倍|提升|提高|增长|回本|见效|达标|通过|考过|过关|成功|比(?:别家|同行|其他|他们|原来|现在)|没有问题|做得到|搞定|解决|满足|达到|按时|准时|帮您|帮你|给您|给你|让(?:您|你)满意|交付|上线|到货|到位|会(?:按时|准时|帮|给|交付|上线|到|解决|满足|达到|成功))/g,
    confidence: 0.8,
  },
  {
    rule: 'no-problem-absolute',
    pattern:
      /(?:绝对|完全|肯定|100%|包)(?:没|没有|不会有|不存在)(?:任何)?(?:问题|风险)|一点(?:问题|风险|差别|差异|毛病)都没有|什么问题都没有|(?:没有|毫无)(?:任何)?悬念|十拿九稳|板上钉钉|稳稳(?:的|当当)|万无一失/g,
    confidence: 0.75,
  },
  {
    rule: 'any-need-met',
    pattern:
      /(?:任何|所有|什么)(?:需求|问题|要求|功能|定制)(?:我们)?都(?:能|可以|没问题|满足|解决|做得到)|(?:不管|无论)[^,，。]{0,10}(?:什么|多|怎么|任何)[^。!?]{0,16}都(?:能|可以|没问题|保证|搞定|实现)/g,
    confidence: 0.8,
  },
  {
    rule: 'never-fails',
    pattern: /(?:永远|从来|绝对)不(?:会)?(?:出|有)?(?:问题|故障|宕机|坏|出错|延期|掉线)|[一1](?:个|辆|台|次|单|件|条|笔|份|点|天)[\u4e00-\u9fa5]{0,3}都不会(?:有)?(?:错|坏|丢|漏|出|认错|延误|延期|问题|故障)|零(?:故障|风险|事故|宕机)|(?:这些|什么|都)都?不(?:是|成)问题|没有(?:我们)?解决不了的/g,
    confidence: 0.8,
  },
  {
    rule: 'hundred-percent',
    pattern: /(?<![付占例率长升])100%(?:\s?(?:sure|certain))?(?=\s*(?:[,.!。]|$|放心|满意|成功|兼容|安全|稳定|可靠|you can count))|\b(?:100|one hundred) percent\b(?=\s*(?:[,.!]|$|sure|certain|guaranteed))/g,
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
      /\b(?:never|won't ever|will never)\s+(?:have\s+)?(?:any\s+|another\s+|a single\s+)?(?:downtime|fail|break|go down|crash|lose|miss|problems?|issues?|break-?ins?|outages?|complaints?|defects?|delays?)\b|\b(?:literally |simply )?impossible (?:to (?:break|hack|crack|get (?:past|through|in)|fail|go wrong|lose)|for (?:it|this|that|them|anything|(?:the|this|our|your) \w+) to (?:fail|break|go wrong|go down))\b|\b(?:don't|doesn't|won't|never) (?:ever )?(?:break|fail|go down|crash)\b|\bzero (?:problems?|issues?|risk|downtime|defects?)\b|\bwon't happen\b|\bnothing (?:will|can) go wrong\b/g,
    confidence: 0.8,
  },
  {
    rule: 'personal-assurance',
    pattern:
      /包在我身上|(?:打|拍)(?:包票|胸脯)|说到做到|没有(?:我们)?做不到的|(?:什么|任何)(?:要求|需求)?都(?:能|可以)(?:做|满足|办到|实现)|一定(?:会|能)(?:按时|准时|做到|搞定|满足|实现|达到|成功)|(?:绝对|肯定|保证)不会(?:延期|超支|出错|掉链子|出事|有事)|稳赚|只赚不赔|\b(?:rest assured|you have my (?:guarantee|promise)|i (?:can )?assure you|i swear|take it to the bank|without fail|no question about it|(?:there's|there is) no way (?:it|this|that|we) (?:will|can|could|would) (?:fail|break|go wrong|be late|miss))\b|\b(?:will|'ll) (?:\w+ ){1,5}(?:for sure|100%|no matter what)\b|\b(?:it|this|that) (?:will|'ll) (?:definitely|absolutely|certainly) \w+/g,
    confidence: 0.75,
  },
  {
    rule: 'any-need-met',
    pattern: /\b(?:anything|whatever) you need\b|\bwe can do (?:anything|everything|it all)\b|\bwhatever happens\b|\bno matter what\b|\bcount on it\b/g,
    confidence: 0.75,
  },
];

// A guarantee on a document the rep sends (保证明天把报价发您) is a concrete
// commitment, not a promised outcome.
const OWN_DELIVERABLE = /(?:发|寄|提供|准备)[^,，。]{0,8}(?:报价|方案|资料|合同|邮件|材料|样品)/;

function judge(turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  if (negationBefore(text, match.start) !== null || hedgeBefore(text, match.start) !== null) {
    return null;
  }
  if (conditionInSentence(text, match.start) !== null || inQuestion(text, match.start)) {
    return null;
  }
  if (match.trigger.rule === 'guarantee-word' && OWN_DELIVERABLE.test(text.slice(match.end, match.end + 16))) {
    return null;
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
