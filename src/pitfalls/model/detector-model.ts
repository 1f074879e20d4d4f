/**
 * The learned layer at analysis time: loads the committed model file once and
 * scores sparse feature vectors with its logistic models for objection
 * presence, objection type, handling depth and the phrase-level pitfalls.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OBJECTION_TYPES, PHRASE_PITFALL_TYPES } from '../../domain/pitfalls.js';
import type { HandlingDepth, ObjectionType, PhrasePitfallType } from '../../domain/pitfalls.js';
import { FEATURE_DIMENSIONS } from './features.js';

/** Location of the committed model file, which `npm run train` rewrites. */
export const DETECTOR_MODEL_URL = new URL('./detectors.json', import.meta.url);

const weightsSchema = z.array(z.number()).length(FEATURE_DIMENSIONS);

/** The model file: one weight vector per class, with sigmoid(w·x) the class probability. */
export const DetectorModelSchema = z.object({
  format: z.literal(2),
  dimensions: z.literal(FEATURE_DIMENSIONS),
  trainedOn: z.object({ file: z.string(), conversations: z.number().int(), customerTurns: z.number().int(), objections: z.number().int() }),
  presence: weightsSchema,
  type: z.object({ classes: z.array(z.enum(OBJECTION_TYPES)), weights: z.array(weightsSchema) }),
  depth: z.object({ classes: z.array(z.number().int().min(0).max(4)), weights: z.array(weightsSchema) }),
  /** One binary model per phrase-level pitfall type that had labelled turns to learn from. */
  pitfalls: z.object({ types: z.array(z.enum(PHRASE_PITFALL_TYPES)), weights: z.array(weightsSchema) }),
});

/** A parsed detector model. */
export type DetectorModel = z.infer<typeof DetectorModelSchema>;

/** A class chosen by a model with its probability. */
export interface Prediction<T> {
  label: T;
  probability: number;
}

let loaded: { model: DetectorModel; digest: string } | null = null;

/** Parses and validates a model file's JSON text. */
export function parseDetectorModel(json: string): DetectorModel {
  return DetectorModelSchema.parse(JSON.parse(json));
}

function committedModel(): { model: DetectorModel; digest: string } {
  if (loaded === null) {
    const text = readFileSync(DETECTOR_MODEL_URL, 'utf8');
    loaded = { model: parseDetectorModel(text), digest: createHash('sha256').update(text).digest('hex').slice(0, 8) };
  }
  return loaded;
}

/** Returns the committed model, reading it on first use only. */
export function detectorModel(): DetectorModel {
  return committedModel().model;
}

/** Returns the first 8 hex digits of the committed model file's sha256, which changes whenever retraining changes the file. */
export function detectorModelDigest(): string {
  return committedModel().digest;
}

function probability(weights: readonly number[], features: readonly number[]): number {
  let sum = 0;
  for (const feature of features) {
    sum += weights[feature] ?? 0;
  }
  return 1 / (1 + Math.exp(-sum));
}

function best<T>(classes: readonly T[], weights: readonly (readonly number[])[], features: readonly number[]): Prediction<T> {
  let label = classes[0] as T;
  let top = -1;
  let total = 0;
  classes.forEach((candidate, index) => {
    const p = probability(weights[index] ?? [], features);
    total += p;
    if (p > top) {
      top = p;
      label = candidate;
    }
  });
  return { label, probability: total > 0 ? top / total : 0 };
}

/** Computes the probability that a customer turn with these features raises an objection. */
export function objectionProbability(model: DetectorModel, features: readonly number[]): number {
  return probability(model.presence, features);
}

/** Predicts the most likely objection type of a customer turn. */
export function predictObjectionType(model: DetectorModel, features: readonly number[]): Prediction<ObjectionType> {
  return best(model.type.classes, model.type.weights, features);
}

/** Predicts the most likely handling depth of an objection's exchange. */
export function predictDepth(model: DetectorModel, features: readonly number[]): Prediction<HandlingDepth> {
  return best(model.depth.classes as HandlingDepth[], model.depth.weights, features);
}

/** Returns the weight vector of one pitfall type, or null for a type the model has not learned. */
export function pitfallWeights(model: DetectorModel, type: PhrasePitfallType): readonly number[] | null {
  const index = model.pitfalls.types.indexOf(type);
  return index < 0 ? null : (model.pitfalls.weights[index] ?? null);
}

// The pitfall weights of each model laid out bucket by bucket, so that one pass over a turn's features scores every type.
const interleavedPitfallWeights = new WeakMap<DetectorModel, Float64Array>();

function interleavedWeights(model: DetectorModel): Float64Array {
  let table = interleavedPitfallWeights.get(model);
  if (table === undefined) {
    const count = model.pitfalls.weights.length;
    table = new Float64Array(FEATURE_DIMENSIONS * count);
    model.pitfalls.weights.forEach((weights, type) => {
      weights.forEach((weight, bucket) => {
        (table as Float64Array)[bucket * count + type] = weight;
      });
    });
    interleavedPitfallWeights.set(model, table);
  }
  return table;
}

/**
 * Computes the probability of every learned pitfall type for a rep turn with
 * these features, in the order of `model.pitfalls.types`. Each sum adds the
 * weights in feature order, so the results equal `pitfallProbability`'s.
 */
export function pitfallProbabilities(model: DetectorModel, features: readonly number[]): Float64Array {
  const table = interleavedWeights(model);
  const count = model.pitfalls.weights.length;
  const sums = new Float64Array(count);
  for (const feature of features) {
    const offset = feature * count;
    for (let type = 0; type < count; type++) {
      sums[type] = (sums[type] as number) + (table[offset + type] as number);
    }
  }
  for (let type = 0; type < count; type++) {
    sums[type] = 1 / (1 + Math.exp(-(sums[type] as number)));
  }
  return sums;
}

/** Computes the probability that a rep turn with these features carries the pitfall type, or 0 for a type the model has not learned. */
export function pitfallProbability(model: DetectorModel, type: PhrasePitfallType, features: readonly number[]): number {
  const weights = pitfallWeights(model, type);
  return weights === null ? 0 : probability(weights, features);
}
