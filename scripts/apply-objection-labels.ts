/**
 * Replaces the objection labels of the raw corpus with the adjudicated
 * labels in data/relabel/objections.jsonl and derives `objection_ignored`
 * from them: one label on the first rep turn after each objection of depth
 * 0. Other pitfall labels stay as they are. Run it with
 * `npx tsx scripts/apply-objection-labels.ts`, then
 * `npx tsx scripts/split-corpus.ts`.
 */

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ObjectionLabel {
  turn: number;
  type: string;
  depth: number;
}

interface PitfallLabel {
  type: string;
  turn: number;
}

interface RawConversation {
  id: string;
  turns: { speaker: string }[];
  pitfalls: PitfallLabel[];
  objections: ObjectionLabel[];
}

const dataDirectory = fileURLToPath(new URL('../data', import.meta.url));
const rawDirectory = join(dataDirectory, 'raw');
const labelsPath = join(dataDirectory, 'relabel', 'objections.jsonl');

// The raw files use the spacing of Python's json module, kept so a change shows only the labels that moved.
function serialise(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(serialise).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(([key, field]) => `${JSON.stringify(key)}: ${serialise(field)}`);
    return `{${fields.join(', ')}}`;
  }
  return JSON.stringify(value);
}

function ignoredAnchors(conversation: RawConversation, objections: readonly ObjectionLabel[]): number[] {
  const anchors: number[] = [];
  for (const objection of objections) {
    if (objection.depth !== 0) {
      continue;
    }
    const next = conversation.turns.findIndex((turn, index) => index > objection.turn && turn.speaker === 'rep');
    if (next >= 0 && !anchors.includes(next)) {
      anchors.push(next);
    }
  }
  return anchors;
}

function relabel(conversation: RawConversation, objections: readonly ObjectionLabel[]): RawConversation {
  const sorted = [...objections].sort((a, b) => a.turn - b.turn);
  for (const objection of sorted) {
    if (conversation.turns[objection.turn]?.speaker !== 'customer') {
      throw new Error(`${conversation.id}: objection on turn ${objection.turn}, which is not a customer turn.`);
    }
  }
  const otherPitfalls = conversation.pitfalls.filter((pitfall) => pitfall.type !== 'objection_ignored');
  const ignored = ignoredAnchors(conversation, sorted).map((turn) => ({ type: 'objection_ignored', turn }));
  const pitfalls = [...otherPitfalls, ...ignored].sort((a, b) => a.turn - b.turn);
  return { ...conversation, pitfalls, objections: sorted.map(({ type, turn, depth }) => ({ type, turn, depth })) };
}

async function readLabels(): Promise<Map<string, ObjectionLabel[]>> {
  const labels = new Map<string, ObjectionLabel[]>();
  for (const line of (await readFile(labelsPath, 'utf8')).split('\n')) {
    if (line.trim() !== '') {
      const entry = JSON.parse(line) as { id: string; objections: ObjectionLabel[] };
      labels.set(entry.id, entry.objections);
    }
  }
  return labels;
}

async function main(): Promise<void> {
  const labels = await readLabels();
  const files = (await readdir(rawDirectory)).filter((name) => name.endsWith('.jsonl')).sort();
  let changed = 0;
  for (const name of files) {
    const path = join(rawDirectory, name);
    const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const output = lines.map((line) => {
      const conversation = JSON.parse(line) as RawConversation;
      const objections = labels.get(conversation.id);
      if (objections === undefined) {
        throw new Error(`${conversation.id} in ${name} has no entry in ${labelsPath}. Add one, with an empty list if the call has no objection.`);
      }
      labels.delete(conversation.id);
      const updated = serialise(relabel(conversation, objections));
      changed += updated === line ? 0 : 1;
      return updated;
    });
    await writeFile(path, `${output.join('\n')}\n`, 'utf8');
  }
  if (labels.size > 0) {
    throw new Error(`${labels.size} labelled ids are not in the raw corpus, first ${[...labels.keys()][0]}. Remove them from ${labelsPath}.`);
  }
  console.log(`relabelled ${changed} conversations in ${files.length} files`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
