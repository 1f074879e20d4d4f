/** Renders a report in one of the export formats, with its content type and file extension. */
import type { Locale } from '../i18n/catalog.js';
import type { PeriodReport } from './types.js';
import { reportTable, type ReportTableName } from './tables.js';
import { tableToCsv } from './csv.js';
import { reportToXlsx } from './xlsx.js';
import { reportToHtml } from './html.js';

/** Export formats: JSON (the report as built), CSV (one table), XLSX (all tables) and HTML (tables and charts). */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;

/** One of the export formats. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A rendered report file. */
export interface RenderedReport {
  body: Buffer;
  contentType: string;
  extension: string;
}

/** Renders the report; `table` picks the table of a CSV export. */
export async function renderReport(report: PeriodReport, format: ReportFormat, locale: Locale, table: ReportTableName = 'deals'): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return { body: Buffer.from(JSON.stringify(report, null, 2)), contentType: 'application/json; charset=utf-8', extension: 'json' };
    case 'csv':
      return { body: Buffer.from(tableToCsv(reportTable(report, table, locale))), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'xlsx':
      return {
        body: await reportToXlsx(report, locale),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
      };
    case 'html':
      return { body: Buffer.from(reportToHtml(report, locale)), contentType: 'text/html; charset=utf-8', extension: 'html' };
  }
}
