/**
 * Retrains the learned layer and writes the model file that
 * analysis loads: `npm run train`. It trains on the train split and every
 * file under data/train-extra/. Labelled files given as arguments replace
 * that set.
 */

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DETECTOR_MODEL_URL } from '../src/pitfalls/model/detector-model.js';
import { trainDetectorModel } from '../src/pitfalls/model/train.js';
import { defaultTrainingFiles, projectPath, readTrainingSet, runScript, trainingConversation } from './training-set.js';

await runScript(async () => {
  const files = process.argv.length > 2 ? process.argv.slice(2) : defaultTrainingFiles();
  const conversations = await readTrainingSet(files);
  const model = trainDetectorModel(conversations.map(trainingConversation), { file: files.map(projectPath).join(', ') });
  writeFileSync(DETECTOR_MODEL_URL, `${JSON.stringify(model)}\n`);
  console.log(
    `trained on ${model.trainedOn.conversations} conversations (${model.trainedOn.customerTurns} customer turns, ${model.trainedOn.objections} objections) from ${model.trainedOn.file}; wrote ${fileURLToPath(DETECTOR_MODEL_URL)}`,
  );
});
