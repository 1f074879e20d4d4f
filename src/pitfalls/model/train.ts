/**
 * Trains the learned objection layer from labelled conversations: builds the
 * same features the analysis builds, fits one-vs-all logistic regressions
 * with ml-logistic-regression, and returns the model in the file format of
 * detector-model.ts. Training is deterministic: the same input gives the same
 * weights.
 */

import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import type { HandlingDepth, ObjectionType } from '../../domain/pitfalls.js';
import type { Transcript } from '../../domain/transcript.js';
import { buildDetectionContext, isCustomerTurn } from '../context.js';
import { followExchange } from '../depth.js';
import { analyzeTranscript } from '../index.js';
import { exchangeHooks, findCues } from '../objections.js';
import { parseDetectionSettings } from '../settings.js';
import { depthFeatures, FEATURE_DIMENSIONS, objectionFeatures } from './features.js';
import type { DetectorModel } from './detector-model.js';

/** One labelled conversation as training reads it. */
export interface TrainingConversation {
  transcript: Transcript;
  objections: ReadonlyArray<{ type: ObjectionType; turn: number; depth: number }>;
}

/** How long gradient descent runs; the defaults are what `npm run train` uses. */
export interface TrainingOptions {
  steps?: number;
  learningRate?: number;
  /** Name of the training file, recorded in the model. */
  file?: string;
}

interface Row {
  features: number[];
  label: number;
}

const WEIGHT_DECIMALS = 1000;

// Only the buckets some row sets get a column, which gives the same weights as the full
// matrix (a column of zeros has no gradient) in a fraction of the time.
function toMatrix(rows: readonly Row[]): { features: Matrix; labels: Matrix; columns: number[] } {
  const columns = [...new Set(rows.flatMap((row) => row.features))].sort((a, b) => a - b);
  const columnOf = new Map(columns.map((feature, index) => [feature, index]));
  const features = new Matrix(rows.length, columns.length);
  rows.forEach((row, index) => {
    for (const feature of row.features) {
      features.set(index, columnOf.get(feature) as number, 1);
    }
  });
  return { features, labels: Matrix.columnVector(rows.map((row) => row.label)), columns };
}

function rounded(weights: Matrix, columns: readonly number[], sign: number): number[] {
  const full = new Array<number>(FEATURE_DIMENSIONS).fill(0);
  weights.to1DArray().forEach((weight, index) => {
    full[columns[index] as number] = Math.round(sign * weight * WEIGHT_DECIMALS) / WEIGHT_DECIMALS;
  });
  return full;
}

// ml-logistic-regression trains classifier i with target 0 for class i, so sigmoid(w·x) is P(not i).
function fitOneVsAll(rows: readonly Row[], classCount: number, steps: number, learningRate: number): number[][] {
  const { features, labels, columns } = toMatrix(rows);
  const regression = new LogisticRegression({ numSteps: steps, learningRate });
  regression.train(features, labels);
  if (regression.numberClasses !== classCount) {
    throw new RangeError(`training data has ${regression.numberClasses} classes, expected ${classCount}`);
  }
  return regression.classifiers.map((classifier) => rounded(classifier.weights, columns, -1));
}

/** Builds the training rows and fits the presence, type and depth models. */
export function trainDetectorModel(conversations: readonly TrainingConversation[], options: TrainingOptions = {}): DetectorModel {
  const steps = options.steps ?? 120;
  const learningRate = options.learningRate ?? 0.001;
  const settings = parseDetectionSettings({});
  const presence: Row[] = [];
  const typed: Array<{ features: number[]; type: ObjectionType }> = [];
  const depths: Array<{ features: number[]; depth: HandlingDepth }> = [];

  for (const conversation of conversations) {
    const context = buildDetectionContext(conversation.transcript, settings);
    const findings = analyzeTranscript(conversation.transcript, undefined, { model: null }).findings;
    const cues = findCues(context);
    const hooks = exchangeHooks(context, findings, cues);
    const gold = new Map(conversation.objections.map((objection) => [objection.turn, objection]));
    for (const turn of context.turns) {
      if (!isCustomerTurn(context, turn) || turn.backchannel) {
        continue;
      }
      const features = objectionFeatures(context, turn, cues.get(turn.index) ?? null);
      const objection = gold.get(turn.index);
      presence.push({ features, label: objection === undefined ? 0 : 1 });
      if (objection === undefined) {
        continue;
      }
      typed.push({ features, type: objection.type });
      const topicWords = new Set(hooks.contentWordsAt(turn.index));
      const outcome = followExchange(context, { turnIndex: turn.index, type: objection.type, topicWords }, hooks);
      depths.push({ features: depthFeatures(context, hooks, turn.index, objection.type, outcome.depth), depth: objection.depth as HandlingDepth });
    }
  }

  const objections = presence.filter((row) => row.label === 1).length;
  if (objections === 0 || objections === presence.length) {
    throw new RangeError(
      `cannot train on ${conversations.length} conversation(s) with ${objections} labelled objection(s) in ${presence.length} customer turn(s): ` +
        'the learned layer needs customer turns both with and without an objection, so add labelled conversations of both kinds',
    );
  }
  const typeClasses = [...new Set(typed.map((row) => row.type))].sort();
  const depthClasses = [...new Set(depths.map((row) => row.depth))].sort((a, b) => a - b);
  const [, objectionWeights] = fitOneVsAll(presence, 2, steps, learningRate);
  return {
    format: 1,
    dimensions: FEATURE_DIMENSIONS,
    trainedOn: { file: options.file ?? '', conversations: conversations.length, customerTurns: presence.length, objections: typed.length },
    presence: objectionWeights ?? [],
    type: {
      classes: typeClasses,
      weights: fitOneVsAll(typed.map((row) => ({ features: row.features, label: typeClasses.indexOf(row.type) })), typeClasses.length, steps, learningRate),
    },
    depth: {
      classes: depthClasses,
      weights: fitOneVsAll(depths.map((row) => ({ features: row.features, label: depthClasses.indexOf(row.depth) })), depthClasses.length, steps, learningRate),
    },
  };
}
