/**
 * Turns the turns around an objection into sparse feature vectors for the
 * learned objection layer: hashed character n-grams of Chinese text, hashed
 * words and word pairs of Latin text, and the evidence of the rules. The
 * training script and the analysis build features with the same functions.
 */

import type { HandlingDepth, ObjectionType } from '../../domain/pitfalls.js';
import { isCustomerTurn } from '../context.js';
import type { DetectionContext, TurnView } from '../context.js';
import { REPEAT_MARKER } from '../depth.js';
import type { ExchangeHooks } from '../depth.js';

/** Number of hash buckets of a feature vector; the model file records it too. */
export const FEATURE_DIMENSIONS = 2048;

/** Bucket 0 is always set, so every linear model has an intercept. */
export const BIAS_FEATURE = 0;

/** An objection cue as the features see it: its type and whether it is strong. */
export interface CueEvidence {
  type: ObjectionType;
  strong: boolean;
}

const HAN_RUN = /[\u4e00-\u9fff]+/g;
const LATIN_WORD = /[a-z][a-z']*|\d+/g;
const MAX_CHARS_HASHED = 240;

function hashKey(key: string): number {
  // FNV-1a over UTF-16 units; bucket 0 is kept for the bias.
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return 1 + ((hash >>> 0) % (FEATURE_DIMENSIONS - 1));
}

function addText(out: Set<number>, prefix: string, text: string): void {
  const clipped = text.length > MAX_CHARS_HASHED ? text.slice(0, MAX_CHARS_HASHED) : text;
  for (const run of clipped.match(HAN_RUN) ?? []) {
    for (let index = 0; index < run.length; index++) {
      out.add(hashKey(`${prefix}1${run.slice(index, index + 1)}`));
      if (index + 2 <= run.length) {
        out.add(hashKey(`${prefix}2${run.slice(index, index + 2)}`));
      }
      if (index + 3 <= run.length) {
        out.add(hashKey(`${prefix}3${run.slice(index, index + 3)}`));
      }
    }
  }
  const words = clipped.match(LATIN_WORD) ?? [];
  for (let index = 0; index < words.length; index++) {
    out.add(hashKey(`${prefix}w${words[index]}`));
    if (index + 1 < words.length) {
      out.add(hashKey(`${prefix}b${words[index]} ${words[index + 1]}`));
    }
  }
}

function addFlag(out: Set<number>, name: string): void {
  out.add(hashKey(`#${name}`));
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
  return /[?？]\s*$/.test(text) || /[吗呢]\s*[。.]?\s*$/.test(text);
}

/**
 * Features of a customer turn for the objection presence and type models:
 * the turn's own words, the rep turn before and after it, the rule cue, and
 * where the turn sits in the call.
 */
export function objectionFeatures(context: DetectionContext, turn: TurnView, cue: CueEvidence | null): number[] {
  const out = new Set<number>([BIAS_FEATURE]);
  addText(out, 't', turn.text);
  if (cue === null) {
    addFlag(out, 'cue:none');
  } else {
    addFlag(out, cue.strong ? 'cue:strong' : 'cue:weak');
    addFlag(out, `cue:${cue.type}`);
  }
  if (endsWithQuestion(turn.text)) {
    addFlag(out, 'turn:question');
  }
  if (turn.index === 0) {
    addFlag(out, 'turn:first');
  }
  const previous = previousTurn(context, turn.index);
  if (previous !== null && !isCustomerTurn(context, previous)) {
    addText(out, 'p', previous.text);
    if (endsWithQuestion(previous.text)) {
      addFlag(out, 'previous:question');
    }
  }
  const reply = nextTurn(context, turn.index, false);
  if (reply === null) {
    addFlag(out, 'reply:none');
  } else {
    addText(out, 'n', reply.text);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Features of the exchange after an objection for the depth model: the
 * objection type, the depth the rules gave, the words of the first rep turn
 * and of the customer's reply to it, and the form of the second rep turn.
 */
export function depthFeatures(
  context: DetectionContext,
  hooks: ExchangeHooks,
  turnIndex: number,
  type: ObjectionType,
  ruleDepth: HandlingDepth,
): number[] {
  const out = new Set<number>([BIAS_FEATURE]);
  addFlag(out, `type:${type}`);
  addFlag(out, `rule:${ruleDepth}`);
  const firstRep = nextTurn(context, turnIndex, false);
  if (firstRep === null) {
    addFlag(out, 'rep:none');
    return [...out].sort((a, b) => a - b);
  }
  addText(out, 'r', firstRep.text);
  addFlag(out, `rep:limit:${hooks.limitAt(firstRep.index)}`);
  if (endsWithQuestion(firstRep.text)) {
    addFlag(out, 'rep:question');
  }
  const answer = nextTurn(context, firstRep.index, true);
  if (answer !== null && answer.index <= firstRep.index + 3) {
    addText(out, 'c', answer.text);
    const answerCue = hooks.cueTypeAt(answer.index);
    if (answerCue !== null) {
      addFlag(out, answerCue === type ? 'answer:same-objection' : 'answer:other-objection');
    }
    if (REPEAT_MARKER.test(answer.text)) {
      addFlag(out, 'answer:repeats');
    }
    const secondRep = nextTurn(context, answer.index, false);
    if (secondRep !== null && secondRep.index <= answer.index + 3) {
      addFlag(out, endsWithQuestion(secondRep.text) ? 'second:question' : 'second:statement');
    }
  } else {
    addFlag(out, 'answer:none');
  }
  return [...out].sort((a, b) => a - b);
}
