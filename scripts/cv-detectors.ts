/**
 * Cross-validates the learned objection layer on the train split: splits the
 * conversations into k folds by the hash of their ids, trains on k-1 folds,
 * analyses the held-out fold, and scores all held-out folds together. This is
 * how features, regularisation and thresholds are chosen, so that dev and
 * test stay unseen. Usage:
 * `npx tsx scripts/cv-detectors.ts [file] [--folds 5] [--rules] [--thresholds 0.35,0.35,0.5,0.35;...]`,
 * where each threshold set is vetoStrong,vetoWeak,add,depth (LEARNED_THRESHOLDS by default).
 */

import { splitKey } from '../src/eval/split.js';
import { computeMetrics } from '../src/eval/metrics.js';
import type { ScoredConversation } from '../src/eval/metrics.js';
import { readGoldFile, toTranscript } from '../src/eval/gold.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import { trainDetectorModel } from '../src/pitfalls/model/train.js';
import type { DetectorModel } from '../src/pitfalls/model/detector-model.js';
import { LEARNED_THRESHOLDS } from '../src/pitfalls/objections.js';
import type { LearnedThresholds } from '../src/pitfalls/objections.js';

const args = process.argv.slice(2);
const foldsAt = args.indexOf('--folds');
const folds = foldsAt >= 0 ? Number(args[foldsAt + 1]) : 5;
const rulesOnly = args.includes('--rules');
const thresholdsAt = args.indexOf('--thresholds');
const file = args.find((arg, index) => !arg.startsWith('--') && !['--folds', '--thresholds'].includes(args[index - 1] ?? '')) ?? 'data/train.jsonl';
const grid: LearnedThresholds[] =
  thresholdsAt < 0
    ? [LEARNED_THRESHOLDS]
    : (args[thresholdsAt + 1] ?? '').split(';').map((set) => {
        const [vetoStrong, vetoWeak, add, depth] = set.split(',').map(Number);
        return { vetoStrong: vetoStrong ?? 0, vetoWeak: vetoWeak ?? 0, add: add ?? 1, depth: depth ?? 1 };
      });

const conversations = await readGoldFile(file);
const ordered = [...conversations].sort((a, b) => (splitKey(a.id) < splitKey(b.id) ? -1 : 1));
const foldOf = new Map(ordered.map((conversation, index) => [conversation.id, index % folds]));

const models: Array<DetectorModel | null> = [];
for (let fold = 0; fold < folds; fold++) {
  const training = conversations.filter((conversation) => foldOf.get(conversation.id) !== fold);
  models.push(
    rulesOnly
      ? null
      : trainDetectorModel(training.map((conversation) => ({ transcript: toTranscript(conversation), objections: conversation.objections }))),
  );
}

const figure = (value: number | null): string => (value === null ? '-' : value.toFixed(3));
for (const thresholds of grid) {
  const scored: ScoredConversation[] = conversations.map((gold) => ({
    gold,
    analysis: analyzeTranscript(toTranscript(gold), undefined, { model: models[foldOf.get(gold.id) as number] ?? null, learnedThresholds: thresholds }),
  }));
  const metrics = computeMetrics(scored);
  const objections = metrics.objections;
  const ignored = metrics.pitfalls.perType.find((score) => score.type === 'objection_ignored');
  console.log(
    [
      `${folds}-fold CV on ${file} (${conversations.length} conversations${rulesOnly ? ', rules only' : `, thresholds ${Object.values(thresholds).join(',')}`})`,
      `macro-F1 ${figure(metrics.pitfalls.macroF1)}  objection_ignored F1 ${figure(ignored?.f1 ?? null)} (gold ${ignored?.gold}, predicted ${ignored?.predicted}, matched ${ignored?.truePositives})`,
      `objection F1 ${figure(objections.f1)} (P ${figure(objections.precision)} R ${figure(objections.recall)})  type accuracy ${figure(objections.typeAccuracy)}`,
      `depth accuracy ${figure(objections.depthAccuracy)}  depth MAE ${figure(objections.depthMae)}`,
      `depth confusion (gold rows, predicted columns): ${objections.depthConfusion.map((row) => row.join(' ')).join(' | ')}`,
    ].join('\n'),
  );
}
