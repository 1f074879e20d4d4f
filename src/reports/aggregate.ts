/**
 * Builds a period report from stored calls and their score history. Deal
 * scores come from the scoring stage's `scoreDeal`; this module only groups
 * calls and averages what the stages stored. A call's current score is its
 * newest score version; its previous-rules score is the newest version under
 * a different rules version.
 */
import { PITFALL_TYPES, type PitfallType } from '../domain/pitfalls.js';
import { isCallscoreError } from '../errors/registry.js';
import type { CallRecord } from '../store/calls.js';
import { listCallsInRange } from '../store/calls.js';
import type { Database } from '../store/db.js';
import { listScoreVersions, type ScoreVersion } from '../store/score-history.js';
import { getTeamSettings, getTeamSettingsVersion } from '../store/team-settings.js';
import type { TeamSettings } from '../settings/team-settings.js';
import { scoreDeal } from '../scoring/deal.js';
import type { BehaviorScore, DealScore } from '../scoring/types.js';
import type {
  DealReportRow,
  DealReportStatus,
  PeriodReport,
  PitfallTrendPoint,
  RepFigures,
  RepReportRow,
  ReportRequest,
  ScoreBin,
  VersionComparison,
} from './types.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
// Pitfall types drawn in the trend chart; more lines than this are unreadable.
const TREND_TYPE_LIMIT = 6;

/** A call of the period with its current and previous-rules score versions. */
interface ScoredCall {
  call: CallRecord;
  current: ScoreVersion | null;
  previousRules: ScoreVersion | null;
}

interface PeriodData {
  calls: ScoredCall[];
  deals: Map<string, DealOutcome>;
}

interface DealOutcome {
  row: DealReportRow;
  score: DealScore | null;
}

/** Loads the period and the previous period of equal length, and builds the report. */
export async function buildReport(db: Database, request: ReportRequest): Promise<PeriodReport> {
  const lengthMs = Date.parse(request.to) - Date.parse(request.from);
  const previousPeriod = {
    from: new Date(Date.parse(request.from) - lengthMs).toISOString(),
    to: new Date(Date.parse(request.from)).toISOString(),
  };
  const settings = new SettingsCache(db);
  const current = await loadPeriod(db, request, settings);
  const previous = await loadPeriod(db, { teamId: request.teamId, ...previousPeriod }, settings);

  const trend = pitfallTrend(current.calls, request);
  return {
    request,
    previousPeriod,
    generatedAt: new Date().toISOString(),
    deals: [...current.deals.values()].map((deal) => deal.row),
    reps: repRows(current, previous),
    versions: compareVersions(current.calls),
    scoreDistribution: scoreDistribution(current.calls, previous.calls),
    pitfallTrend: trend.points,
    trendTypes: trend.types,
  };
}

class SettingsCache {
  private readonly entries = new Map<string, Promise<TeamSettings | null>>();

  constructor(private readonly db: Database) {}

  current(teamId: string): Promise<TeamSettings | null> {
    return this.cached(`${teamId}:current`, async () => (await getTeamSettings(this.db, teamId)).settings);
  }

  version(teamId: string, version: number): Promise<TeamSettings | null> {
    return this.cached(`${teamId}:${version}`, async () => (await getTeamSettingsVersion(this.db, teamId, version))?.settings ?? null);
  }

  private cached(key: string, load: () => Promise<TeamSettings | null>): Promise<TeamSettings | null> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = load();
      this.entries.set(key, entry);
    }
    return entry;
  }
}

async function loadPeriod(db: Database, request: ReportRequest, settings: SettingsCache): Promise<PeriodData> {
  const calls = await listCallsInRange(db, request);
  const scoredIds = calls.filter((call) => call.status === 'scored').map((call) => call.id);
  const versions = await listScoreVersions(db, scoredIds);
  const byCall = new Map<string, ScoreVersion[]>();
  for (const version of versions) {
    const list = byCall.get(version.callId) ?? [];
    list.push(version);
    byCall.set(version.callId, list);
  }

  const scored: ScoredCall[] = calls.map((call) => {
    const history = call.status === 'scored' ? (byCall.get(call.id) ?? []) : [];
    const current = history.at(-1) ?? null;
    const previousRules = current ? ([...history].reverse().find((version) => version.rulesVersion !== current.rulesVersion) ?? null) : null;
    return { call, current, previousRules };
  });

  const byDeal = new Map<string, ScoredCall[]>();
  for (const item of scored) {
    const list = byDeal.get(item.call.dealId) ?? [];
    list.push(item);
    byDeal.set(item.call.dealId, list);
  }
  const deals = new Map<string, DealOutcome>();
  for (const [dealId, items] of byDeal) deals.set(dealId, await dealOutcome(dealId, items, settings));
  return { calls: scored, deals };
}

