/**
 * HTML export of a report: one self-contained page with the tables, the
 * rules-version comparison, and the charts as SVG images embedded as data
 * URLs, so the file can be mailed or opened offline.
 */
import { t, type Locale } from '../i18n/catalog.js';
import type { PeriodReport } from './types.js';
import { barChartSvg, escapeXml, lineChartSvg } from './svg.js';
import { dealsTable, repsTable, versionSummary, type ReportTable } from './tables.js';

function image(svg: string, alt: string): string {
  return `<img alt="${escapeXml(alt)}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`;
}

function tableHtml(table: ReportTable, locale: Locale): string {
  const head = table.header.map((cell) => `<th>${escapeXml(cell)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td${typeof cell === 'number' ? ' class="n"' : ''}>${escapeXml(cell === null ? '—' : String(cell))}</td>`).join('')}</tr>`)
    .join('\n');
  const empty = table.rows.length === 0 ? `<p>${escapeXml(t(locale, 'report.empty'))}</p>` : '';
  return `<h2>${escapeXml(table.title)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${empty}`;
}

/** Renders the report as a standalone HTML page in the locale. */
export function reportToHtml(report: PeriodReport, locale: Locale): string {
  const { request } = report;
  const team = request.teamId ?? t(locale, 'report.allTeams');
  const day = (iso: string) => iso.slice(0, 10);
  // The period end is exclusive, so the last day shown is the day before it.
  const lastDay = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);

  const distributionTitle = t(locale, 'report.section.distribution');
  const distribution = barChartSvg({
    title: distributionTitle,
    categories: report.scoreDistribution.map((bin) => `${bin.from}–${bin.to}`),
    series: [
      { name: t(locale, 'report.series.current'), values: report.scoreDistribution.map((bin) => bin.current) },
      { name: t(locale, 'report.series.previousPeriod'), values: report.scoreDistribution.map((bin) => bin.previousPeriod) },
      ...(report.versions.callsCompared > 0
        ? [{ name: t(locale, 'report.series.previousRules'), values: report.scoreDistribution.map((bin) => bin.previousRules) }]
        : []),
    ],
  });

  const trendTitle = t(locale, 'report.section.trend');
  const trend = lineChartSvg({
    title: trendTitle,
    categories: report.pitfallTrend.map((point) => point.weekStart.slice(5, 10)),
    series: report.trendTypes.map((type) => ({
      name: t(locale, `pitfall.${type}`),
      values: report.pitfallTrend.map((point) => point.perHour[type] ?? 0),
    })),
  });

  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${escapeXml(t(locale, 'report.title'))} · ${escapeXml(team)}</title>
<style>
body { font-family: Helvetica, Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; margin-bottom: 24px; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
th { background: #f2f2f2; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
img { display: block; margin: 12px 0 24px; max-width: 100%; }
</style>
</head>
<body>
<h1>${escapeXml(t(locale, 'report.title'))}</h1>
<p>${escapeXml(t(locale, 'report.team'))}: ${escapeXml(team)}<br>
${escapeXml(t(locale, 'report.period'))}: ${day(request.from)} – ${lastDay(request.to)}<br>
${escapeXml(t(locale, 'report.previousPeriod'))}: ${day(report.previousPeriod.from)} – ${lastDay(report.previousPeriod.to)}<br>
${escapeXml(t(locale, 'report.generatedAt'))}: ${escapeXml(report.generatedAt)}</p>
<h2>${escapeXml(t(locale, 'report.section.versions'))}</h2>
<p>${escapeXml(versionSummary(report, locale))}</p>
${image(distribution, distributionTitle)}
${report.trendTypes.length > 0 ? image(trend, trendTitle) : ''}
${tableHtml(dealsTable(report, locale), locale)}
${tableHtml(repsTable(report, locale), locale)}
</body>
</html>
`;
}
