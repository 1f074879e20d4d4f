/**
 * Assigns labelled conversations to the train, dev and test splits. The
 * assignment depends only on the conversation ids, so re-running the split
 * over the same corpus gives the same files.
 */

import { createHash } from 'node:crypto';

import { GOLD_LANGUAGES } from './gold.js';
import type { GoldConversation } from './gold.js';

/** Names of the corpus splits, in the order they are filled. */
export const SPLIT_NAMES = ['train', 'dev', 'test'] as const;

export type SplitName = (typeof SPLIT_NAMES)[number];

/** Share of each language's conversations that goes to each split. */
export const SPLIT_FRACTIONS: Record<SplitName, number> = { train: 0.6, dev: 0.2, test: 0.2 };

/** Returns the sha256 of a conversation id in hex, which orders conversations for the split. */
export function splitKey(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

interface SplitEntry {
  conversation: GoldConversation;
  key: string;
}

function compareSplitEntries(a: SplitEntry, b: SplitEntry): number {
  if (a.key !== b.key) {
    return a.key < b.key ? -1 : 1;
  }
  return a.conversation.id.localeCompare(b.conversation.id);
}

/**
 * Splits conversations 60/20/20, stratified by language. Within each language
 * the conversations are ordered by `splitKey`, and the first 60 % (rounded)
 * go to train, the next 20 % to dev and the rest to test. Each split is
 * returned sorted by id.
 *
 * Adding conversations to a language can move other conversations of that
 * language to another split, so the split is re-run only when data is added.
 */
export function splitConversations(conversations: readonly GoldConversation[]): Record<SplitName, GoldConversation[]> {
  const splits: Record<SplitName, GoldConversation[]> = { train: [], dev: [], test: [] };

  for (const language of GOLD_LANGUAGES) {
    const ordered = conversations
      .filter((conversation) => conversation.lang === language)
      .map((conversation): SplitEntry => ({ conversation, key: splitKey(conversation.id) }))
      .sort(compareSplitEntries)
      .map((entry) => entry.conversation);

    const trainCount = Math.round(ordered.length * SPLIT_FRACTIONS.train);
    const devCount = Math.round(ordered.length * SPLIT_FRACTIONS.dev);
    splits.train.push(...ordered.slice(0, trainCount));
    splits.dev.push(...ordered.slice(trainCount, trainCount + devCount));
    splits.test.push(...ordered.slice(trainCount + devCount));
  }

  for (const name of SPLIT_NAMES) {
    splits[name].sort((a, b) => a.id.localeCompare(b.id));
  }
  return splits;
}
