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
 * data/relabel/train-extra/objections.jsonl by corpus id; then run
 * `npx tsx scripts/apply-objection-labels.ts --set train-extra`. Usage:
 * `npx tsx scripts/merge-objection-review.ts`.
 */

import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ObjectionLabel {
  type: string;
  turn: number;
  depth: number;
}

interface CorpusCall {
  id: string;
  turns: { speaker: string }[];
  pitfalls: { type: string; turn: number }[];
}

const OBJECTION_TYPES = ['price', 'timing', 'authority', 'need', 'competitor', 'trust', 'technical', 'terms'];
const dataDirectory = fileURLToPath(new URL('../data', import.meta.url));
const relabelDirectory = join(dataDirectory, 'relabel', 'train-extra');
const FILE_NAME = /^([A-Z]\d+)-(c\d+)\.jsonl$/;

// Numbers lines as an editor does, blank lines included, so an error points at the line to fix.
function readLines<T>(path: string): T[] {
  const rows: T[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') {
        return;
      }
      try {
        rows.push(JSON.parse(line) as T);
      } catch (error) {
        throw new Error(`${path}:${index + 1}: invalid JSON (${error instanceof Error ? error.message : String(error)}); fix the line`);
      }
    });
  return rows;
}

// Rejects a label that apply-objection-labels.ts would reject later, naming the file it is in.
function checkLabels(path: string, id: string, objections: unknown): ObjectionLabel[] {
  if (!Array.isArray(objections)) {
    throw new Error(`${path}: call ${id} has no "objections" list; write [] for a call without objections`);
  }
  const turns = new Set<number>();
  for (const label of objections as Array<Partial<ObjectionLabel> | null>) {
    if (label === null || typeof label !== 'object') {
      throw new Error(`${path}: call ${id} has an objection that is not an object; write each as {"turn": 2, "type": "price", "depth": 1}`);
    }
    if (!OBJECTION_TYPES.includes(label.type as string)) {
      throw new Error(`${path}: call ${id} has objection type ${JSON.stringify(label.type)}; use one of ${OBJECTION_TYPES.join(', ')}`);
    }
    if (!Number.isInteger(label.depth) || (label.depth as number) < 0 || (label.depth as number) > 4) {
      throw new Error(`${path}: call ${id} has depth ${JSON.stringify(label.depth)}; use a whole number from 0 to 4`);
    }
    if (!Number.isInteger(label.turn)) {
      throw new Error(`${path}: call ${id} has turn ${JSON.stringify(label.turn)}; give the 0-based index of the customer turn`);
    }
    if (turns.has(label.turn as number)) {
      throw new Error(`${path}: call ${id} labels turn ${label.turn} twice; keep one objection per turn`);
    }
    turns.add(label.turn as number);
  }
  return objections as ObjectionLabel[];
}

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
      throw new Error(`${folder} has two label files for ${part}; keep one`);
    }
    files.set(part, join(folder, name));
  }
  return files;
}

function readCorpus(): Map<string, CorpusCall> {
  const calls = new Map<string, CorpusCall>();
  const folder = join(dataDirectory, 'train-extra');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.jsonl'))) {
    for (const call of readLines<CorpusCall>(join(folder, name))) {
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
    throw new Error(`unknown arguments "${process.argv.slice(2).join(' ')}"; usage: npx tsx scripts/merge-objection-review.ts (it takes none)`);
  }
  const idsPath = join(relabelDirectory, 'ids.json');
  let ids: Record<string, string>;
  try {
    ids = JSON.parse(readFileSync(idsPath, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new Error(`cannot read ${idsPath} (${error instanceof Error ? error.message : String(error)}); restore it with git checkout`);
  }
  const corpus = readCorpus();
  const firstFiles = labelFiles(join(relabelDirectory, 'labels'));
  const reviewFiles = labelFiles(join(relabelDirectory, 'review'));
  const kept = { concession: 0, pressure: 0 };
  const rows: Array<{ id: string; objections: ObjectionLabel[] }> = [];
  for (const [part, reviewPath] of [...reviewFiles].sort()) {
    const firstPath = firstFiles.get(part);
    if (firstPath === undefined) {
      throw new Error(`${reviewPath} reviews ${part}, which has no first labelling in labels/`);
    }
    const firstByCall = new Map(readLines<{ id: string; objections: unknown }>(firstPath).map((row) => [row.id, checkLabels(firstPath, row.id, row.objections)]));
    for (const row of readLines<{ id: string; objections: unknown }>(reviewPath)) {
      if (row === null || typeof row !== 'object' || typeof row.id !== 'string') {
        throw new Error(`${reviewPath}: a line is not a call's labels; write each line as {"id": "e001", "objections": [...]}`);
      }
      const reviewed = checkLabels(reviewPath, row.id, row.objections);
      const corpusId = ids[row.id];
      const call = corpusId === undefined ? undefined : corpus.get(corpusId);
      const first = firstByCall.get(row.id);
      if (corpusId === undefined || call === undefined || first === undefined) {
        throw new Error(`${reviewPath}: call ${row.id} is missing from ids.json, data/train-extra or ${firstPath}`);
      }
      const firstByTurn = new Map(first.map((label) => [label.turn, label]));
      if (rows.some((earlier) => earlier.id === corpusId)) {
        throw new Error(`${reviewPath}: call ${row.id} is reviewed a second time; keep one line per call`);
      }
      const objections = reviewed.map(({ type, turn, depth }) => {
        const before = firstByTurn.get(turn);
        const reason = before === undefined || before.depth === depth ? null : keepsFirstDepth(call, before, { type, turn, depth });
        if (reason !== null && before !== undefined) {
          kept[reason]++;
          return { type, turn, depth: before.depth };
        }
        return { type, turn, depth };
      });
      rows.push({ id: corpusId, objections: objections.sort((a, b) => a.turn - b.turn) });
    }
  }
  const unreviewed = [...firstFiles.keys()].filter((part) => !reviewFiles.has(part));
  if (unreviewed.length > 0) {
    throw new Error(`labels/ has ${unreviewed.join(', ')} but review/ has no review of it; add the review file`);
  }
  if (rows.length !== corpus.size) {
    const reviewedIds = new Set(rows.map((row) => row.id));
    const first = Object.entries(ids).find(([, corpusId]) => !reviewedIds.has(corpusId));
    throw new Error(`the review covers ${rows.length} calls, data/train-extra has ${corpus.size}, first missing ${first?.[0] ?? 'unknown'}; review every call`);
  }
  rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const output = join(relabelDirectory, 'objections.jsonl');
  writeFileSync(`${output}.tmp`, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`, 'utf8');
  renameSync(`${output}.tmp`, output);
  const count = rows.reduce((sum, row) => sum + row.objections.length, 0);
  console.log(
    `wrote ${count} objections of ${rows.length} calls; first labeller's depth kept on ${kept.concession} concession replies and ${kept.pressure} pressure or benefit replies`,
  );
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
