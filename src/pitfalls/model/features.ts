/**
 * Turns the turns around an objection, and each rep turn, into sparse feature
 * vectors for the learned layer: the hashed words of the turns (hashing.ts) and the
 * evidence of the rules. The training script and the analysis build features
 * with the same functions.
 */

import { PHRASE_PITFALL_TYPES } from '../../domain/pitfalls.js';
import type { HandlingDepth, ObjectionType, PitfallType } from '../../domain/pitfalls.js';
import { isCustomerTurn } from '../context.js';
import type { DetectionContext, TurnView } from '../context.js';
import { REPEAT_MARKER, replySignals } from '../depth.js';
import type { ExchangeHooks } from '../depth.js';
import { FeatureBuilder } from './hashing.js';

export { BIAS_FEATURE, FEATURE_DIMENSIONS } from './hashing.js';

// Analysis is synchronous and builds one vector at a time, so one builder serves every call, and each vector starts afresh.
const out = new FeatureBuilder();

/** Prefix of the hashed words of a rep turn that replies to a customer turn. */
export const REP_REPLY_PREFIX = 'n';
// Prefix of the hashed words of the customer's next turn after such a reply.
const FOLLOW_UP_PREFIX = 'c';
// A customer turn more than this many turns after the rep's reply no longer reacts to it.
const FOLLOW_UP_WINDOW_TURNS = 3;

/** An objection cue as the features see it: its type and whether it is strong. */
export interface CueEvidence {
  type: ObjectionType;
  strong: boolean;
}

function nextTurn(context: DetectionContext, from: number, customer: boolean): TurnView | null {
  for (let index = from + 1; index < context.turns.length; index++) {
    const turn = context.turns[index] as TurnView;
    if (!turn.backchannel && isCustomerTurn(context, turn) === customer) {
      return turn;
    }
  }
  return null;
}

function previousTurn(context: DetectionContext, from: number): TurnView | null {
  for (let index = from - 1; index >= 0; index--) {
    const turn = context.turns[index] as TurnView;
    if (!turn.backchannel) {
      return turn;
    }
  }
  return null;
}

function endsWithQuestion(text: string): boolean {
  let end = text.length - 1;
  while (end >= 0 && /[\s。.]/.test(text.charAt(end))) {
    end--;
  }
  const last = text.charAt(end);
  return last === '?' || last === '？' || last === '吗' || last === '呢';
}

// Adds the customer turn before the rep turn that precedes this turn, so that a concern pressed again can be learned.
function addEarlierCustomerTurn(context: DetectionContext, previous: TurnView | null): void {
  if (previous === null || isCustomerTurn(context, previous)) {
    return;
  }
  const earlier = previousTurn(context, previous.index);
  if (earlier === null || !isCustomerTurn(context, earlier)) {
    return;
  }
  out.addText('q', earlier);
  out.addFlag('earlier:customer');
}

// Returns the customer's next turn after a rep turn, or null when there is none close after it.
function customerFollowUp(context: DetectionContext, repTurn: TurnView): TurnView | null {
  const followUp = nextTurn(context, repTurn.index, true);
  return followUp !== null && followUp.index <= repTurn.index + FOLLOW_UP_WINDOW_TURNS ? followUp : null;
}

// Adds the customer's next turn after the rep's reply, because a customer who presses the point shows that it was an objection.
function addCustomerFollowUp(context: DetectionContext, reply: TurnView): void {
  const followUp = customerFollowUp(context, reply);
  if (followUp === null) {
    return;
  }
  out.addText(FOLLOW_UP_PREFIX, followUp);
  if (REPEAT_MARKER.test(followUp.text)) {
    out.addFlag('answer:repeats');
  }
}

/**
 * Builds the features of a customer turn for the objection presence and type models:
 * the turn's own words, the rep turn before and after it, the customer turn
 * before that rep turn, the customer's next turn after the reply, the rule cue,
 * and where the turn sits in the call.
 * It adds the pitfall types that `pitfallsAt` gives the rep turn before,
 * because a customer often pushes back on a boast or a slur. Training passes
 * the rules' findings, and analysis also passes those of the learned pitfall layer.
 */
