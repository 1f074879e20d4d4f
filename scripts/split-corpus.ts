/**
 * Validates every labelled conversation in data/raw/*.jsonl and writes the
 * train (60 %), dev (20 %) and test (20 %) splits to data/. Run it with
 * `npx tsx scripts/split-corpus.ts` after adding or changing raw files.
 */

import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { isCallscoreError } from '../src/errors/registry.js';
import { GOLD_LANGUAGES, readGoldFile } from '../src/eval/gold.js';
import type { GoldConversation } from '../src/eval/gold.js';
import { SPLIT_NAMES, splitConversations } from '../src/eval/split.js';

const dataDirectory = fileURLToPath(new URL('../data', import.meta.url));
const rawDirectory = join(dataDirectory, 'raw');

async function readRawCorpus(): Promise<GoldConversation[]> {
  const files = (await readdir(rawDirectory)).filter((name) => name.endsWith('.jsonl')).sort();
  const conversations: GoldConversation[] = [];
  const fileOfId = new Map<string, string>();

  for (const name of files) {
    for (const conversation of await readGoldFile(join(rawDirectory, name))) {
      const firstFile = fileOfId.get(conversation.id);
      if (firstFile !== undefined) {
        throw new Error(`Conversation id "${conversation.id}" appears in both ${firstFile} and ${name}. Rename one of them.`);
      }
      fileOfId.set(conversation.id, name);
      conversations.push(conversation);
    }
  }
  console.log(`read ${conversations.length} conversations from ${files.length} files in ${rawDirectory}`);
  return conversations;
}

async function main(): Promise<void> {
  const splits = splitConversations(await readRawCorpus());

  for (const name of SPLIT_NAMES) {
    const lines = splits[name].map((conversation) => JSON.stringify(conversation));
    await writeFile(join(dataDirectory, `${name}.jsonl`), `${lines.join('\n')}\n`, 'utf8');

    const perLanguage = GOLD_LANGUAGES.map(
      (language) => `${language} ${splits[name].filter((conversation) => conversation.lang === language).length}`,
    ).join(', ');
    console.log(`${name}.jsonl: ${splits[name].length} conversations (${perLanguage})`);
  }
}

main().catch((error: unknown) => {
  console.error(isCallscoreError(error) ? error.message : error);
  process.exitCode = 1;
});
