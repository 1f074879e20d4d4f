/**
 * Cross-validates the learned layer on the training set (the
 * train split and data/train-extra/, or the files given). It splits the
 * conversations into k folds by the hash of their ids, or by writer with
 * `--by-writer`. Each fold is analysed by a model trained on the other
 * folds, and all held-out folds are scored together. Folds by writer measure
 * what the bar requires: detection on wording from a writer the training
 * never saw. This is how features, regularisation and thresholds are chosen,
 * so that dev and test stay unseen. `--hold-out w8,w9` makes folds of those
 * writers only, and the other writers' conversations always train. Usage:
 * `npx tsx scripts/cv-detectors.ts [files...] [--folds 5 | --by-writer [--hold-out w8,w9]] [--rules] [--thresholds 0.35,0.35,0.5,0.35,0.5;...]`,
 * where each threshold set is vetoStrong,vetoWeak,add,depth,pitfall (LEARNED_THRESHOLDS by default).
 */

import { splitKey } from '../src/eval/split.js';
import { computeMetrics } from '../src/eval/metrics.js';
import type { ScoredConversation } from '../src/eval/metrics.js';
import { toTranscript } from '../src/eval/gold.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import { trainDetectorModel } from '../src/pitfalls/model/train.js';
import type { DetectorModel } from '../src/pitfalls/model/detector-model.js';
import { LEARNED_THRESHOLDS } from '../src/pitfalls/objections.js';
import type { LearnedThresholds } from '../src/pitfalls/objections.js';
import { defaultTrainingFiles, readTrainingSet, runScript, trainingConversation, writerOf } from './training-set.js';

const USAGE = 'usage: npx tsx scripts/cv-detectors.ts [files...] [--folds N | --by-writer [--hold-out w8,w9]] [--rules] [--thresholds a,b,c,d,e;...]';
const VALUE_FLAGS = ['--folds', '--thresholds', '--hold-out'];
const SWITCHES = ['--by-writer', '--rules'];

