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
const APOSTROPHE = 0x27;

// True for a character of the CJK Unified Ideographs block (U+4E00 to U+9FFF), the range the n-grams cover.
function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

function isLatinLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Appends the bucket of every n-gram, word and word pair in the first 240
 * UTF-16 units of the text to `buckets`, and its start and end to `spans`
 * when given. Chinese runs come first, then the Latin words and numbers
 * (`[a-z][a-z']*` or `[0-9]+`), each in text order. The order matters,
 * because it sets the order in which a model adds up the weights.
 */
function hashGrams(prefix: string, text: string, buckets: number[], spans: number[] | null): void {
  // The scan uses character tests rather than regular expressions, because every turn is hashed under several
  // prefixes and every regular expression match allocates an array.
  const end = Math.min(text.length, MAX_CHARS_HASHED);
  const keys = keyHashesOf(prefix);

  let runEnd = 0;
  for (let runStart = 0; runStart < end; runStart = runEnd) {
    runEnd = runStart + 1;
    if (!isHan(text.charCodeAt(runStart))) {
      continue;
    }
    while (runEnd < end && isHan(text.charCodeAt(runEnd))) {
      runEnd++;
    }
    for (let index = runStart; index < runEnd; index++) {
      for (let size = 1; size <= 3 && index + size <= runEnd; size++) {
        buckets.push(bucket(hashString(keys.grams[size - 1] as number, text, index, index + size)));
        spans?.push(index, index + size);
      }
    }
  }

  let previousStart = -1;
  let previousEnd = 0;
  let wordEnd = 0;
  for (let start = 0; start < end; start = wordEnd) {
    const code = text.charCodeAt(start);
    wordEnd = start + 1;
    if (isLatinLetter(code)) {
      while (wordEnd < end && (isLatinLetter(text.charCodeAt(wordEnd)) || text.charCodeAt(wordEnd) === APOSTROPHE)) {
        wordEnd++;
      }
    } else if (isDigit(code)) {
      while (wordEnd < end && isDigit(text.charCodeAt(wordEnd))) {
        wordEnd++;
      }
    } else {
      continue;
    }
    if (previousStart >= 0) {
      const pairHash = hashString(Math.imul(hashString(keys.pair, text, previousStart, previousEnd) ^ SPACE, FNV_PRIME), text, start, wordEnd);
      buckets.push(bucket(pairHash));
      spans?.push(previousStart, wordEnd);
    }
    buckets.push(bucket(hashString(keys.word, text, start, wordEnd)));
    spans?.push(start, wordEnd);
    previousStart = start;
    previousEnd = wordEnd;
  }
}

/** Calls `visit` with the bucket and the span of every n-gram, word and word pair in the first 240 UTF-16 units of the text. */
export function forEachGram(prefix: string, text: string, visit: (bucket: number, start: number, end: number) => void): void {
  const buckets: number[] = [];
  const spans: number[] = [];
  hashGrams(prefix, text, buckets, spans);
  for (let index = 0; index < buckets.length; index++) {
    visit(buckets[index] as number, spans[2 * index] as number, spans[2 * index + 1] as number);
  }
}

function hashText(prefix: string, text: string): number[] {
  const buckets: number[] = [];
  hashGrams(prefix, text, buckets, null);
  return buckets;
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
  // The array keeps its largest length and `count` is the length of the current vector, because setting
  // the length to 0 makes V8 free the backing store, which then grows again for every vector.
  private readonly buckets: number[] = [];
  private count = 0;

  /** Adds a bucket once. */
  add(value: number): void {
    if (this.seen[value] === 0) {
      this.seen[value] = 1;
      this.buckets[this.count++] = value;
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
    return this.buckets.slice(0, this.count);
  }

  /** Starts a vector that contains the bias bucket only, dropping what an interrupted vector left. */
  start(): void {
    for (let index = 0; index < this.count; index++) {
      this.seen[this.buckets[index] as number] = 0;
    }
    this.count = 0;
    this.add(BIAS_FEATURE);
  }
}
