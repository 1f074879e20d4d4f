/**
 * The labelled conversations that anything learning from data reads: the
 * train split and every file under data/train-extra/. Dev, test and the
 * holdout are never part of it.
 */

import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCallscoreError } from '../src/errors/registry.js';
import { readGoldFile, toTranscript } from '../src/eval/gold.js';
import type { GoldConversation } from '../src/eval/gold.js';
import type { TrainingConversation } from '../src/pitfalls/model/train.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const EXTRA_DIR = join(root, 'data/train-extra');

/** Lists the default training files: the train split, then the extra writers' files in name order, w2 before w10. */
export function defaultTrainingFiles(): string[] {
  const extra = readdirSync(EXTRA_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => join(EXTRA_DIR, name));
  return [join(root, 'data/train.jsonl'), ...extra];
}

/**
 * Names a file by its path from the project root, with forward slashes, as
 * the model file records it. A file outside the project keeps its absolute path.
 */
export function projectPath(file: string): string {
  const absolute = resolve(file);
  const inside = relative(root, absolute);
  return inside.startsWith('..') ? absolute : inside.split('\\').join('/');
}

/** Reads and validates every file (relative paths from the working folder), in order, and rejects a conversation id that occurs twice. */
export async function readTrainingSet(files: readonly string[]): Promise<GoldConversation[]> {
  const resolvedFiles = files.map((file) => resolve(file));
  const repeated = resolvedFiles.find((file, index) => resolvedFiles.indexOf(file) !== index);
  if (repeated !== undefined) {
    throw new Error(`training file ${projectPath(repeated)} is given twice; pass each file once`);
  }
  const conversations: GoldConversation[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const conversation of await readLabelledFile(file)) {
      const earlier = seen.get(conversation.id);
      if (earlier !== undefined) {
        throw new Error(`conversation id ${conversation.id} is duplicated in ${projectPath(earlier)} and ${projectPath(file)}; rename one of them, because ids must be unique across training files`);
      }
      seen.set(conversation.id, file);
      conversations.push(conversation);
    }
  }
  return conversations;
}

// The gold reader's message for an unreadable file points to --gold, which the training scripts do not take.
async function readLabelledFile(file: string): Promise<GoldConversation[]> {
  try {
    return await readGoldFile(resolve(file));
  } catch (error) {
    if (isCallscoreError(error, 'CS_ERR_GOLD_UNREADABLE')) {
      throw new Error(`Cannot read training file ${file}: ${String(error.params.reason)}. Check the path, or pass no file to train on data/train.jsonl and data/train-extra/.`);
    }
    throw error;
  }
}

/**
 * Runs a training script's main part and prints a failure as one line with
 * its message, without a stack trace, and exits with status 1.
 */
export async function runScript(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/**
 * Names the writer of a conversation from its id: `w3-zh-007` is writer w3,
 * and the first corpus's ids (`zh-0042`, `en-0007`, `mixed-0010`) belong to
 * its Mandarin writer and its English and mixed writer.
 */
export function writerOf(id: string): string {
  const extra = /^(w\d+)-/.exec(id);
  if (extra) return extra[1] as string;
  return id.startsWith('zh-') ? 'corpus-zh' : 'corpus-en-mixed';
}

/** Turns a labelled conversation into what training reads: the transcript, its objections and its pitfalls. */
export function trainingConversation(conversation: GoldConversation): TrainingConversation {
  return { transcript: toTranscript(conversation), objections: conversation.objections, pitfalls: conversation.pitfalls };
}
