/**
 * Runs a detector over a gold file and builds the report that
 * `callscore eval` prints. The command-line wiring lives elsewhere; this
 * module only reads, detects and scores.
 */

import { PITFALL_TYPES } from '../domain/pitfalls.js';
import type { CallAnalysis, PitfallType } from '../domain/pitfalls.js';
import type { Transcript } from '../domain/transcript.js';
import { CallscoreError } from '../errors/registry.js';
import { GOLD_LANGUAGES, readGoldFile, toTranscript } from './gold.js';
import type { GoldLanguage } from './gold.js';
import { computeMetrics, scoreObjections, scorePitfalls } from './metrics.js';
import type { EvalMetrics, ScoredConversation } from './metrics.js';

export { formatEvalReport, formatEvalReportJson } from './format.js';

/** Function that analyses one transcript. The default is `analyzeTranscript` from src/pitfalls. */
export type Detector = (transcript: Transcript) => CallAnalysis | Promise<CallAnalysis>;

/** Headline figures of the conversations of one language. */
export interface LanguageSummary {
  language: GoldLanguage;
  conversations: number;
  pitfallMacroF1: number | null;
  pitfallMicroF1: number | null;
  objectionF1: number | null;
}

/** How many conversations a detector skipped, for lack of speaker roles or timings. */
export interface SkippedDetector {
  type: PitfallType;
  conversations: number;
}

/** Everything one evaluation run measured. It is plain data and serialises to JSON as is. */
export interface EvalReport {
  goldPath: string;
  conversations: number;
  metrics: EvalMetrics;
  /** One entry per language present in the gold file, in the order zh, en, mixed. */
  byLanguage: LanguageSummary[];
  /** Detectors that reported themselves skipped on at least one conversation. */
  skippedDetectors: SkippedDetector[];
}

async function loadDefaultDetector(): Promise<Detector> {
  // A specifier in a variable keeps tsc from resolving the module, so this
  // file type-checks even in a checkout where the detectors are not written yet.
  const specifier = '../pitfalls/index.js';
  const detectors = (await import(specifier)) as { analyzeTranscript?: unknown };
  if (typeof detectors.analyzeTranscript !== 'function') {
    throw new TypeError(`${specifier} does not export a function analyzeTranscript`);
  }
  return detectors.analyzeTranscript as Detector;
}

function summariseLanguages(scored: readonly ScoredConversation[]): LanguageSummary[] {
  const summaries: LanguageSummary[] = [];
  for (const language of GOLD_LANGUAGES) {
    const subset = scored.filter((conversation) => conversation.gold.lang === language);
    if (subset.length === 0) {
      continue;
    }
    const pitfalls = scorePitfalls(subset).scores;
    summaries.push({
      language,
      conversations: subset.length,
      pitfallMacroF1: pitfalls.macroF1,
      pitfallMicroF1: pitfalls.micro.f1,
      objectionF1: scoreObjections(subset).scores.f1,
    });
  }
  return summaries;
}

function countSkippedDetectors(scored: readonly ScoredConversation[]): SkippedDetector[] {
  return PITFALL_TYPES.map((type) => ({
    type,
    conversations: scored.filter((conversation) => conversation.analysis.skippedDetectors.includes(type)).length,
  })).filter((skipped) => skipped.conversations > 0);
}

/** Builds the report of conversations that were already analysed. */
export function buildEvalReport(goldPath: string, scored: readonly ScoredConversation[]): EvalReport {
  return {
    goldPath,
    conversations: scored.length,
    metrics: computeMetrics(scored),
    byLanguage: summariseLanguages(scored),
    skippedDetectors: countSkippedDetectors(scored),
  };
}

/**
 * Reads the gold file, runs the detector on every conversation in file order
 * and scores the results. Throws CS_ERR_GOLD_INVALID, CS_ERR_GOLD_UNREADABLE
 * or CS_ERR_GOLD_EMPTY for a bad gold file and CS_ERR_EVAL_DETECTOR_FAILED,
 * naming the conversation, when the detector throws.
 */
export async function evaluate(goldPath: string, detector?: Detector): Promise<EvalReport> {
  const conversations = await readGoldFile(goldPath);
  const detect = detector ?? (await loadDefaultDetector());

  const scored: ScoredConversation[] = [];
  for (const gold of conversations) {
    let analysis: CallAnalysis;
    try {
      analysis = await detect(toTranscript(gold));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CallscoreError(
        'CS_ERR_EVAL_DETECTOR_FAILED',
        { conversationId: gold.id, file: goldPath, reason },
        { cause: error },
      );
    }
    scored.push({ gold, analysis });
  }

  return buildEvalReport(goldPath, scored);
}
