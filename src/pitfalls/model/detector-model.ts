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

// Most weight vectors of a parsed model are arrays of boxed numbers, so every lookup follows a pointer.
// A Float64Array copy contains the same doubles without that indirection.
const packedWeights = new WeakMap<readonly number[], Float64Array>();

function packed(weights: readonly number[]): Float64Array {
  let table = packedWeights.get(weights);
  if (table === undefined) {
    table = Float64Array.from(weights, (weight) => weight ?? 0);
    packedWeights.set(weights, table);
  }
  return table;
}

function sigmoid(sum: number): number {
  return 1 / (1 + Math.exp(-sum));
}

function probability(weights: readonly number[], features: readonly number[]): number {
  const table = packed(weights);
  let sum = 0;
  for (const feature of features) {
    sum += table[feature] ?? 0;
  }
  return sigmoid(sum);
}

const SIGMOID_OF_ZERO = 0.5;

function best<T>(classes: readonly T[], weights: readonly (readonly number[])[], features: readonly number[]): Prediction<T> {
  const probabilities = classProbabilities(weights, features);
  let label = classes[0] as T;
  let top = -1;
  let total = 0;
  for (let index = 0; index < classes.length; index++) {
    // A class without a weight vector scores sigmoid(0), as a vector of zeros would.
    const p = probabilities[index] ?? SIGMOID_OF_ZERO;
    total += p;
    if (p > top) {
      top = p;
      label = classes[index] as T;
    }
  }
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

// Weight vectors laid out bucket by bucket, the weight of every class for bucket 0 first, so that the weights
// one feature needs share a cache line. Scoring is bound by memory reads, because the tables are megabytes large.
const interleavedTables = new WeakMap<readonly (readonly number[])[], Float64Array>();

function interleaved(weights: readonly (readonly number[])[]): Float64Array {
  let table = interleavedTables.get(weights);
  if (table === undefined) {
    const count = weights.length;
    const filled = new Float64Array(FEATURE_DIMENSIONS * count);
    weights.forEach((vector, type) => {
      vector.forEach((weight, bucket) => {
        filled[bucket * count + type] = weight;
      });
    });
    interleavedTables.set(weights, filled);
    table = filled;
  }
  return table;
}

/**
 * Computes sigmoid(w·x) for each weight vector. Each sum adds the weights in
 * feature order, so it equals `probability` for that vector alone.
 */
function classProbabilities(weights: readonly (readonly number[])[], features: readonly number[]): Float64Array {
  const table = interleaved(weights);
  const count = weights.length;
  const probabilities = new Float64Array(count);
  for (const feature of features) {
    const offset = feature * count;
    for (let type = 0; type < count; type++) {
      probabilities[type] = (probabilities[type] as number) + (table[offset + type] as number);
    }
  }
  for (let type = 0; type < count; type++) {
    probabilities[type] = sigmoid(probabilities[type] as number);
  }
  return probabilities;
}

/**
 * Computes the probability of every learned pitfall type for a rep turn with
 * these features, in the order of `model.pitfalls.types`. Each sum adds the
 * weights in feature order, so the results equal `pitfallProbability`'s.
 */
export function pitfallProbabilities(model: DetectorModel, features: readonly number[]): Float64Array {
  return classProbabilities(model.pitfalls.weights, features);
}

/** Computes the probability that a rep turn with these features carries the pitfall type, or 0 for a type the model has not learned. */
export function pitfallProbability(model: DetectorModel, type: PhrasePitfallType, features: readonly number[]): number {
  const weights = pitfallWeights(model, type);
  return weights === null ? 0 : probability(weights, features);
}