// Reads the command line and rejects what the script would otherwise misread or ignore.
function parseArgs(args: readonly string[]): { files: string[]; folds: number | null; holdOut: string[]; rulesOnly: boolean; grid: LearnedThresholds[] } {
  const files: string[] = [];
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (VALUE_FLAGS.includes(arg)) {
      const value = args[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value; ${USAGE}`);
      values.set(arg, value);
      index++;
    } else if (SWITCHES.includes(arg)) {
      values.set(arg, '');
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}; ${USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (values.has('--by-writer') && values.has('--folds')) throw new Error(`--folds and --by-writer exclude each other; ${USAGE}`);
  if (values.has('--hold-out') && !values.has('--by-writer')) throw new Error(`--hold-out needs --by-writer; ${USAGE}`);
  const holdOut = [...new Set((values.get('--hold-out') ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''))];
  if (values.has('--hold-out') && holdOut.length === 0) throw new Error(`--hold-out needs at least one writer name, such as w8,w9; ${USAGE}`);

  const foldText = values.get('--folds') ?? '5';
  const folds = Number(foldText);
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`--folds must be a whole number of at least 2, got "${foldText}"`);

  const thresholdText = values.get('--thresholds');
  const grid =
    thresholdText === undefined
      ? [LEARNED_THRESHOLDS]
      : thresholdText.split(';').map((set) => {
          const numbers = set.split(',').map(Number);
          if (numbers.length !== 5 || numbers.some((value) => !Number.isFinite(value) || value < 0)) {
            throw new Error(`--thresholds takes sets of five probabilities vetoStrong,vetoWeak,add,depth,pitfall separated by ";", got "${set}"`);
          }
          const [vetoStrong, vetoWeak, add, depth, pitfall] = numbers as [number, number, number, number, number];
          return { vetoStrong, vetoWeak, add, depth, pitfall };
        });
  return { files: files.length > 0 ? files : defaultTrainingFiles(), folds: values.has('--by-writer') ? null : folds, holdOut, rulesOnly: values.has('--rules'), grid };
}

await runScript(async () => {
  const { files, folds: foldCount, holdOut, rulesOnly, grid } = parseArgs(process.argv.slice(2));
  const byWriter = foldCount === null;
  const conversations = await readTrainingSet(files);
  const foldOf = new Map<string, number>();
  const foldNames: string[] = [];
  if (byWriter) {
    const writers = [...new Set(conversations.map((conversation) => writerOf(conversation.id)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (writers.length < 2) throw new Error(`--by-writer needs conversations of at least two writers, got ${writers.join(', ') || 'none'}`);
    const unknown = holdOut.filter((name) => !writers.includes(name));
    if (unknown.length > 0) throw new Error(`--hold-out names ${unknown.join(', ')}, who wrote none of the conversations given; use some of ${writers.join(', ')}`);
    foldNames.push(...(holdOut.length > 0 ? holdOut : writers));
    // A writer outside --hold-out has fold -1: always in training, never scored.
    for (const conversation of conversations) foldOf.set(conversation.id, foldNames.indexOf(writerOf(conversation.id)));
  } else {
    const count = foldCount;
    if (count > conversations.length) throw new Error(`--folds ${count} is more than the ${conversations.length} conversations given`);
    const ordered = [...conversations].sort((a, b) => (splitKey(a.id) < splitKey(b.id) ? -1 : 1));
    ordered.forEach((conversation, index) => foldOf.set(conversation.id, index % count));
    for (let fold = 0; fold < count; fold++) foldNames.push(`fold ${fold + 1}`);
  }
  const folds = foldNames.length;

  const models: Array<DetectorModel | null> = [];
  for (let fold = 0; fold < folds; fold++) {
    const training = conversations.filter((conversation) => foldOf.get(conversation.id) !== fold);
    models.push(
      rulesOnly
        ? null
        : trainDetectorModel(training.map(trainingConversation)),
    );
  }

  const figure = (value: number | null): string => (value === null ? '-' : value.toFixed(3));
  for (const thresholds of grid) {
    const scored: ScoredConversation[] = conversations.filter((gold) => (foldOf.get(gold.id) as number) >= 0).map((gold) => ({
      gold,
      analysis: analyzeTranscript(toTranscript(gold), undefined, { model: models[foldOf.get(gold.id) as number] ?? null, learnedThresholds: thresholds }),
    }));
    const metrics = computeMetrics(scored);
    const objections = metrics.objections;
    const ignored = metrics.pitfalls.perType.find((score) => score.type === 'objection_ignored');
    console.log(
      [
        `${byWriter ? `CV by writer (${foldNames.join(', ')})` : `${folds}-fold CV`} on ${scored.length} conversations (${files.length} files${rulesOnly ? ', rules only' : `, thresholds ${Object.values(thresholds).join(',')}`})`,
        `macro-F1 ${figure(metrics.pitfalls.macroF1)}  objection_ignored F1 ${figure(ignored?.f1 ?? null)} (gold ${ignored?.gold}, predicted ${ignored?.predicted}, matched ${ignored?.truePositives})`,
        `objection F1 ${figure(objections.f1)} (P ${figure(objections.precision)} R ${figure(objections.recall)})  type accuracy ${figure(objections.typeAccuracy)}`,
        `depth accuracy ${figure(objections.depthAccuracy)}  depth MAE ${figure(objections.depthMae)}`,
        `depth confusion (gold rows, predicted columns): ${objections.depthConfusion.map((row) => row.join(' ')).join(' | ')}`,
        `F1 per type: ${metrics.pitfalls.perType.map((score) => `${score.type} ${figure(score.f1)}`).join(', ')}`,
      ].join('\n'),
    );
    if (byWriter) {
      for (const [fold, name] of foldNames.entries()) {
        const heldOut = computeMetrics(scored.filter(({ gold }) => foldOf.get(gold.id) === fold));
        console.log(
          `  held-out writer ${name}: macro-F1 ${figure(heldOut.pitfalls.macroF1)}  objection F1 ${figure(heldOut.objections.f1)}  depth accuracy ${figure(heldOut.objections.depthAccuracy)}`,
        );
      }
    }
  }
});
