/**
 * XLSX export of a report: one worksheet per table (deals, reps), one for
 * the rules-version comparison and score distribution, written with exceljs.
 */
import ExcelJS from 'exceljs';
import { t, type Locale } from '../i18n/catalog.js';
import type { PeriodReport } from './types.js';
import { dealsTable, repsTable, versionSummary, type ReportTable } from './tables.js';

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? undefined));
  sheet.columns.forEach((column, index) => {
    const width = Math.max(table.header[index]!.length, ...table.rows.map((row) => String(row[index] ?? '').length));
    column.width = Math.min(Math.max(width + 2, 8), 40);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
}

/** Renders the report as an XLSX workbook and returns its bytes. */
export async function reportToXlsx(report: PeriodReport, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'callscore';
  workbook.created = new Date(report.generatedAt);

  addTableSheet(workbook, dealsTable(report, locale));
  addTableSheet(workbook, repsTable(report, locale));

  const versions = workbook.addWorksheet(t(locale, 'report.section.versions'));
  versions.addRow([versionSummary(report, locale)]);
  versions.addRow([]);
  versions.addRow([
    t(locale, 'report.column.scoreRange'),
    t(locale, 'report.series.current'),
    t(locale, 'report.series.previousPeriod'),
    t(locale, 'report.series.previousRules'),
  ]).font = { bold: true };
  for (const bin of report.scoreDistribution) versions.addRow([`${bin.from}–${bin.to}`, bin.current, bin.previousPeriod, bin.previousRules]);
  versions.getColumn(1).width = 14;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
