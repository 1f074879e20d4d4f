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
import type { DetectionContext, TurnView } from './context.js';
import { createFinding, wholeTurn } from './findings.js';

// A next step needs someone in the call to act: a first-person commitment, a
// joint plan or a confirmed meeting. A third party's plan with a time ("I have
// a meeting in 5 minutes") is not a step of this deal.
const STEP_ACTOR = new RegExp(
  [
    '我们?(?:会|来|再|这边|明天|后天|今天|下周|周.|下午|上午)?[^,，。]{0,10}(?:发|寄|给您|给你|约|安排|联系|打给|打电话|过去|过来|拜访|带|演示|把|提交|准备|回复|确认|到|出)',
    '(?:给(?:您|你)|跟(?:您|你))(?:看|发|送|打|同步|确认|汇报|演示)|(?:您|你)[^,，。]{0,6}(?:带到|送到|过来)|等(?:您|你)(?:的)?(?:消息|回复|答复|电话)',
    '(?:发|寄|送|打|回|交)(?:给)?(?:您|你)|(?:联系|拜访|找)(?:您|你)|见面|碰面|咱们|那就(?:这么定|周.|明天|下周|定)|(?:周.|明天|后天|下周.?|\\d+号)见|(?:您|你)(?:看)?(?:哪天|什么时候)方便',
    "\\b(?:i'll|we'll|i will|we will|let's|let me|shall we|could we|can we|i can|we can|i'm going to|we're going to|see you|talk (?:to you )?(?:on|at)|works(?: for me)?|send you|call you|email you|meet you)\\b",
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

// A time and an actor must share a clause, or the actor may sit in the clause
// just before ("I can bring a demo kit. Does Wednesday at 9 work?"). A time
// in a threat elsewhere in the turn (明天就涨价) is no plan.
function statesNextStep(turn: TurnView): boolean {
  const text = withoutPleasantries(turn.text);
  if (NAMED_OWNER.test(text)) {
    return true;
  }
  let previousClause = '';
  let cursor = 0;
  while (cursor < text.length) {
    const clause = clauseAround(text, cursor);
    const body = text.slice(clause.start, clause.end);
    if (hasConcreteTime(body, { start: 0, end: body.length }) && (STEP_ACTOR.test(body) || STEP_ACTOR.test(previousClause))) {
      return true;
    }
    previousClause = body;
    cursor = Math.max(clause.end + 1, cursor + 1);
  }
  return false;
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
  if (closing.some(statesNextStep)) {
    return [];
  }

  const evidence = [{ rule: 'no-dated-step-in-closing', detail: `last ${closing.length} turn(s)` }];
  return [createFinding(context, 'no_next_step', { turn: anchor, ...wholeTurn(anchor), confidence: 0.7, evidence })];
}
