/**
 * Retrains the learned objection layer on the train split and writes the
 * model file that analysis loads: `npm run train`. Pass another labelled
 * file as the first argument to train on it instead.
 */

import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGoldFile, toTranscript } from '../src/eval/gold.js';
import { DETECTOR_MODEL_URL } from '../src/pitfalls/model/detector-model.js';
import { trainDetectorModel } from '../src/pitfalls/model/train.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = process.argv[2] ?? 'data/train.jsonl';
const conversations = await readGoldFile(file);
const model = trainDetectorModel(
  conversations.map((conversation) => ({ transcript: toTranscript(conversation), objections: conversation.objections })),
  { file: relative(root, file).split('\\').join('/') },
);
writeFileSync(DETECTOR_MODEL_URL, `${JSON.stringify(model)}\n`);
console.log(
  `trained on ${model.trainedOn.conversations} conversations (${model.trainedOn.customerTurns} customer turns, ${model.trainedOn.objections} objections); wrote ${fileURLToPath(DETECTOR_MODEL_URL)}`,
);
