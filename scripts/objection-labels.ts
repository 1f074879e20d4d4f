/**
 * Reads the objection label files of the relabelling scripts: one JSON
 * object per line with a call `id` and its `objections`, checked as the gold
 * reader checks them, so no script writes or compares labels it would reject.
 */

import { readFileSync } from 'node:fs';

import { OBJECTION_TYPES } from '../src/domain/pitfalls.js';

/** An objection label: the customer turn, the objection type and the handling depth. */
export interface ObjectionLabel {
  turn: number;
  type: string;
  depth: number;
}

/** A label line: a call id and its objections. */
export interface LabelLine {
  id: string;
  objections: ObjectionLabel[];
}

/** Parses one line of a JSON-lines file; `where` names the file and line for the error. */
export function parseJsonLine(line: string, where: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    throw new Error(`${where}: invalid JSON (${error instanceof Error ? error.message : String(error)}). Fix the line.`);
  }
}

/** Parses every line of a JSON-lines file that is not blank, numbering lines as an editor does, blank lines included. */
export function readJsonLines(path: string): Array<{ value: unknown; where: string }> {
  const rows: Array<{ value: unknown; where: string }> = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() !== '') {
        const where = `${path}:${index + 1}`;
        rows.push({ value: parseJsonLine(line, where), where });
      }
    });
  return rows;
}

/** Checks a parsed label line: a call id, and objections with a known type, a depth of 0 to 4 and one label per turn. */
export function checkLabelLine(entry: unknown, where: string): LabelLine {
  const { id, objections } = (entry ?? {}) as { id?: unknown; objections?: unknown };
  if (typeof id !== 'string' || id === '') {
    throw new Error(`${where}: missing "id". Give the call id, such as "zh-0001".`);
  }
  if (!Array.isArray(objections)) {
    throw new Error(`${where}: ${id} has no "objections" list. Write [] for a call without objections.`);
  }
  const turns = new Set<number>();
  for (const objection of objections as Array<Partial<ObjectionLabel> | null>) {
    if (objection === null || typeof objection !== 'object') {
      throw new Error(`${where}: ${id} has an objection that is not an object. Write each as {"turn": 2, "type": "price", "depth": 1}.`);
    }
    if (!(OBJECTION_TYPES as readonly string[]).includes(objection.type as string)) {
      throw new Error(`${where}: ${id} has objection type ${JSON.stringify(objection.type)}. Use one of ${OBJECTION_TYPES.join(', ')}.`);
    }
    if (!Number.isInteger(objection.depth) || (objection.depth as number) < 0 || (objection.depth as number) > 4) {
      throw new Error(`${where}: ${id} has depth ${JSON.stringify(objection.depth)}. Use a whole number from 0 to 4.`);
    }
    if (!Number.isInteger(objection.turn)) {
      throw new Error(`${where}: ${id} has turn ${JSON.stringify(objection.turn)}. Use the 0-based index of a customer turn.`);
    }
    if (turns.has(objection.turn as number)) {
      throw new Error(`${where}: ${id} has two objections on turn ${objection.turn}. Keep one, with the type of the main concern.`);
    }
    turns.add(objection.turn as number);
  }
  return { id, objections: objections as ObjectionLabel[] };
}

/** Reads and checks every label line of a file. */
export function readLabelLines(path: string): Array<LabelLine & { where: string }> {
  return readJsonLines(path).map(({ value, where }) => ({ ...checkLabelLine(value, where), where }));
}
