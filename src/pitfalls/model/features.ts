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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// FNV-1a over UTF-16 units, fed piece by piece so no key string is built.
function hashString(hash: number, text: string, start = 0, end = text.length): number {
  let value = hash;
  for (let index = start; index < end; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, FNV_PRIME);
  }
  return value;
}

// Bucket 0 is kept for the bias.
function bucket(hash: number): number {
  return 1 + ((hash >>> 0) % (FEATURE_DIMENSIONS - 1));
}

function hashKey(key: string): number {
  return bucket(hashString(FNV_OFFSET, key));
}

function hashText(prefix: string, text: string): number[] {
  const out: number[] = [];
  const clipped = text.length > MAX_CHARS_HASHED ? text.slice(0, MAX_CHARS_HASHED) : text;
  HAN_RUN.lastIndex = 0;
  for (let match = HAN_RUN.exec(clipped); match !== null; match = HAN_RUN.exec(clipped)) {
    const run = match[0];
    for (let index = 0; index < run.length; index++) {
      for (let size = 1; size <= 3 && index + size <= run.length; size++) {
        out.push(bucket(hashString(hashString(FNV_OFFSET, `${prefix}${size}`), run, index, index + size)));
      }
    }
  }
  const words = clipped.match(LATIN_WORD) ?? [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string;
    const wordHash = hashString(hashString(FNV_OFFSET, `${prefix}w`), word);
    out.push(bucket(wordHash));
    if (index + 1 < words.length) {
      const pairHash = hashString(hashString(hashString(FNV_OFFSET, `${prefix}b`), word), ` ${words[index + 1] as string}`);
      out.push(bucket(pairHash));
    }
  }
  return out;
}

// The same turn text is hashed for several customer turns, so its buckets are cached per turn object.
const textCache = new WeakMap<TurnView, Map<string, number[]>>();

function addText(out: Set<number>, prefix: string, turn: TurnView): void {
  let byPrefix = textCache.get(turn);
  if (byPrefix === undefined) {
    byPrefix = new Map();
    textCache.set(turn, byPrefix);
  }
  let buckets = byPrefix.get(prefix);
  if (buckets === undefined) {
    buckets = hashText(prefix, turn.text);
    byPrefix.set(prefix, buckets);
  }
  for (const value of buckets) {
    out.add(value);
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
  let end = text.length - 1;
  while (end >= 0 && /[\s。.]/.test(text.charAt(end))) {
    end--;
  }
  const last = text.charAt(end);
  return last === '?' || last === '？' || last === '吗' || last === '呢';
}

/**
 * Builds the features of a customer turn for the objection presence and type models:
 * the turn's own words, the rep turn before and after it, the rule cue, and
 * where the turn sits in the call.
 */
export function objectionFeatures(context: DetectionContext, turn: TurnView, cue: CueEvidence | null): number[] {
  const out = new Set<number>([BIAS_FEATURE]);
  addText(out, 't', turn);
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
    addText(out, 'p', previous);
    if (endsWithQuestion(previous.text)) {
      addFlag(out, 'previous:question');
    }
  }
  const reply = nextTurn(context, turn.index, false);
  if (reply === null) {
    addFlag(out, 'reply:none');
  } else {
    addText(out, 'n', reply);
  }
  return [...out];
}

/**
 * Builds the features of the exchange after an objection for the depth model:
 * the objection type, the depth the rules gave, the words of the first rep
 * turn and of the customer's reply to it, and the form of the second rep turn.
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
    return [...out];
  }
  addText(out, 'r', firstRep);
  addFlag(out, `rep:limit:${hooks.limitAt(firstRep.index)}`);
  if (endsWithQuestion(firstRep.text)) {
    addFlag(out, 'rep:question');
  }
  const answer = nextTurn(context, firstRep.index, true);
  if (answer !== null && answer.index <= firstRep.index + 3) {
    addText(out, 'c', answer);
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
  return [...out];
}