async function dealOutcome(dealId: string, items: ScoredCall[], settings: SettingsCache): Promise<DealOutcome> {
  const withScore = items.filter((item) => item.current !== null);
  const failed = items.filter((item) => item.call.status === 'failed').length;
  // NOTE: a deal whose calls belong to several teams is scored with its first call's team settings, as the deal score route does.
  const teamId = items[0]!.call.teamId;
  const teamSettings = await settings.current(teamId);

  let status: DealReportStatus = 'scored';
  if (failed > 0) status = 'has_failures';
  else if (withScore.length < items.length) status = 'in_progress';
  let score: DealScore | null = null;
  if (withScore.length > 0 && teamSettings) {
    score = tryScoreDeal(withScore, (item) => item.current!, teamSettings);
    if (!score && status === 'scored') status = 'rules_outdated';
  }

  let previousRulesBehavior: number | null = null;
  const previousVersions = withScore.map((item) => item.previousRules);
  const settingsVersions = new Set(previousVersions.map((version) => version?.settingsVersion));
  if (withScore.length > 0 && previousVersions.every((version) => version !== null) && settingsVersions.size === 1) {
    const oldSettings = await settings.version(teamId, previousVersions[0]!.settingsVersion);
    if (oldSettings) previousRulesBehavior = tryScoreDeal(withScore, (item) => item.previousRules!, oldSettings)?.behavior.score ?? null;
  }

  return {
    score,
    row: {
      dealId,
      repIds: [...new Set(items.map((item) => item.call.repId))].sort(),
      calls: items.length,
      scoredCalls: withScore.length,
      failedCalls: failed,
      status,
      intent: score?.intent.score ?? null,
      behavior: score?.behavior.score ?? null,
      result: score?.result.score ?? null,
      overall: score?.overall.score ?? null,
      previousRulesBehavior,
      rulesVersion: withScore.at(-1)?.current?.rulesVersion ?? null,
    },
  };
}

/** Scores a deal, or returns null when its calls were scored under rules other than these settings give. */
function tryScoreDeal(items: ScoredCall[], pick: (item: ScoredCall) => ScoreVersion, settings: TeamSettings): DealScore | null {
  try {
    return scoreDeal(
      items.map((item) => ({ callId: item.call.id, behavior: pick(item).behavior as BehaviorScore, durationMs: item.call.durationMs })),
      settings.scoring,
    );
  } catch (error) {
    if (isCallscoreError(error, 'CS_ERR_SCORING_RULES_MISMATCH')) return null;
    throw error;
  }
}

function repRows(current: PeriodData, previous: PeriodData): RepReportRow[] {
  const repIds = [...new Set(current.calls.map((item) => item.call.repId))].sort();
  return repIds.map((repId) => {
    const now = repFigures(repId, current);
    const before = repFigures(repId, previous);
    const previousRules = current.calls.filter((item) => item.call.repId === repId && item.previousRules !== null);
    return {
      repId,
      current: now,
      previous: before,
      change: {
        totalPitfallsPerHour: difference(now.totalPitfallsPerHour, before.totalPitfallsPerHour, 100),
        meanObjectionDepth: difference(now.meanObjectionDepth, before.meanObjectionDepth, 100),
        meanBehavior: difference(now.meanBehavior, before.meanBehavior, 10),
        meanIntent: difference(now.meanIntent, before.meanIntent, 10),
        meanResult: difference(now.meanResult, before.meanResult, 10),
      },
      previousRulesMeanBehavior: mean(previousRules.map((item) => item.previousRules!.behaviorScore), 10),
    };
  });
}

function repFigures(repId: string, period: PeriodData): RepFigures {
  const calls = period.calls.filter((item) => item.call.repId === repId);
  const scored = calls.filter((item) => item.current !== null);
  // Rates use only calls of known duration, so their findings and their talk time match.
  const timed = scored.filter((item) => item.call.durationMs !== null && item.call.durationMs > 0);
  const talkHours = timed.reduce((total, item) => total + item.call.durationMs! / MS_PER_HOUR, 0);

  const counts = sumFindingCounts(timed.map((item) => item.current!));
  const pitfallsPerHour: Partial<Record<PitfallType, number>> = {};
  let totalFindings = 0;
  for (const [type, count] of Object.entries(counts) as Array<[PitfallType, number]>) {
    totalFindings += count;
    if (talkHours > 0) pitfallsPerHour[type] = round(count / talkHours, 100);
  }

  const objections = scored.reduce((total, item) => total + item.current!.objectionCount, 0);
  const depthSum = scored.reduce((total, item) => total + item.current!.objectionDepthSum, 0);
  const deals = [...new Set(calls.map((item) => item.call.dealId))].map((dealId) => period.deals.get(dealId)?.row);

  return {
    calls: calls.length,
    talkHours: round(talkHours, 100),
    pitfallsPerHour,
    totalPitfallsPerHour: talkHours > 0 ? round(totalFindings / talkHours, 100) : null,
    objections,
    meanObjectionDepth: objections > 0 ? round(depthSum / objections, 100) : null,
    meanBehavior: mean(scored.map((item) => item.current!.behaviorScore), 10),
    meanIntent: mean(deals.flatMap((deal) => (deal?.intent == null ? [] : [deal.intent])), 10),
    meanResult: mean(deals.flatMap((deal) => (deal?.result == null ? [] : [deal.result])), 10),
  };
}

