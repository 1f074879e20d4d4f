/**
 * Builds the final objection labels of data/train-extra/ from its blind
 * relabelling (data/relabel/train-extra/): the first labelling of each file
 * (`labels/`), corrected by a review against the project's conventions
 * (`review/`). The review brief's rule on weak replies was read more widely
 * than the conventions mean. So two kinds of review change keep the first
 * labeller's depth. One is any depth change on an objection whose next rep
 * turn makes a concession without approval, because the first corpus rates
 * such replies 3 or 4 in most cases. The other is a raise from 0 to 1 where that
 * rep turn pressures or offers a personal benefit and blames no one. The
 * writers' own pitfall labels of the rep turn decide both. Writes
 * data/relabel/train-extra/objections.jsonl by corpus id. Run
 * `npx tsx scripts/apply-objection-labels.ts --set train-extra` next. Usage:
 * `npx tsx scripts/merge-objection-review.ts`.
 */

import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readJsonLines, readLabelLines } from './objection-labels.js';
import type { ObjectionLabel } from './objection-labels.js';

interface CorpusCall {
  id: string;
  turns: { speaker: string }[];
  pitfalls: { type: string; turn: number }[];
}

const dataDirectory = fileURLToPath(new URL('../data', import.meta.url));
const relabelDirectory = join(dataDirectory, 'relabel', 'train-extra');
const FILE_NAME = /^([A-Z]\d+)-(c\d+)\.jsonl$/;

// Label files by their input file (c01, c02, ...), one labeller per input file.
function labelFiles(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(folder)) {
    const match = FILE_NAME.exec(name);
    if (match === null) {
      continue;
    }
    const part = match[2] as string;
    if (files.has(part)) {
      throw new Error(`${folder} has two label files for ${part}. Keep one.`);
    }
    files.set(part, join(folder, name));
  }
  return files;
}

function readCorpus(): Map<string, CorpusCall> {
  const calls = new Map<string, CorpusCall>();
  const folder = join(dataDirectory, 'train-extra');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.jsonl'))) {
    for (const { value } of readJsonLines(join(folder, name))) {
      const call = value as CorpusCall;
      calls.set(call.id, call);
    }
  }
  return calls;
}

function repPitfallsAfter(call: CorpusCall, turn: number): string[] {
  const next = call.turns.findIndex((candidate, index) => index > turn && candidate.speaker === 'rep');
  return call.pitfalls.filter((pitfall) => pitfall.turn === next).map((pitfall) => pitfall.type);
}

function keepsFirstDepth(call: CorpusCall, first: ObjectionLabel, reviewed: ObjectionLabel): 'concession' | 'pressure' | null {
  const types = repPitfallsAfter(call, reviewed.turn);
  if (types.includes('unauthorized_concession')) {
    return 'concession';
  }
  const pressuresOnly = (types.includes('pressure_tactic') || types.includes('improper_benefit')) && !types.includes('responsibility_evasion');
  return first.depth === 0 && reviewed.depth === 1 && pressuresOnly ? 'pressure' : null;
}

function main(): void {
  if (process.argv.length > 2) {
    throw new Error(`unknown arguments "${process.argv.slice(2).join(' ')}"; usage: npx tsx scripts/merge-objection-review.ts (it takes none).`);
  }
  const idsPath = join(relabelDirectory, 'ids.json');
  let ids: Record<string, string>;
  try {
    ids = JSON.parse(readFileSync(idsPath, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new Error(`cannot read ${idsPath} (${error instanceof Error ? error.message : String(error)}). Restore it with git checkout.`);
  }
  const corpus = readCorpus();
  const firstFiles = labelFiles(join(relabelDirectory, 'labels'));
  const reviewFiles = labelFiles(join(relabelDirectory, 'review'));
  const restored = { concession: 0, pressure: 0 };
  const rows: Array<{ id: string; objections: ObjectionLabel[] }> = [];
  const reviewedIds = new Set<string>();
  for (const [part, reviewPath] of [...reviewFiles].sort()) {
    const firstPath = firstFiles.get(part);
    if (firstPath === undefined) {
      throw new Error(`${reviewPath} reviews ${part}, which has no first labelling in labels/. Add the labels file or remove the review.`);
    }
    const firstByCall = new Map(readLabelLines(firstPath).map((row) => [row.id, row.objections]));
    for (const row of readLabelLines(reviewPath)) {
      const corpusId = ids[row.id];
      const call = corpusId === undefined ? undefined : corpus.get(corpusId);
      const first = firstByCall.get(row.id);
      if (corpusId === undefined || call === undefined || first === undefined) {
        throw new Error(`${row.where}: call ${row.id} is missing from ids.json, data/train-extra or ${firstPath}. Review only calls of the first labelling.`);
      }
      if (reviewedIds.has(corpusId)) {
        throw new Error(`${row.where}: call ${row.id} is reviewed a second time. Keep one line per call.`);
      }
      reviewedIds.add(corpusId);
      const firstByTurn = new Map(first.map((label) => [label.turn, label]));
      const objections = row.objections.map(({ type, turn, depth }) => {
        const before = firstByTurn.get(turn);
        const reason = before === undefined || before.depth === depth ? null : keepsFirstDepth(call, before, { type, turn, depth });
        if (reason !== null && before !== undefined) {
          restored[reason]++;
          return { type, turn, depth: before.depth };
        }
        return { type, turn, depth };
      });
      rows.push({ id: corpusId, objections: objections.sort((a, b) => a.turn - b.turn) });
    }
  }
  const unreviewed = [...firstFiles.keys()].filter((part) => !reviewFiles.has(part));
  if (unreviewed.length > 0) {
    throw new Error(`labels/ has ${unreviewed.join(', ')} but review/ has no review of it. Add the review file.`);
  }
  if (rows.length !== corpus.size) {
    const missing = Object.entries(ids).find(([, corpusId]) => !reviewedIds.has(corpusId));
    throw new Error(`the review covers ${rows.length} calls, data/train-extra has ${corpus.size}, first missing ${missing?.[0] ?? 'unknown'}. Review every call.`);
  }
  rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const output = join(relabelDirectory, 'objections.jsonl');
  writeFileSync(`${output}.tmp`, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`, 'utf8');
  renameSync(`${output}.tmp`, output);
  const count = rows.reduce((sum, row) => sum + row.objections.length, 0);
  console.log(
    `wrote ${count} objections of ${rows.length} calls; first labeller's depth restored on ${restored.concession} concession replies and ${restored.pressure} pressure or benefit replies`,
  );
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
