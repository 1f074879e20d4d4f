/**
 * Renders an evaluation report as plain-text tables in English or
 * Simplified Chinese, or as JSON. The figures come from run.ts unchanged.
 */

import type { Locale } from '../errors/registry.js';
import { OBJECTION_NAMES, PITFALL_NAMES, REPORT_TEXT } from './labels.js';
import type { ReportText } from './labels.js';
import type { TurnRef } from './metrics.js';
import type { EvalReport } from './run.js';

/** Options of the text report. */
export interface FormatOptions {
  /** Maximum entries printed per error list, 20 by default. The JSON report always contains all of them. */
  maxListed?: number;
}

// Terminals draw CJK and full-width characters two columns wide.
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const wide =
      (codePoint >= 0x1100 && codePoint <= 0x115f) ||
      (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
      (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
      (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
      (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
      (codePoint >= 0xff00 && codePoint <= 0xff60) ||
      (codePoint >= 0xffe0 && codePoint <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, alignRight: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
}

/** Lays out rows under a header. The first `leftColumns` columns are left-aligned and the others right-aligned. */
function renderTable(header: string[], rows: string[][], leftColumns = 1): string[] {
  const widths = header.map((cell, column) =>
    Math.max(displayWidth(cell), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const renderRow = (row: string[]): string =>
    row.map((cell, column) => pad(cell, widths[column]!, column >= leftColumns)).join('  ').trimEnd();
  return [renderRow(header), ...rows.map(renderRow)];
}

function formatRatio(value: number | null, text: ReportText): string {
  return value === null ? text.notAvailable : value.toFixed(3);
}

// An id is written to a terminal as is, so control characters (a newline, an escape that sets colours) are shown as \uXXXX.
function printable(id: string): string {
  return id.replace(/\p{Cc}/gu, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatTurns(refs: readonly TurnRef[], maxListed: number, text: ReportText): string {
  if (refs.length === 0) {
    return text.none;
  }
  const shown = refs.slice(0, maxListed).map((ref) => `${printable(ref.conversationId)}#${ref.turn}`);
  if (refs.length > maxListed) {
    shown.push(text.more(refs.length - maxListed));
  }
  return shown.join(', ');
}

function pitfallSection(report: EvalReport, locale: Locale, text: ReportText): string[] {
  const { pitfalls } = report.metrics;
  const rows = pitfalls.perType.map((score) => [
    `${PITFALL_NAMES[score.type][locale]} (${score.type})`,
    String(score.gold),
    String(score.predicted),
    String(score.truePositives),
    String(score.falsePositives),
    String(score.falseNegatives),
    formatRatio(score.precision, text),
    formatRatio(score.recall, text),
    formatRatio(score.f1, text),
  ]);
  const header = [
    text.typeColumn,
    text.goldColumn,
    text.predictedColumn,
    'TP',
    'FP',
    'FN',
    text.precisionColumn,
    text.recallColumn,
    'F1',
  ];

  const lines = [text.pitfallsHeading, ...renderTable(header, rows), ''];
  lines.push(text.macroF1(formatRatio(pitfalls.macroF1, text), pitfalls.macroTypes.length));
  if (pitfalls.excludedTypes.length > 0) {
    lines.push(text.excludedTypes(pitfalls.excludedTypes.join(', ')));
  }
  const { micro } = pitfalls;
  lines.push(text.microF1(formatRatio(micro.f1, text), formatRatio(micro.precision, text), formatRatio(micro.recall, text)));
  return lines;
}

function objectionSection(report: EvalReport, text: ReportText): string[] {
  const { objections } = report.metrics;
  const detection = renderTable(
    [text.goldColumn, text.predictedColumn, text.matchedColumn, text.precisionColumn, text.recallColumn, 'F1'],
    [
      [
        String(objections.gold),
        String(objections.predicted),
        String(objections.truePositives),
        formatRatio(objections.precision, text),
        formatRatio(objections.recall, text),
        formatRatio(objections.f1, text),
      ],
    ],
    0,
  );
  const confusion = renderTable(
    [text.labelledDepth, '0', '1', '2', '3', '4'],
    objections.depthConfusion.map((row, depth) => [String(depth), ...row.map(String)]),
  );
  return [
    text.objectionsHeading,
    ...detection,
    '',
    text.matchedFigures(
      formatRatio(objections.typeAccuracy, text),
      formatRatio(objections.depthAccuracy, text),
      formatRatio(objections.depthMae, text),
    ),
    '',
    text.depthConfusionHeading,
    ...confusion,
  ];
}

function languageSection(report: EvalReport, text: ReportText): string[] {
  const rows = report.byLanguage.map((summary) => [
    summary.language,
    String(summary.conversations),
    formatRatio(summary.pitfallMacroF1, text),
    formatRatio(summary.pitfallMicroF1, text),
    formatRatio(summary.objectionF1, text),
  ]);
  const header = [text.languageColumn, text.conversationsColumn, text.macroF1Column, text.microF1Column, text.objectionF1Column];
  return [text.byLanguageHeading, ...renderTable(header, rows)];
}

function errorSection(report: EvalReport, locale: Locale, text: ReportText, maxListed: number): string[] {
  const lines = [text.errorsHeading];
  for (const errors of report.metrics.pitfallErrors) {
    if (errors.falsePositives.length === 0 && errors.falseNegatives.length === 0) {
      continue;
    }
    lines.push(`${PITFALL_NAMES[errors.type][locale]} (${errors.type})`);
    if (errors.falsePositives.length > 0) {
      lines.push(`  ${text.falsePositives}: ${formatTurns(errors.falsePositives, maxListed, text)}`);
    }
    if (errors.falseNegatives.length > 0) {
      lines.push(`  ${text.falseNegatives}: ${formatTurns(errors.falseNegatives, maxListed, text)}`);
    }
  }

  const { objectionErrors } = report.metrics;
  lines.push(text.objectionsLabel);
  lines.push(`  ${text.falsePositives}: ${formatTurns(objectionErrors.falsePositives, maxListed, text)}`);
  lines.push(`  ${text.falseNegatives}: ${formatTurns(objectionErrors.falseNegatives, maxListed, text)}`);
  lines.push(`  ${text.mismatches}:`);
  for (const mismatch of objectionErrors.mismatches.slice(0, maxListed)) {
    const goldType = OBJECTION_NAMES[mismatch.goldType][locale];
    const predictedType = OBJECTION_NAMES[mismatch.predictedType][locale];
    lines.push(
      `    ${printable(mismatch.conversationId)}#${mismatch.turn}: ${goldType}/${mismatch.goldDepth} -> ${predictedType}/${mismatch.predictedDepth}`,
    );
  }
  if (objectionErrors.mismatches.length > maxListed) {
    lines.push(`    ${text.more(objectionErrors.mismatches.length - maxListed)}`);
  }
  return lines;
}

/**
 * Renders the report as text tables in the given locale: per-type pitfall
 * figures with macro and micro F1, objection figures with the depth
 * confusion matrix, a per-language summary, skipped detectors and the error
 * lists for tuning.
 */
export function formatEvalReport(report: EvalReport, locale: Locale, options: FormatOptions = {}): string {
  const text = REPORT_TEXT[locale];
  const maxListed = options.maxListed ?? 20;

  const languageCounts = report.byLanguage.map((summary) => `${summary.language} ${summary.conversations}`).join(', ');
  const lines = [text.title(report.goldPath, report.conversations, languageCounts), ''];
  lines.push(...pitfallSection(report, locale, text), '');
  lines.push(...objectionSection(report, text), '');
  lines.push(...languageSection(report, text), '');

  if (report.skippedDetectors.length > 0) {
    lines.push(text.skippedHeading);
    for (const skipped of report.skippedDetectors) {
      lines.push(`  ${text.skippedLine(skipped.type, skipped.conversations)}`);
    }
    lines.push('');
  }

  lines.push(...errorSection(report, locale, text, maxListed));
  return `${lines.join('\n')}\n`;
}

/** Serialises the full report, every error list included, as indented JSON without a trailing newline. */
export function formatEvalReportJson(report: EvalReport): string {
  return JSON.stringify(report, null, 2);
}
