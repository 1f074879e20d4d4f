/**
 * Replaces the objection labels of a corpus with those of its blind
 * relabelling and derives `objection_ignored` from them: one label on the
 * first rep turn after each objection of depth 0. Other pitfall labels stay
 * as they are. `npx tsx scripts/apply-objection-labels.ts` writes
 * data/relabel/objections.jsonl into data/raw (then run
 * `npx tsx scripts/split-corpus.ts`); with `--set train-extra` it writes
 * data/relabel/train-extra/objections.jsonl into data/train-extra.
 */

import { readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkLabelLine, parseJsonLine } from './objection-labels.js';
import type { ObjectionLabel } from './objection-labels.js';

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

/** Each relabelled corpus: the folder of its labelled files and the file of its new objection labels. */
const LABEL_SETS: Record<string, { corpus: string; labels: string }> = {
  raw: { corpus: join(dataDirectory, 'raw'), labels: join(dataDirectory, 'relabel', 'objections.jsonl') },
  'train-extra': { corpus: join(dataDirectory, 'train-extra'), labels: join(dataDirectory, 'relabel', 'train-extra', 'objections.jsonl') },
};

function chooseSet(args: readonly string[]): { corpus: string; labels: string } {
  const usage = `usage: npx tsx scripts/apply-objection-labels.ts [--set ${Object.keys(LABEL_SETS).join('|')}]`;
  if (args.length === 0) {
    return LABEL_SETS.raw as { corpus: string; labels: string };
  }
  const chosen = args.length === 2 && args[0] === '--set' && Object.hasOwn(LABEL_SETS, args[1] as string) ? LABEL_SETS[args[1] as string] : undefined;
  if (chosen === undefined) {
    throw new Error(`unknown arguments "${args.join(' ')}"; ${usage}`);
  }
  return chosen;
}

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
    const speaker = conversation.turns[objection.turn]?.speaker;
    if (speaker !== 'customer') {
      const found = speaker === undefined ? `the call has ${conversation.turns.length} turns` : 'that is a rep turn';
      throw new Error(`${conversation.id}: objection on turn ${objection.turn}, but ${found}. Put it on the customer turn that raises it.`);
    }
  }
  const otherPitfalls = conversation.pitfalls.filter((pitfall) => pitfall.type !== 'objection_ignored');
  const ignored = ignoredAnchors(conversation, sorted).map((turn) => ({ type: 'objection_ignored', turn }));
  const pitfalls = [...otherPitfalls, ...ignored].sort((a, b) => a.turn - b.turn);
  return { ...conversation, pitfalls, objections: sorted.map(({ type, turn, depth }) => ({ type, turn, depth })) };
}

function parseCorpusLine(line: string, where: string): RawConversation {
  const conversation = parseJsonLine(line, where);
  const { id, turns, pitfalls } = (conversation ?? {}) as Partial<RawConversation>;
  if (typeof id !== 'string' || !Array.isArray(turns) || !Array.isArray(pitfalls)) {
    throw new Error(`${where}: not a labelled conversation with "id", "turns" and "pitfalls". Fix the line.`);
  }
  return conversation as RawConversation;
}

async function readLabels(labelsPath: string): Promise<Map<string, ObjectionLabel[]>> {
  const labels = new Map<string, ObjectionLabel[]>();
  let text: string;
  try {
    text = await readFile(labelsPath, 'utf8');
  } catch (error) {
    const writer = labelsPath.includes('train-extra') ? 'npx tsx scripts/merge-objection-review.ts' : 'the relabelling in data/relabel/README.md';
    throw new Error(`cannot read ${labelsPath} (${error instanceof Error ? error.message : String(error)}). It is written by ${writer}.`);
  }
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      continue;
    }
    const where = `${labelsPath}:${index + 1}`;
    const { id, objections } = checkLabelLine(parseJsonLine(line, where), where);
    if (labels.has(id)) {
      throw new Error(`${where}: ${id} appears a second time. Keep one line per conversation.`);
    }
    labels.set(id, objections);
  }
  return labels;
}

async function main(): Promise<void> {
  const { corpus, labels: labelsPath } = chooseSet(process.argv.slice(2));
  const labels = await readLabels(labelsPath);
  const files = (await readdir(corpus)).filter((name) => name.endsWith('.jsonl')).sort();
  const outputs: Array<{ path: string; text: string }> = [];
  const unused = new Set(labels.keys());
  let changed = 0;
  // Every file is rewritten in memory first, so a label or corpus error leaves the corpus as it was. A failed write
  // can still leave the files written before it, and `git checkout data/` restores them.
  for (const name of files) {
    const path = join(corpus, name);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const output = lines.flatMap((line, index) => {
      if (line.trim() === '') {
        return [];
      }
      const conversation = parseCorpusLine(line, `${path}:${index + 1}`);
      const objections = labels.get(conversation.id);
      if (objections === undefined) {
        throw new Error(`${conversation.id} in ${name} has no entry in ${labelsPath}. Add one, with an empty list if the call has no objection.`);
      }
      unused.delete(conversation.id);
      const updated = serialise(relabel(conversation, objections));
      changed += updated === line ? 0 : 1;
      return [updated];
    });
    outputs.push({ path, text: `${output.join('\n')}\n` });
  }
  if (unused.size > 0) {
    throw new Error(`${unused.size} labelled id(s) are not in ${corpus}, first ${[...unused][0]}. Remove them from ${labelsPath}.`);
  }
  for (const { path, text } of outputs) {
    await writeFile(`${path}.tmp`, text, 'utf8');
    await rename(`${path}.tmp`, path);
  }
  console.log(`wrote the labels into ${files.length} files; ${changed} conversations changed`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
