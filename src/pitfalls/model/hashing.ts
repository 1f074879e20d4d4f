/**
 * Hashes text into the sparse feature buckets of the learned layer:
 * character 1- to 3-grams of Chinese runs, and words and word pairs of Latin
 * text, each keyed by a prefix that names the turn the text came from.
 */

import type { TurnView } from '../context.js';

/** Number of hash buckets of a feature vector, which the model file records too. */
export const FEATURE_DIMENSIONS = 32768;

/** Bucket 0 is always set, so every linear model has an intercept. */
export const BIAS_FEATURE = 0;

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

const BUCKET_BITS = 15;
const BUCKET_MODULUS = (1 << BUCKET_BITS) - 1;

// Bucket 0 is kept for the bias. The unsigned hash modulo 2^15 - 1 is taken by adding its 15-bit digits, which
// stays in integer arithmetic and gives the same bucket as the remainder.
function bucket(hash: number): number {
  let folded = (hash & BUCKET_MODULUS) + ((hash >>> BUCKET_BITS) & BUCKET_MODULUS) + (hash >>> (2 * BUCKET_BITS));
  folded = (folded & BUCKET_MODULUS) + (folded >>> BUCKET_BITS);
  return 1 + (folded >= BUCKET_MODULUS ? folded - BUCKET_MODULUS : folded);
}

/** Returns the bucket of a named flag such as `cue:price`. */
export function flagBucket(name: string): number {
  return bucket(hashString(FNV_OFFSET, `#${name}`));
}

/** FNV states after the keys of one prefix: n-grams of size 1 to 3, a word and a word pair. */
interface KeyHashes {
  grams: readonly [number, number, number];
  word: number;
  pair: number;
}

// Every gram's hash starts with its key, so the states after the keys are computed once per prefix.
const keyHashes = new Map<string, KeyHashes>();

function keyHashesOf(prefix: string): KeyHashes {
  let keys = keyHashes.get(prefix);
  if (keys === undefined) {
    keys = {
      grams: [hashString(FNV_OFFSET, `${prefix}1`), hashString(FNV_OFFSET, `${prefix}2`), hashString(FNV_OFFSET, `${prefix}3`)],
      word: hashString(FNV_OFFSET, `${prefix}w`),
      pair: hashString(FNV_OFFSET, `${prefix}b`),
    };
    keyHashes.set(prefix, keys);
  }
  return keys;
}

const SPACE = 0x20;

/** Calls `visit` with the bucket and the span of every n-gram, word and word pair in the first 240 UTF-16 units of the text. */
export function forEachGram(prefix: string, text: string, visit: (bucket: number, start: number, end: number) => void): void {
  const clipped = text.length > MAX_CHARS_HASHED ? text.slice(0, MAX_CHARS_HASHED) : text;
  const keys = keyHashesOf(prefix);
  HAN_RUN.lastIndex = 0;
  for (let match = HAN_RUN.exec(clipped); match !== null; match = HAN_RUN.exec(clipped)) {
    const runEnd = match.index + match[0].length;
    for (let index = match.index; index < runEnd; index++) {
      for (let size = 1; size <= 3 && index + size <= runEnd; size++) {
        visit(bucket(hashString(keys.grams[size - 1] as number, clipped, index, index + size)), index, index + size);
      }
    }
  }
  LATIN_WORD.lastIndex = 0;
  let previousStart = -1;
  let previousEnd = 0;
  for (let match = LATIN_WORD.exec(clipped); match !== null; match = LATIN_WORD.exec(clipped)) {
    const start = match.index;
    const end = start + match[0].length;
    if (previousStart >= 0) {
      const pairHash = hashString(Math.imul(hashString(keys.pair, clipped, previousStart, previousEnd) ^ SPACE, FNV_PRIME), clipped, start, end);
      visit(bucket(pairHash), previousStart, end);
    }
    visit(bucket(hashString(keys.word, clipped, start, end)), start, end);
    previousStart = start;
    previousEnd = end;
  }
}

function hashText(prefix: string, text: string): number[] {
  const out: number[] = [];
  forEachGram(prefix, text, (value) => out.push(value));
  return out;
}

// The same turn text is hashed for several turns, so its buckets are cached per turn object.
const textCache = new WeakMap<TurnView, Map<string, number[]>>();

/**
 * Collects the distinct buckets of one feature vector. It marks buckets in a
 * reused array instead of a Set, because features are built for every turn
 * of every call.
 */
export class FeatureBuilder {
  private readonly seen = new Uint8Array(FEATURE_DIMENSIONS);
  private readonly buckets: number[] = [];

  /** Adds a bucket once. */
  add(value: number): void {
    if (this.seen[value] === 0) {
      this.seen[value] = 1;
      this.buckets.push(value);
    }
  }

  /** Adds the buckets of a turn's text under a prefix. */
  addText(prefix: string, turn: TurnView): void {
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
      this.add(value);
    }
  }

  /** Adds the bucket of a named flag. */
  addFlag(name: string): void {
    this.add(flagBucket(name));
  }

  /** Returns the buckets added since `start`, bias first. */
  finish(): number[] {
    return this.buckets.slice();
  }

  /** Starts a vector that contains the bias bucket only, dropping what an interrupted vector left. */
  start(): void {
    for (const value of this.buckets) {
      this.seen[value] = 0;
    }
    this.buckets.length = 0;
    this.add(BIAS_FEATURE);
  }
}
