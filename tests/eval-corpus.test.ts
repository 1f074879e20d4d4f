import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { readGoldFile } from '../src/eval/gold.js';
import type { GoldConversation } from '../src/eval/gold.js';
import { SPLIT_NAMES, splitConversations } from '../src/eval/split.js';

const rawDirectory = 'data/raw';
const rawFiles = readdirSync(rawDirectory)
  .filter((name) => name.endsWith('.jsonl'))
  .sort();

async function readAll(files: string[]): Promise<GoldConversation[]> {
  const conversations: GoldConversation[] = [];
  for (const file of files) {
    conversations.push(...(await readGoldFile(file)));
  }
  return conversations;
}

const raw = await readAll(rawFiles.map((name) => join(rawDirectory, name)));

// Labelled files outside the split: the extra writers' training files and the held-out writers' files.
function jsonlFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(directory, name));
}

const extra = await readAll(jsonlFiles('data/train-extra'));
const heldOutWriters = await readAll(jsonlFiles('data/holdout-writers'));

function hasTimings(conversation: GoldConversation): boolean {
  return conversation.turns.every((turn) => turn.startMs !== undefined && turn.endMs !== undefined);
}

function labelledTurns(conversation: GoldConversation, type: string): number[] {
  return conversation.pitfalls.filter((pitfall) => pitfall.type === type).map((pitfall) => pitfall.turn);
}

function lastRepTurn(conversation: GoldConversation): number {
  return conversation.turns.map((turn) => turn.speaker).lastIndexOf('rep');
}

// Rep spans as the monologue definition has them: customer turns under 2 s do not break a span.
function repSpans(conversation: GoldConversation): Array<{ firstTurn: number; durationMs: number }> {
  const spans: Array<{ firstTurn: number; durationMs: number }> = [];
  const { turns } = conversation;
  let index = 0;
  while (index < turns.length) {
    if (turns[index]!.speaker !== 'rep') {
      index += 1;
      continue;
    }
    const firstTurn = index;
    let endMs = turns[index]!.endMs!;
    index += 1;
    while (index < turns.length) {
      const turn = turns[index]!;
      if (turn.speaker === 'rep') {
        endMs = Math.max(endMs, turn.endMs!);
      } else if (turn.endMs! - turn.startMs! >= 2000) {
        break;
      }
      index += 1;
    }
    spans.push({ firstTurn, durationMs: endMs - turns[firstTurn]!.startMs! });
  }
  return spans;
}

describe('raw corpus', () => {
  it('parses every raw file', () => {
    expect(rawFiles.length).toBeGreaterThan(0);
    expect(raw.length).toBeGreaterThan(0);
  });

  it('uses unique ids across files', () => {
    const ids = raw.map((conversation) => conversation.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has 300 Mandarin conversations', () => {
    expect(raw.filter((conversation) => conversation.lang === 'zh')).toHaveLength(300);
  });

  it('keeps 4 to 20 turns per conversation', () => {
    const outside = raw.filter((conversation) => conversation.turns.length < 4 || conversation.turns.length > 20);
    expect(outside.map((conversation) => conversation.id)).toEqual([]);
  });
});

describe('writers outside the split', () => {
  it('adds 900 training conversations', () => {
    expect(extra).toHaveLength(900);
  });

  it('holds 225 conversations of held-out writers', () => {
    expect(heldOutWriters).toHaveLength(225);
  });

  it('uses ids unique across all labelled files', () => {
    const ids = [...raw, ...extra, ...heldOutWriters].map((conversation) => conversation.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each([
  { name: 'raw corpus', corpus: raw },
  { name: 'extra writers', corpus: extra },
  { name: 'held-out writers', corpus: heldOutWriters },
])('$name labels', ({ corpus }) => {
  it('pairs depth 0 with objection_ignored', () => {
    const mismatched: string[] = [];
    for (const conversation of corpus) {
      const ignoredTurns = new Set(labelledTurns(conversation, 'objection_ignored'));
      const expectedTurns = new Set<number>();
      for (const objection of conversation.objections) {
        const nextRep = conversation.turns.findIndex((turn, index) => index > objection.turn && turn.speaker === 'rep');
        // An objection in the call's last customer turn has no rep turn to anchor the pitfall on.
        if (objection.depth === 0 && nextRep >= 0) {
          expectedTurns.add(nextRep);
        }
      }
      if ([...ignoredTurns].sort().join() !== [...expectedTurns].sort().join()) {
        mismatched.push(conversation.id);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('anchors no_next_step on ended calls of 60 s or more', () => {
    const misplaced: string[] = [];
    for (const conversation of corpus) {
      for (const turn of labelledTurns(conversation, 'no_next_step')) {
        const lastEnd = Math.max(...conversation.turns.map((candidate) => candidate.endMs ?? 0));
        const tooShort = hasTimings(conversation) && lastEnd - conversation.turns[0]!.startMs! < 60_000;
        if (!conversation.callEnded || turn !== lastRepTurn(conversation) || tooShort) {
          misplaced.push(`${conversation.id}#${turn}`);
        }
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('labels every rep span over 90 s as monologue', () => {
    const mismatched: string[] = [];
    for (const conversation of corpus.filter(hasTimings)) {
      const expected = repSpans(conversation)
        .filter((span) => span.durationMs > 90_000)
        .map((span) => span.firstTurn);
      if (labelledTurns(conversation, 'monologue').sort().join() !== expected.sort().join()) {
        mismatched.push(conversation.id);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('labels interruptions only on overlaps over 1 s', () => {
    const mismatched: string[] = [];
    for (const conversation of corpus.filter(hasTimings)) {
      for (const turn of labelledTurns(conversation, 'interruption')) {
        // A rep backchannel inside the customer turn may stand between the two.
        const previous = conversation.turns
          .slice(0, turn)
          .reverse()
          .find((candidate) => candidate.speaker === 'customer');
        const current = conversation.turns[turn]!;
        if (previous?.speaker !== 'customer' || previous.endMs! - current.startMs! <= 1000) {
          mismatched.push(`${conversation.id}#${turn}`);
        }
      }
    }
    expect(mismatched).toEqual([]);
  });
});

describe('corpus splits', () => {
  const splitFiles = SPLIT_NAMES.map((name) => join('data', `${name}.jsonl`));

  it('matches a fresh split of the raw files', async () => {
    expect(splitFiles.every((file) => existsSync(file))).toBe(true);
    const expected = splitConversations(raw);
    for (const name of SPLIT_NAMES) {
      const written = await readGoldFile(join('data', `${name}.jsonl`));
      expect(written.map((conversation) => conversation.id)).toEqual(expected[name].map((conversation) => conversation.id));
    }
  });

  it('stratifies each language 60/20/20', () => {
    const splits = splitConversations(raw);
    for (const language of ['zh', 'en', 'mixed'] as const) {
      const total = raw.filter((conversation) => conversation.lang === language).length;
      const train = splits.train.filter((conversation) => conversation.lang === language).length;
      const dev = splits.dev.filter((conversation) => conversation.lang === language).length;
      expect(train).toBe(Math.round(total * 0.6));
      expect(dev).toBe(Math.round(total * 0.2));
    }
  });
});
