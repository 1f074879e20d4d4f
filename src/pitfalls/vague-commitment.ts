/**
 * Detects `vague_commitment`: the rep agrees to act but leaves out what, when
 * or who (尽快, 尽量, 回头看看, 应该没问题, "we'll get back to you soon",
 * "I'll try"). A turn that also names a concrete time (周三下午5点前, "by
 * Thursday noon") makes its promise concrete. A request to the customer, a
 * question and a sign-off ("talk soon") are not commitments.
 */

import type { Finding } from '../domain/pitfalls.js';
import { clauseAround, sentenceAround } from '../nlu/clauses.js';
import { hasConcreteTime, withoutPleasantries } from '../nlu/time-expressions.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { addressesListener, inQuestion, negationBefore } from './scope.js';

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'vague-time',
    pattern: /尽快|尽早|回头(?!客|率)(?:再|给|跟|看|联系|发|找|问)?|改天|过(?:几|两|一)天|过(?:段|阵)(?:时间|子)|找(?:个)?时间|抽空|有空(?:的时候|再)?|晚点|稍后|(?:后续|后面|之后|以后)\s?再?(?:跟进|联系|沟通|安排|细化|看|说|处理|约|找)|(?:迟(?:啲|点|些|下)|晚(?:啲|些))\s?再?[^,，。]{0,12}?(?:跟进|联系|安排|发|给|回复|答复|说|问|send|call|email|update)|到时候再|有机会(?:再)?|有\s?(?:消息|进展|结果|update|news|眉目|信儿|动静|回音|反馈)了?\s?(?:我)?(?:再|就|跟(?:您|你)说|告诉(?:您|你)|通知(?:您|你))|我回去[^,，。]{0,8}|问完(?:再)?(?:告诉|跟)(?:您|你)|(?:我们|我)(?:肯定|一定)?会(?:处理|解决|跟进)的/g,
    confidence: 0.75,
  },
  {
    rule: 'best-effort',
    pattern: /尽量|争取|尽力|看(?:看)?(?:情况|能不能)|想(?:想)?办法|再(?:帮(?:您|你))?(?:看看|查查|查一下|核实一下|了解一下|研究(?:一下)?|考虑(?:一下)?|商量(?:一下)?)|再(?:内部)?(?:沟通|讨论|碰)(?:沟通|一下)?|保持联系|等(?:我)?(?:消息|通知)|(?:持续|继续)(?:关注|跟进)(?:的)?(?=[,，。!]|$)|(?:研究|看|弄|整理|排|安排|定|确认|搞|处理|问|落实|谈|商量|算|准备|理顺|核实|查)(?:好|完|清楚|明白)了?\s?(?:我)?(?:就|再)?(?:马上)?\s?(?:给|发|告诉|通知|联系|回复|答复|说|跟|call|send)|等(?!您|你)[^,，。]{1,12}(?:了|完|好|回来|结束|下来|之后|以后)[，,]?\s?(?:我们?)?(?:就|再)\s?(?:给|跟|告诉|通知|联系|回复|答复|说|整理|发|安排)|再(?:给|跟)(?:您|你)(?:答复|回复|回话|个?消息|个?说法|个?准信|反馈|打电话|打过去|联系)|再\s?(?:update|回复?|call|send|feedback|ping|通知|联系|告诉)\s?(?:您|你)|第[一1]时间(?:通知|告诉|联系|回复|反馈|跟(?:您|你)|给(?:您|你))|(?<=^|[,，。 ])会(?:处理|解决|跟进|安排|落实)的|再(?:跟|和)?(?:您|你)?约(?:个)?(?:时间)?(?=[,，。 ]|$)|(?:看看|看一下|研究研究|商量商量|想想)再说|(?:帮(?:您|你))?先?(?:给(?:您|你))?(?:留着|保留着)(?=[,，。 ]|$)|(?:我们|我)会(?:注意|改进|加强|重视|处理好|留意)(?:的)?(?=[,，。!]|$)/g,
    confidence: 0.7,
  },
  {
    rule: 'hedged-assurance',
    pattern: /应该(?:没|没有)(?:什么)?问题|应该(?:可以|能行|行|能搞定|快了|很快|马上)|问题不大|到时候(?:第一时间)?(?:通知|告诉|联系)(?:您|你)/g,
    confidence: 0.75,
  },
  {
    rule: 'vague-time',
    pattern:
      /\b(?:as soon as (?:possible|we can|i can)|when(?:ever)? (?:i|we) can|once (?:i|we) (?:hear|know|get)(?: back)? (?:something|more|anything)|asap|soon(?:ish)?|at some point|sometime|some time|(?:in )?the near future|down the road|shortly|in due course|when (?:i|we) (?:get|have) (?:a )?(?:chance|minute|moment|time))\b/g,
    confidence: 0.7,
  },
  {
    rule: 'best-effort',
    pattern:
      /\b(?:i'll|we'll|i will|we will|let me|i'm going to|we're going to|i can|we can)\s+(?:\w+\s+)?(?:try|see what (?:i|we) can do|look into|get back to you|circle back|follow up|figure (?:it|something|this) out|take care of (?:it|that|this)|sort (?:it|that|this) out|be in touch|keep you posted|work something out|think about it|check (?:on|with|into)?|have a look|keep an eye on it)\b|\b(?:they'll|someone will|he'll|she'll|we'll|i'll) be in touch\b/g,
    confidence: 0.7,
  },
  {
    rule: 'vague-time',
    pattern: /(?:近期|最近|这几天|这两天|一段时间|(?:等|过)(?:一)?(?:阵|段)|下次|以后有机会|方便的时候|空了|等忙完)[^,，。]{0,4}?(?:再|会|给|就|我)?(?:联系|发|给|回复|答复|安排|跟进|过来|打电话|处理|弄)/g,
    confidence: 0.7,
  },
  {
    rule: 'best-effort',
    pattern:
      /\b(?:i'll|we'll|i will|we will|let me|i can|we can)\s+(?:\w+\s+){0,2}(?:see (?:what|if|about)|look at (?:it|that|this|options)|run it by|ask around|dig into|poke around|get (?:something|it|that) (?:over|across|to you))\b|\b(?:one of these days|when things (?:calm|settle) down|in a bit|later on|before long|(?:in )?a (?:week|couple of weeks|month) or (?:so|two))\b/g,
    confidence: 0.65,
  },
  {
    rule: 'hedged-assurance',
    pattern: /\bshould be (?:fine|ok|okay|no problem|doable)\b|\b(?:we'll|we will|i'll) probably\b|\bprobably (?:figure|work|sort) (?:it|something|this)\b/g,
    confidence: 0.7,
  },
  {
    // Passing the matter on with no time: 我跟技术经理说一下, 我叫人过去看一下.
    rule: 'hand-off',
    pattern:
      /(?:我|我们)(?:这边|回头)?(?:跟|和|找|让|叫|请|安排)(?!(?:您|你))(?:[\u4e00-\u9fa5]{1,8}|\s?[a-z][a-z ]{0,18})(?:说一下|说一声|讲一下|反映(?:一下)?|催一下|催催|排一下|安排一下|协调一下|对接一下|跟进一下|处理一下|弄一下|(?:过去|过来)?看(?:一下|看))/g,
    confidence: 0.65,
  },
  {
    rule: 'best-effort',
    pattern:
      /\b(?:i'll|we'll|i will|we will|let me|i can|we can|i shall|we shall)\s+(?:\w+\s+){0,2}?(?:find out|let you know|revert|do the needful|touch base|loop back|reach out|pick (?:it|this|that) up|get (?:it|that|this) sorted|chase (?:it|that|this) up)\b|(?<!(?:you|could|can|please|would|will)\s)\b(?:then |and )?(?:get back to you|revert to you|circle back)\b|\b(?:another|some other) (?:time|day)\b|\bleave it with me\b|\bas (?:fast|quickly|early) as (?:possible|(?:i|we) can)\b|\b(?:once|when|as soon as) (?:i|we) (?:hear|know|get|have)(?: back)? (?:something|more|anything|news|an update)\b|\b(?:once|when) (?:it's|it is|that's|everything's|the \w+ is|the \w+'s) (?:sorted|ready|done|confirmed|approved|through)\b|\bkeep you (?:posted|updated|informed|in the loop)\b|\b(?:i'll|we'll|i will|we will) (?:ping you|drop you a line|be in contact|see to it|get round to it|get around to it|push it through)\b|\blater on\b|\b(?:i'll|we'll|i will|we will) (?:get|have|ask) (?:someone|somebody|the team|one of (?:our|my) \w+) (?:to )?(?:look|check|call|come|sort|take)\b|\b(?:i'll|we'll|i will|we will)\s+(?:\w+\s+){0,5}?later\b|\blater\s?再?\s?(?:send|call|发|给|联系|update)|\bsort something out\b|\b(?:i'll|we'll|i will|we will)\b[^,.;!?]{0,30}\b(?:in )?a (?:day or two|couple of days|few days)\b|\bshould be (?:sorted|ready|done|fixed|resolved)\b/g,
    confidence: 0.65,
  },
];

