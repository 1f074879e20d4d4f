/**
 * Lays a report out as localized tables (a header and rows of cells), the
 * one layout that the CSV, XLSX and HTML exports all render.
 */
import type { PitfallType } from '../domain/pitfalls.js';
import { PITFALL_TYPES } from '../domain/pitfalls.js';
import { t, type Locale } from '../i18n/catalog.js';
import type { PeriodReport, RepFigures } from './types.js';

/** A cell: text, a number, or empty (null). */
export type Cell = string | number | null;

/** A titled table of cells. */
export interface ReportTable {
  title: string;
  header: string[];
  rows: Cell[][];
}

/** The tables a report can be exported as. */
export type ReportTableName = 'deals' | 'reps';

/** Builds the deals table: per deal the three scores, the overall score and the status. */
export function dealsTable(report: PeriodReport, locale: Locale): ReportTable {
  return {
    title: t(locale, 'report.section.deals'),
    header: [
      t(locale, 'report.column.dealId'),
      t(locale, 'report.column.repIds'),
      t(locale, 'report.column.calls'),
      t(locale, 'report.column.scoredCalls'),
      t(locale, 'report.column.failedCalls'),
      t(locale, 'report.column.status'),
      t(locale, 'report.column.intent'),
      t(locale, 'report.column.behavior'),
      t(locale, 'report.column.result'),
      t(locale, 'report.column.overall'),
      t(locale, 'report.column.previousRulesBehavior'),
      t(locale, 'report.column.rulesVersion'),
    ],
    rows: report.deals.map((deal) => [
      deal.dealId,
      deal.repIds.join(' '),
      deal.calls,
      deal.scoredCalls,
      deal.failedCalls,
      t(locale, `report.dealStatus.${deal.status}`),
      deal.intent,
      deal.behavior,
      deal.result,
      deal.overall,
      deal.previousRulesBehavior,
      deal.rulesVersion,
    ]),
  };
}

/** Pitfall types with a rate for any rep in the report, in the catalogue's order. */
function reportedTypes(report: PeriodReport): PitfallType[] {
  return PITFALL_TYPES.filter((type) => report.reps.some((rep) => rep.current.pitfallsPerHour[type] !== undefined));
}

/**
 * Builds the reps table: per rep this period's figures, the change of each
 * average from the previous period, and the mean under the previous rules.
 */
export function repsTable(report: PeriodReport, locale: Locale): ReportTable {
  const types = reportedTypes(report);
  const change = (column: string) => t(locale, 'report.column.change', { column });
  const perHour = (figures: RepFigures, type: PitfallType) => figures.pitfallsPerHour[type] ?? (figures.talkHours > 0 ? 0 : null);

  return {
    title: t(locale, 'report.section.reps'),
    header: [
      t(locale, 'report.column.repId'),
      t(locale, 'report.column.calls'),
      t(locale, 'report.column.talkHours'),
      t(locale, 'report.column.pitfallsPerHour'),
      ...types.map((type) => t(locale, 'report.column.typePerHour', { type: t(locale, `pitfall.${type}`) })),
      t(locale, 'report.column.objections'),
      t(locale, 'report.column.meanObjectionDepth'),
      t(locale, 'report.column.meanBehavior'),
      t(locale, 'report.column.meanIntent'),
      t(locale, 'report.column.meanResult'),
      change(t(locale, 'report.column.pitfallsPerHour')),
      change(t(locale, 'report.column.meanObjectionDepth')),
      change(t(locale, 'report.column.meanBehavior')),
      change(t(locale, 'report.column.meanIntent')),
      change(t(locale, 'report.column.meanResult')),
      t(locale, 'report.column.previousRulesMeanBehavior'),
    ],
    rows: report.reps.map((rep) => [
      rep.repId,
      rep.current.calls,
      rep.current.talkHours,
      rep.current.totalPitfallsPerHour,
      ...types.map((type) => perHour(rep.current, type)),
      rep.current.objections,
      rep.current.meanObjectionDepth,
      rep.current.meanBehavior,
      rep.current.meanIntent,
      rep.current.meanResult,
      rep.change.totalPitfallsPerHour,
      rep.change.meanObjectionDepth,
      rep.change.meanBehavior,
      rep.change.meanIntent,
      rep.change.meanResult,
      rep.previousRulesMeanBehavior,
    ]),
  };
}

/** Builds the named table. */
export function reportTable(report: PeriodReport, name: ReportTableName, locale: Locale): ReportTable {
  return name === 'deals' ? dealsTable(report, locale) : repsTable(report, locale);
}

/** The sentence that compares the current rules version with the previous one. */
export function versionSummary(report: PeriodReport, locale: Locale): string {
  const versions = report.versions;
  if (versions.callsCompared === 0) return t(locale, 'report.versions.none');
  return t(locale, 'report.versions.summary', {
    count: versions.callsCompared,
    previous: versions.previousRulesVersions.join(', '),
    current: versions.currentRulesVersions.join(', '),
    previousMean: versions.meanBehaviorPrevious ?? '—',
    currentMean: versions.meanBehaviorCurrent ?? '—',
  });
}
