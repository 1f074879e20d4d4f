/**
 * Detects `no_next_step`: the call ends without a concrete next step, meaning
 * no dated meeting, no deliverable with a time and no action with a named
 * owner in the closing turns. It is judged only when the transcript ends
 * with the call, and calls shorter than the minimum length are exempt. Calls
 * without timings are judged regardless of length. The finding is anchored on
 * the last rep turn (the last turn when roles are unknown).
 */

import type { Finding } from '../domain/pitfalls.js';
import { clauseAround } from '../nlu/clauses.js';
import { hasConcreteTime, withoutPleasantries } from '../nlu/time-expressions.js';
import { isCustomerTurn } from './context.js';
import type { DetectionContext, TurnView } from './context.js';
import { createFinding, wholeTurn } from './findings.js';

// A next step needs someone in the call to act: a first-person commitment, a
// joint plan, an action aimed at the listener or a confirmed meeting. A third
// party's plan with a time ("I have a meeting in 5 minutes") is not a step of
// this deal.
const STEP_ACTOR = new RegExp(
  [
    // 我/我们/咱们 followed by an action verb, with room for a time and an object in between.
    '(?:我们?|咱们?)(?:会|来|再|这边|那边)?[^,，。]{0,24}?(?:call|send|email|book|meet|visit|demo|whatsapp|zoom|go through|发|寄|送|给您|给你|约|安排|联系|打给|打电话|打个电话|过去|过来|上门|拜访|带|演示|把|提交|准备|回复|回话|答复|确认|到|出|陪|跟(?:您|你)|和(?:您|你)|开(?:个)?\\s?(?:会|电话会|视频会|会议|call|meeting|zoom)|碰|视频|通个电话|对一下|过一下|见|等(?:您|你)|[a-z]+\\s?(?:给)?(?:您|你))',
    // An action aimed at the listener, whoever carries it out (他周五会 call 你, 工程师明天到学校).
    '(?:给(?:您|你)|跟(?:您|你)|和(?:您|你)|陪(?:您|你))(?:们)?[^,，。]{0,8}?(?:看|发|送|打|同步|确认|汇报|演示|回话|回复|答复|开|过|对|聊|讲|见|去)|(?:您|你)[^,，。]{0,6}(?:带到|送到|过来)|等(?:您|你)(?:的)?(?:消息|回复|答复|电话|邮件)',
    '(?:发|送|寄|传)(?:到|至)(?:您|你)|(?:和|跟|同)我(?:们)?一起|我(?:们)?(?:和|跟|同)[^,，。]{1,10}一起|的\\s?(?:call|会|电话会|视频会|demo)|(?:发|寄|送|打|回|交|call|send|email|whatsapp|message)\\s?(?:给)?(?:您|你)|(?:联系|拜访|找|约)(?:您|你)|见面|碰面|咱们|到(?:学校|现场|您那|你那|贵司|公司|工地|厂里)|那就(?:这么定|周.|明天|下周|定)|(?:周.|明天|后天|下周.?|\\d+号|sunday|monday|tuesday|wednesday|thursday|friday|saturday)\\s?见|(?:您|你)(?:看)?(?:哪天|什么时候)方便',
    "\\b(?:i'll|we'll|i will|we will|i shall|we shall|let's|let me|shall we|shall i|could we|can we|can i|could i|i can|we can|i'm going to|we're going to|i'm coming|we're coming|see you|talk (?:to you )?(?:on|at)|works(?: for me)?|(?:want|like) me to|i'm free|we're free|with (?:the two of )?you)\\b",
    "\\b(?:i|we)\\s+(?:\\w+\\s+){0,2}?(?:call|send|email|come|bring|meet|visit|book|drop|ring|show|demo|walk|go through|pick|deliver|install|have it|set up)\\b",
    "\\b(?:call|email|send|text|message|meet|visit|ring|ping|see|get back to|contact) you\\b|\\byou come\\b|\\b(?:book|schedule|pencil) (?:it|me|us|you|that|the)\\b",
    "\\b(?:coming|heading|on its way) (?:your way|to you)\\b|\\byou'll (?:have|get|receive|see) (?:it|them|that|this|the \\w+)\\b|\\bgoes out\\b|\\bin your inbox\\b",
    "\\bi've (?:put|booked|scheduled|sent|set up)\\b",
  ].join('|'),
);
const NAMED_OWNER =
  /(?:让|请|安排)[\u4e00-\u9fa5]{1,3}(?:总|工|经理|主管|老师|总监)[^,，。]{0,6}(?:联系|打电话|发|对接|跟进)|\b(?:i'll have|i've asked|i'll get) [a-z]+ (?:to )?(?:call|email|send|contact)\b/;

const MIN_CLOSING_TURNS = 6;
const CLOSING_SHARE = 0.3;

function findLastAnchor(context: DetectionContext): TurnView | null {
  for (let index = context.turns.length - 1; index >= 0; index--) {
    const turn = context.turns[index] as TurnView;
    if (!context.transcript.rolesKnown || turn.speaker === 'rep') {
      return turn;
    }
  }
  return null;
}

function callDurationMs(turns: readonly TurnView[]): number | null {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const turn of turns) {
    if (turn.startMs === undefined || turn.endMs === undefined) {
      return null;
    }
    start = Math.min(start, turn.startMs);
    end = Math.max(end, turn.endMs);
  }
  return turns.length === 0 ? null : end - start;
}