const SIGN_OFF = /\b(?:talk|speak|see you|chat|catch up) soon\b|\bsoon\b(?=[^,.!?]*\b(?:bye|take care)\b)/;

// Some transcripts separate Chinese clauses with spaces instead of commas.
const SPACE_BETWEEN_HAN = /(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g;

// Checking something first (我回去跟产品确认一下, "let me check something") is
// not a promise, and neither is a report of what was already done (上回我回去跟技术部反映了).
const CHECK_FIRST = /^我回去[^,，。]{0,8}?(?:确认|问|核实|查|了解|请示|申请|报批|商量|研究)|^let me (?:check|ask|see) (?:something|one thing|a thing|quickly|first)\b/;
const ALREADY_DONE = /(?:上(?:回|次|周|个?月|个?礼拜|个?星期)|昨天|前几天|前天|之前|已经|早就).*了$/;

// Sorting something out inside the rep's own company (公司那边我来摆平) is not a
// promise to the customer.
const OWN_COMPANY_SIDE = /(?:公司|领导|老板|上面|财务)那边/;

const FIRST_PERSON = /我|咱|\b(?:i|i'll|i'm|we|we'll|we're|let me)\b/;

// A named milestone just before the promise (招标公告出来以后我再跟您联系)
// dates it as well as a clock time does.
const MILESTONE = /(?:出来|公布|发布|到货|上线|开标|批下来|签完|定下来)(?:以后|之后|后)[,，]?\s?(?:我们?)?$/;

// A time anywhere from the promise's clause on makes it datable. So does a
// time earlier in its sentence when the promise has no subject of its own
// (我明天十点前给您回电话，尽快把问题解决), but not the time of an earlier promise
// (我今天把报告发您，案例的事我协调一下再告诉您).
function datable(text: string, match: TriggerMatch): boolean {
  const clause = clauseAround(text, match.start);
  if (hasConcreteTime(text, { start: clause.start, end: text.length })) {
    return true;
  }
  const sentence = sentenceAround(text, match.start);
  if (MILESTONE.test(text.slice(sentence.start, match.start))) {
    return true;
  }
  return hasConcreteTime(text, { start: sentence.start, end: clause.start }) && !FIRST_PERSON.test(text.slice(clause.start, match.end));
}

function judge(turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = withoutPleasantries(turn.text).replace(SPACE_BETWEEN_HAN, (space) => '，'.repeat(space.length));
  if (inQuestion(text, match.start) || addressesListener(text, match.start)) {
    return null;
  }
  if (negationBefore(text, match.start) !== null) {
    return null;
  }
  const clause = clauseAround(text, match.start);
  const sentence = sentenceAround(text, match.start);
  if (CHECK_FIRST.test(text.slice(match.start, clause.end)) || ALREADY_DONE.test(text.slice(sentence.start, clause.end))) {
    return null;
  }
  if (OWN_COMPANY_SIDE.test(text.slice(sentence.start, sentence.end))) {
    return null;
  }
  if (datable(text, match)) {
    return null;
  }
  if (match.trigger.rule === 'vague-time' && SIGN_OFF.test(text.slice(Math.max(sentence.start, match.start - 12), sentence.end))) {
    return null;
  }
  return { confidence: match.trigger.confidence, evidence: [triggerEvidence(turn, match)] };
}

/** Finds rep commitments that name no time, deliverable or owner. */
export function detectVagueCommitment(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'vague_commitment', TRIGGERS, judge);
}
