/**
 * The shape of a period report: per deal the three scores, per rep the
 * pitfall rates and averages with their change from the previous period,
 * and the comparison of the current rules version with the one before.
 */
import type { PitfallType } from '../domain/pitfalls.js';

/** The calls a report covers: started in [from, to), of one team or of every team when teamId is null. */
export interface ReportRequest {
  teamId: string | null;
  /** ISO 8601 instant, inclusive. */
  from: string;
  /** ISO 8601 instant, exclusive. */
  to: string;
}

/**
 * Scoring state of a deal: `scored` when every call is scored, `in_progress`
 * while some are not, `has_failures` when some failed, and `rules_outdated`
 * when its calls were scored under rules other than the team's current ones
 * and need a re-score.
 */
export type DealReportStatus = 'scored' | 'in_progress' | 'has_failures' | 'rules_outdated';

/** One deal's row. Scores are 0–100 or null when not computed. */
export interface DealReportRow {
  dealId: string;
  repIds: string[];
  calls: number;
  scoredCalls: number;
  failedCalls: number;
  status: DealReportStatus;
  intent: number | null;
  behavior: number | null;
  result: number | null;
  overall: number | null;
  /** Behavior score of the same calls under the rules version before the current one, when they have one. */
  previousRulesBehavior: number | null;
  rulesVersion: string | null;
}

/** Per-rep figures for one period. Rates are per hour of talk of calls with a known duration. */
export interface RepFigures {
  calls: number;
  talkHours: number;
  pitfallsPerHour: Partial<Record<PitfallType, number>>;
  totalPitfallsPerHour: number | null;
  objections: number;
  /** Mean handling depth (0–4) of the rep's objections. */
  meanObjectionDepth: number | null;
  meanBehavior: number | null;
  meanIntent: number | null;
  meanResult: number | null;
}

/** One rep's row: this period, the previous period of equal length, and the changes. */
export interface RepReportRow {
  repId: string;
  current: RepFigures;
  previous: RepFigures;
  change: {
    totalPitfallsPerHour: number | null;
    meanObjectionDepth: number | null;
    meanBehavior: number | null;
    meanIntent: number | null;
    meanResult: number | null;
  };
  /** Mean behavior score of this period's calls under the rules version before the current one. */
  previousRulesMeanBehavior: number | null;
}

/** Comparison of the current rules version's scores with the version before, over the calls scored under both. */
export interface VersionComparison {
  currentRulesVersions: string[];
  previousRulesVersions: string[];
  callsCompared: number;
  meanBehaviorCurrent: number | null;
  meanBehaviorPrevious: number | null;
}

/** One bin of a score histogram: scores in [from, to), the last bin including 100. */
export interface ScoreBin {
  from: number;
  to: number;
  current: number;
  previousPeriod: number;
  previousRules: number;
}

/** Pitfalls per hour of talk in one week (starting Monday, UTC). */
export interface PitfallTrendPoint {
  weekStart: string;
  talkHours: number;
  perHour: Partial<Record<PitfallType, number>>;
}

/** A whole report. */
export interface PeriodReport {
  request: ReportRequest;
  previousPeriod: { from: string; to: string };
  generatedAt: string;
  deals: DealReportRow[];
  reps: RepReportRow[];
  versions: VersionComparison;
  scoreDistribution: ScoreBin[];
  pitfallTrend: PitfallTrendPoint[];
  /** Pitfall types in the trend, most frequent first. */
  trendTypes: PitfallType[];
}