// A time in a condition, a negation or a maybe (您今天要是能拍板, 我明天来不了,
// "maybe next week") is no agreed step, and a time in a threat or a deadline (明天就涨价, "prices go up
// on Monday") is no plan.
const CONDITION_OR_MAYBE = /如果|要是|假如|只要|可能|也许|说不定|\b(?:if|unless|maybe|perhaps|might)\b/;
const NEGATED = /不(?!见不散|错|客气)|没(?!问题)|\b(?:not|never|can't|cannot|won't|don't)\b/;
const THREAT =
  /涨价|调价|截止|结束|到期|作废|取消|没(?:了|有了)|恢复原价|\b(?:go(?:es|ing)? up|price (?:rise|increase)|expires?|ends?|deadline|last day|sold out|gone)\b/;

// A customer's own plan (我明天自己去财务处问) is a step of this deal only when
// it involves the rep or both sides.
const INVOLVES_LISTENER = /你|您|咱|见|可以|没问题|\b(?:you|we|let's|us|works|suits|fine|sounds good)\b/;

// A short customer turn that names a time and accepts it (周四晚上可以,
// "Wednesday at ten works") confirms the meeting the rep proposed.
const SHORT_ACCEPTANCE =
  /^[^。.!?]{0,14}(?:可以|行|好的?|没问题|定了|见)[。.!]?$|^(?:好的?|行|可以|ok|okay|sure)[,，]?\s?[^。.!?]{0,14}[。.!]?$|^[^.!?]{0,24}\b(?:works|suits me|is fine|sounds good|ok|okay|can)[.!]?$/;

// A customer reply that turns the proposed step down (样板就不用了, "Sunday I
// have a function") leaves the call without it.
const DECLINE =
  /不用了|就不用|不(?:太)?方便|没(?:有)?(?:空|时间)|不行|来不了|去不了|(?:到时候)?再说吧|改天|算了|\b(?:no need|i have (?:a|an|another)|i'm busy|(?:can't|cannot) make|not (?:free|available)|maybe (?:next|another|later))\b/;

// "3 p.m." would otherwise split into clauses at its dots.
const DOTTED_MERIDIEM = /\b([ap])\.m\./g;
// Some transcripts separate Chinese clauses with spaces instead of commas.
const SPACE_BETWEEN_HAN = /(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g;

function splitClauses(text: string): string[] {
  const clauses: string[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const clause = clauseAround(text, cursor);
    clauses.push(text.slice(clause.start, clause.end));
    cursor = Math.max(clause.end + 1, cursor + 1);
  }
  return clauses;
}

// A time and an actor must share a clause, or the actor may sit in a clause
// next to it ("I can bring a demo kit. Does Wednesday at 9 work?" or
// "下周三上午十点，我带上测算过去").
function statesNextStep(turn: TurnView, customer: boolean): boolean {
  const text = withoutPleasantries(turn.text).replace(DOTTED_MERIDIEM, '$1m  ')
    .replace(SPACE_BETWEEN_HAN, (space) => '，'.repeat(space.length));
  if (NAMED_OWNER.test(text)) {
    return true;
  }
  if (customer && SHORT_ACCEPTANCE.test(text) && !CONDITION_OR_MAYBE.test(text) && !NEGATED.test(text) && hasConcreteTime(text, { start: 0, end: text.length })) {
    return true;
  }
  const clauses = splitClauses(text);
  const settled = (body: string): boolean => !CONDITION_OR_MAYBE.test(body) && !NEGATED.test(body) && !THREAT.test(body);
  const actsOnStep = (body: string): boolean =>
    settled(body) && STEP_ACTOR.test(body) && (!customer || INVOLVES_LISTENER.test(body));
  return clauses.some((body, index) => {
    // A condition just before the time (您今天要是能定，我明天就安排发货) binds it too.
    if (!hasConcreteTime(body, { start: 0, end: body.length }) || !settled(body) || CONDITION_OR_MAYBE.test(clauses[index - 1] ?? '')) {
      return false;
    }
    return [body, clauses[index - 1] ?? '', clauses[index + 1] ?? ''].some(actsOnStep);
  });
}

function declinedByReply(context: DetectionContext, closing: readonly TurnView[], index: number): boolean {
  const turn = closing[index] as TurnView;
  const reply = closing.slice(index + 1).find((next) => next.speaker !== turn.speaker && !next.backchannel);
  return reply !== undefined && DECLINE.test(reply.text) && !statesNextStep(reply, isCustomerTurn(context, reply));
}

/** Flags a finished call whose closing turns agree no concrete next step. */
export function detectNoNextStep(context: DetectionContext): Finding[] {
  if (!context.transcript.callEnded || context.turns.length === 0) {
    return [];
  }
  const durationMs = callDurationMs(context.turns);
  if (durationMs !== null && durationMs < context.settings.noNextStepMinCallMs) {
    return [];
  }
  const anchor = findLastAnchor(context);
  if (anchor === null) {
    return [];
  }

  // NOTE: the closing window (last 30 % of turns, at least 6) is a first guess;
  // a step agreed early in a long call and never repeated is missed.
  const windowSize = Math.max(MIN_CLOSING_TURNS, Math.ceil(context.turns.length * CLOSING_SHARE));
  const closing = context.turns.slice(-windowSize);
  const agreed = closing.some(
    (turn, index) => statesNextStep(turn, isCustomerTurn(context, turn)) && !declinedByReply(context, closing, index),
  );
  if (agreed) {
    return [];
  }

  const evidence = [{ rule: 'no-dated-step-in-closing', detail: `last ${closing.length} turn(s)` }];
  return [createFinding(context, 'no_next_step', { turn: anchor, ...wholeTurn(anchor), confidence: 0.7, evidence })];
}