export function objectionFeatures(
  context: DetectionContext,
  turn: TurnView,
  cue: CueEvidence | null,
  pitfallsAt: (turnIndex: number) => Iterable<PitfallType>,
): number[] {
  out.start();
  out.addText('t', turn);
  if (cue === null) {
    out.addFlag('cue:none');
  } else {
    out.addFlag(cue.strong ? 'cue:strong' : 'cue:weak');
    out.addFlag(`cue:${cue.type}`);
  }
  if (endsWithQuestion(turn.text)) {
    out.addFlag('turn:question');
  }
  if (turn.index === 0) {
    out.addFlag('turn:first');
  }
  const previous = previousTurn(context, turn.index);
  if (previous !== null && !isCustomerTurn(context, previous)) {
    out.addText('p', previous);
    if (endsWithQuestion(previous.text)) {
      out.addFlag('previous:question');
    }
    for (const type of pitfallsAt(previous.index)) {
      out.addFlag(`previous:${type}`);
    }
  }
  addEarlierCustomerTurn(context, previous);
  const reply = nextTurn(context, turn.index, false);
  if (reply === null) {
    out.addFlag('reply:none');
  } else {
    out.addText(REP_REPLY_PREFIX, reply);
    addCustomerFollowUp(context, reply);
  }
  return out.finish();
}

/**
 * Builds the features of the exchange after an objection for the depth model:
 * the objection type, the depth the rules gave, the words and pitfall types
 * of the first rep turn, the words of the customer's reply to it, and the
 * form of the second rep turn.
 */
export function depthFeatures(
  context: DetectionContext,
  hooks: ExchangeHooks,
  turnIndex: number,
  type: ObjectionType,
  ruleDepth: HandlingDepth,
): number[] {
  out.start();
  out.addFlag(`type:${type}`);
  out.addFlag(`rule:${ruleDepth}`);
  const firstRep = nextTurn(context, turnIndex, false);
  if (firstRep === null) {
    out.addFlag('rep:none');
    return out.finish();
  }
  out.addText('r', firstRep);
  out.addFlag(`rep:limit:${hooks.limitAt(firstRep.index)}`);
  for (const type of hooks.pitfallsAt(firstRep.index)) {
    out.addFlag(`rep:${type}`);
  }
  if (endsWithQuestion(firstRep.text)) {
    out.addFlag('rep:question');
  }
  // What the reply shares with the objection, alone and by type, separates ignoring from acknowledging better than its words do.
  for (const signal of replySignals(firstRep.text, type, hooks.contentWordsAt(turnIndex))) {
    out.addFlag(`rep:${signal}`);
    out.addFlag(`rep:${signal}:${type}`);
  }
  const answer = customerFollowUp(context, firstRep);
  if (answer !== null) {
    out.addText(FOLLOW_UP_PREFIX, answer);
    const answerCue = hooks.cueTypeAt(answer.index);
    if (answerCue !== null) {
      out.addFlag(answerCue === type ? 'answer:same-objection' : 'answer:other-objection');
    }
    if (REPEAT_MARKER.test(answer.text)) {
      out.addFlag('answer:repeats');
    }
    const secondRep = nextTurn(context, answer.index, false);
    if (secondRep !== null && secondRep.index <= answer.index + 3) {
      out.addFlag(endsWithQuestion(secondRep.text) ? 'second:question' : 'second:statement');
    }
  } else {
    out.addFlag('answer:none');
  }
  return out.finish();
}

/**
 * Builds the features of a rep turn for the learned pitfall layer: the turn's
 * own words, the customer turn before it, and the phrase-level pitfall types
 * that the rules found on the turn.
 */
export function pitfallFeatures(context: DetectionContext, turn: TurnView, ruleTypes: Iterable<PitfallType>): number[] {
  out.start();
  // The prefixes are those the objection features give the same turns, so each turn is hashed once per call.
  out.addText(REP_REPLY_PREFIX, turn);
  const previous = previousTurn(context, turn.index);
  if (previous !== null && isCustomerTurn(context, previous)) {
    out.addText('t', previous);
  }
  for (const type of ruleTypes) {
    if ((PHRASE_PITFALL_TYPES as readonly PitfallType[]).includes(type)) {
      out.addFlag(`rule:${type}`);
    }
  }
  return out.finish();
}
