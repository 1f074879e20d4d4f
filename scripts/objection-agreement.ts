/**
 * Prints the agreement between the two blind objection labellings in
 * data/relabel/labels/, where two labellers marked each call, and of each
 * labelling with the labels the corpus had before. Detection F1 matches
 * objections on the turn, and type and depth agreement are shares of the
 * turns both marked. Run it with
 * `npx tsx scripts/objection-agreement.ts`. With `--set train-extra` it
 * compares, for data/train-extra/, the first labelling, its review, the
 * final labels and the writers' own labels (data/relabel/train-extra/).
 */

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readLabelLines } from './objection-labels.js';
import type { ObjectionLabel } from './objection-labels.js';

type Labelling = Map<string, Map<number, ObjectionLabel>>;

const relabelDirectory = fileURLToPath(new URL('../data/relabel', import.meta.url));

async function readLabelFile(path: string, into: Labelling): Promise<void> {
  for (const entry of readLabelLines(path)) {
    into.set(entry.id, new Map(entry.objections.map((objection) => [objection.turn, objection])));
  }
}

function compare(first: Labelling, second: Labelling, ids: readonly string[]): string {
  let matched = 0;
  let onlyFirst = 0;
  let onlySecond = 0;
  let sameType = 0;
  let sameDepth = 0;
  for (const id of ids) {
    const a = first.get(id) ?? new Map<number, ObjectionLabel>();
    const b = second.get(id) ?? new Map<number, ObjectionLabel>();
    for (const [turn, label] of a) {
      const other = b.get(turn);
      if (other === undefined) {
        onlyFirst++;
        continue;
      }
      matched++;
      sameType += label.type === other.type ? 1 : 0;
      sameDepth += label.depth === other.depth ? 1 : 0;
    }
    onlySecond += [...b.keys()].filter((turn) => !a.has(turn)).length;
  }
  const f1 = matched === 0 ? 0 : (2 * matched) / (2 * matched + onlyFirst + onlySecond);
  const share = (count: number): string => (matched === 0 ? '-' : (count / matched).toFixed(3));
  return `detection F1 ${f1.toFixed(3)} (both ${matched}, first only ${onlyFirst}, second only ${onlySecond}), type ${share(sameType)}, depth ${share(sameDepth)}`;
}

function perCall(labelling: Labelling, ids: readonly string[]): string {
  const total = ids.reduce((sum, id) => sum + (labelling.get(id)?.size ?? 0), 0);
  return (total / ids.length).toFixed(2);
}

// Reads the label files of a folder into one labelling keyed by the anonymous ids.
async function readFolder(folder: string): Promise<Labelling> {
  const labelling: Labelling = new Map();
  for (const name of (await readdir(folder)).filter((file) => file.endsWith('.jsonl')).sort()) {
    await readLabelFile(join(folder, name), labelling);
  }
  return labelling;
}

async function compareTrainExtra(): Promise<void> {
  const folder = join(relabelDirectory, 'train-extra');
  const idMap = JSON.parse(await readFile(join(folder, 'ids.json'), 'utf8')) as Record<string, string>;
  const first = await readFolder(join(folder, 'labels'));
  const review = await readFolder(join(folder, 'review'));
  const final: Labelling = new Map();
  const before: Labelling = new Map();
  await readLabelFile(join(folder, 'objections.jsonl'), final);
  await readLabelFile(join(folder, 'before.jsonl'), before);

  const byAnonymousId = (labelling: Labelling): Labelling => new Map(Object.entries(idMap).map(([id, corpusId]) => [id, labelling.get(corpusId) ?? new Map()]));
  const finalById = byAnonymousId(final);
  const beforeById = byAnonymousId(before);
  const ids = Object.keys(idMap);

  // The labellings are keyed by the anonymous ids, the final and earlier labels by corpus id.
  const covers = (labelling: Labelling, byCorpusId: boolean) => (id: string) => labelling.has(byCorpusId ? (idMap[id] as string) : id);
  const sources = [
    ['labels/', covers(first, false)],
    ['review/', covers(review, false)],
    ['objections.jsonl', covers(final, true)],
    ['before.jsonl', covers(before, true)],
  ] as const;
  for (const [name, has] of sources) {
    const missing = ids.filter((id) => !has(id));
    if (missing.length > 0) {
      throw new Error(`${name} has no labels for ${missing.length} of the ${ids.length} calls, first ${missing[0]}. Add the label file with that call.`);
    }
  }

  console.log(`train-extra: ${ids.length} calls; objections per call: first ${perCall(first, ids)}, review ${perCall(review, ids)}, final ${perCall(finalById, ids)}, writers ${perCall(beforeById, ids)}`);
  console.log(`  first vs review: ${compare(first, review, ids)}`);
  console.log(`  first vs final: ${compare(first, finalById, ids)}`);
  console.log(`  first vs writers: ${compare(first, beforeById, ids)}`);
  console.log(`  final vs writers: ${compare(finalById, beforeById, ids)}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) {
    if (args.join(' ') !== '--set train-extra') {
      throw new Error(`unknown arguments "${args.join(' ')}"; usage: npx tsx scripts/objection-agreement.ts [--set train-extra]`);
    }
    await compareTrainExtra();
    return;
  }
  const idMap = JSON.parse(await readFile(join(relabelDirectory, 'ids.json'), 'utf8')) as Record<string, string>;
  const labelDirectory = join(relabelDirectory, 'labels');
  // Each chunk file cNN was labelled by two labellers: the first and second labelling take one each, by labeller name order.
  const byChunk = new Map<string, string[]>();
  for (const name of (await readdir(labelDirectory)).filter((file) => file.endsWith('.jsonl')).sort()) {
    const chunk = name.replace(/^L\d+-/, '');
    byChunk.set(chunk, [...(byChunk.get(chunk) ?? []), name]);
  }
  const first: Labelling = new Map();
  const second: Labelling = new Map();
  for (const [chunk, names] of byChunk) {
    if (names.length !== 2) {
      throw new Error(`Chunk ${chunk} has ${names.length} labellings, expected 2.`);
    }
    await readLabelFile(join(labelDirectory, names[0]!), first);
    await readLabelFile(join(labelDirectory, names[1]!), second);
  }
  const before: Labelling = new Map();
  await readLabelFile(join(relabelDirectory, 'before.jsonl'), before);
  // The earlier labels are keyed by corpus id, the labellings by the anonymous ids the labellers saw.
  const beforeById: Labelling = new Map();

  const groups = new Map<string, string[]>();
  for (const id of first.keys()) {
    const corpusId = idMap[id];
    if (corpusId === undefined) {
      throw new Error(`Label id ${id} is not in ids.json.`);
    }
    const group = /^w\d+-/.test(corpusId) ? 'later writers' : 'first corpus';
    groups.set(group, [...(groups.get(group) ?? []), id]);
    beforeById.set(id, before.get(corpusId) ?? new Map());
  }
  for (const [group, ids] of groups) {
    console.log(`${group}: ${ids.length} calls; objections per call: first ${perCall(first, ids)}, second ${perCall(second, ids)}, before ${perCall(beforeById, ids)}`);
    console.log(`  first vs second: ${compare(first, second, ids)}`);
    console.log(`  first vs before: ${compare(first, beforeById, ids)}`);
    console.log(`  second vs before: ${compare(second, beforeById, ids)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