function compareVersions(calls: ScoredCall[]): VersionComparison {
  const compared = calls.filter((item) => item.current !== null && item.previousRules !== null);
  return {
    currentRulesVersions: distinct(compared.map((item) => item.current!.rulesVersion)),
    previousRulesVersions: distinct(compared.map((item) => item.previousRules!.rulesVersion)),
    callsCompared: compared.length,
    meanBehaviorCurrent: mean(compared.map((item) => item.current!.behaviorScore), 10),
    meanBehaviorPrevious: mean(compared.map((item) => item.previousRules!.behaviorScore), 10),
  };
}

function scoreDistribution(current: ScoredCall[], previous: ScoredCall[]): ScoreBin[] {
  const bins: ScoreBin[] = Array.from({ length: 10 }, (_, index) => ({
    from: index * 10,
    to: index * 10 + 10,
    current: 0,
    previousPeriod: 0,
    previousRules: 0,
  }));
  // Scores run 0–100, so 100 falls into the last bin.
  const binOf = (score: number) => bins[Math.min(Math.floor(score / 10), 9)]!;
  for (const item of current) {
    if (item.current) binOf(item.current.behaviorScore).current++;
    if (item.previousRules) binOf(item.previousRules.behaviorScore).previousRules++;
  }
  for (const item of previous) if (item.current) binOf(item.current.behaviorScore).previousPeriod++;
  return bins;
}

function pitfallTrend(calls: ScoredCall[], request: ReportRequest): { points: PitfallTrendPoint[]; types: PitfallType[] } {
  const weeks = new Map<string, { hours: number; counts: Partial<Record<PitfallType, number>> }>();
  for (let start = weekStart(Date.parse(request.from)); start < Date.parse(request.to); start += 7 * MS_PER_DAY) {
    weeks.set(new Date(start).toISOString(), { hours: 0, counts: {} });
  }

  const totals: Partial<Record<PitfallType, number>> = {};
  for (const item of calls) {
    if (!item.current || !item.call.durationMs) continue;
    const week = weeks.get(new Date(weekStart(Date.parse(item.call.startedAt))).toISOString());
    if (!week) continue;
    week.hours += item.call.durationMs / MS_PER_HOUR;
    for (const [type, count] of Object.entries(item.current.findingCounts) as Array<[PitfallType, number]>) {
      week.counts[type] = (week.counts[type] ?? 0) + count;
      totals[type] = (totals[type] ?? 0) + count;
    }
  }

  const types = PITFALL_TYPES.filter((type) => (totals[type] ?? 0) > 0)
    .sort((a, b) => (totals[b] ?? 0) - (totals[a] ?? 0))
    .slice(0, TREND_TYPE_LIMIT);
  const points = [...weeks.entries()].map(([start, week]) => {
    const perHour: Partial<Record<PitfallType, number>> = {};
    for (const type of types) perHour[type] = week.hours > 0 ? round((week.counts[type] ?? 0) / week.hours, 100) : 0;
    return { weekStart: start, talkHours: round(week.hours, 100), perHour };
  });
  return { points, types };
}

/** Start of the week (Monday 00:00 UTC) that contains the instant, in ms. */
function weekStart(ms: number): number {
  const day = Math.floor(ms / MS_PER_DAY);
  // Day 0 of the Unix epoch was a Thursday, so Monday is 3 days before it.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return (day - weekday) * MS_PER_DAY;
}

function sumFindingCounts(versions: ScoreVersion[]): Partial<Record<PitfallType, number>> {
  const counts: Partial<Record<PitfallType, number>> = {};
  for (const version of versions) {
    for (const [type, count] of Object.entries(version.findingCounts) as Array<[PitfallType, number]>) {
      counts[type] = (counts[type] ?? 0) + count;
    }
  }
  return counts;
}

function mean(values: number[], precision: number): number | null {
  if (values.length === 0) return null;
  return round(values.reduce((total, value) => total + value, 0) / values.length, precision);
}

function difference(now: number | null, before: number | null, precision: number): number | null {
  return now === null || before === null ? null : round(now - before, precision);
}

function round(value: number, precision: number): number {
  return Math.round(value * precision) / precision;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}
