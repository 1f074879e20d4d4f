/**
 * Trains the learned layer from labelled conversations: builds the same
 * features the analysis builds, fits one-vs-all logistic regressions with
 * ml-logistic-regression for objections and one binary logistic regression
 * per phrase-level pitfall type, and returns the model in the file format of
 * detector-model.ts. Training is deterministic: the same input gives the same
 * weights.
 */

import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { PHRASE_PITFALL_TYPES } from '../../domain/pitfalls.js';
import type { HandlingDepth, ObjectionType, PhrasePitfallType, PitfallType } from '../../domain/pitfalls.js';
import type { Transcript } from '../../domain/transcript.js';
import { buildDetectionContext, isCustomerTurn } from '../context.js';
import { followExchange } from '../depth.js';
import { analyzeTranscript } from '../index.js';
import { exchangeHooks, findCues } from '../objections.js';
import { parseDetectionSettings } from '../settings.js';
import { depthFeatures, FEATURE_DIMENSIONS, objectionFeatures, pitfallFeatures } from './features.js';
import { BinaryRowsMatrix } from './binary-rows-matrix.js';
import type { DetectorModel } from './detector-model.js';

/** One labelled conversation as training reads it. */
export interface TrainingConversation {
  transcript: Transcript;
  objections: ReadonlyArray<{ type: ObjectionType; turn: number; depth: number }>;
  /** The labelled pitfalls; without them the pitfall models learn nothing. */
  pitfalls?: ReadonlyArray<{ type: PitfallType; turn: number }>;
}

/** How long gradient descent runs; the defaults are what `npm run train` uses. */
export interface TrainingOptions {
  steps?: number;
  /**
   * Step size of gradient descent for the mean over the training rows. The library sums the
   * gradient over rows, so each fit divides this by its row count: without that, more data
   * would mean larger steps and an overconfident model.
   */
  learningRate?: number;
  /** Name of the training file, recorded in the model. */
  file?: string;
}

interface Row {
  features: number[];
  label: number;
}

const WEIGHT_DECIMALS = 1000;
// The presence model's earlier step (0.001 on its 2,792 customer turns) as a mean-gradient step. The type
// and depth models, fitted on fewer rows, now take larger steps than their earlier 0.001.
const DEFAULT_LEARNING_RATE = 2.8;
// Rep turns without a label or a rule finding are many and alike, so only every third one is a training row.
const UNREMARKABLE_TURN_SAMPLE = 3;

interface RepTurnRow {
  features: number[];
  labels: Set<PitfallType>;
}

// Only the buckets some row sets get a column, which gives the same weights as the full
// matrix (a column of zeros has no gradient) in a fraction of the time.
function toMatrix(rows: readonly Row[]): { features: Matrix; labels: Matrix; columns: number[] } {
  const columns = [...new Set(rows.flatMap((row) => row.features))].sort((a, b) => a - b);
  const columnOf = new Map(columns.map((feature, index) => [feature, index]));
  // Ascending columns sum in the order of the dense product, so finite weights are the same to the last bit.
  const ones = rows.map((row) => [...new Set(row.features.map((feature) => columnOf.get(feature) as number))].sort((a, b) => a - b));
  return { features: new BinaryRowsMatrix(ones, columns.length), labels: Matrix.columnVector(rows.map((row) => row.label)), columns };
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
  const regression = new LogisticRegression({ numSteps: steps, learningRate: learningRate / rows.length });
  regression.train(features, labels);
  if (regression.numberClasses !== classCount) {
    throw new RangeError(`training data has ${regression.numberClasses} classes, expected ${classCount}`);
  }
  return regression.classifiers.map((classifier) => rounded(classifier.weights, columns, -1));
}

/** Builds the training rows and fits the presence, type and depth models. */
export function trainDetectorModel(conversations: readonly TrainingConversation[], options: TrainingOptions = {}): DetectorModel {
  const steps = options.steps ?? 120;
  const learningRate = options.learningRate ?? DEFAULT_LEARNING_RATE;
  const settings = parseDetectionSettings({});
  const presence: Row[] = [];
  const typed: Array<{ features: number[]; type: ObjectionType }> = [];
  const depths: Array<{ features: number[]; depth: HandlingDepth }> = [];
  const repTurns: RepTurnRow[] = [];
  let unremarkable = 0;

  for (const conversation of conversations) {
    const context = buildDetectionContext(conversation.transcript, settings);
    const findings = analyzeTranscript(conversation.transcript, undefined, { model: null }).findings;
    const cues = findCues(context);
    // Analysis rates objections before it derives `objection_ignored`, so the objection features never see that type.
    const hooks = exchangeHooks(
      context,
      findings.filter((finding) => finding.type !== 'objection_ignored'),
      cues,
    );
    const gold = new Map(conversation.objections.map((objection) => [objection.turn, objection]));
    for (const turn of context.turns) {
      if (turn.speaker === 'rep' && !turn.backchannel && conversation.transcript.rolesKnown) {
        const ruleTypes = new Set(findings.filter((finding) => finding.turnIndex === turn.index).map((finding) => finding.type));
        const labels = new Set((conversation.pitfalls ?? []).filter((pitfall) => pitfall.turn === turn.index).map((pitfall) => pitfall.type));
        if (labels.size > 0 || ruleTypes.size > 0 || unremarkable++ % UNREMARKABLE_TURN_SAMPLE === 0) {
          repTurns.push({ features: pitfallFeatures(context, turn, ruleTypes), labels });
        }
      }
      if (!isCustomerTurn(context, turn) || turn.backchannel) {
        continue;
      }
      const features = objectionFeatures(context, turn, cues.get(turn.index) ?? null, hooks.pitfallsAt);
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
    format: 2,
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
    pitfalls: fitPitfallModels(repTurns, steps, learningRate),
  };
}

// Fits one binary model per phrase-level type.
function fitPitfallModels(rows: readonly RepTurnRow[], steps: number, learningRate: number): DetectorModel['pitfalls'] {
  const types: PhrasePitfallType[] = [];
  const weights: number[][] = [];
  for (const type of PHRASE_PITFALL_TYPES) {
    const labelled = rows.map((row) => ({ features: row.features, label: row.labels.has(type) ? 1 : 0 }));
    // A type with no labelled turn, or with nothing but labelled turns, has nothing to separate.
    if (!labelled.some((row) => row.label === 1) || labelled.every((row) => row.label === 1)) {
      continue;
    }
    types.push(type);
    weights.push(fitOneVsAll(labelled, 2, steps, learningRate)[1] ?? []);
  }
  return { types, weights };
}
