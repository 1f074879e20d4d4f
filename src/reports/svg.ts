/**
 * Draws the report charts as standalone SVG documents: a grouped bar chart
 * for score distributions and a line chart for weekly pitfall rates. No
 * chart library is needed for two chart kinds with fixed layouts.
 */

/** One named series of values, one value per category. */
export interface ChartSeries {
  name: string;
  values: number[];
}

/** Data and labels of a chart. */
export interface ChartData {
  title: string;
  categories: string[];
  series: ChartSeries[];
}

const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 20, bottom: 70, left: 50 };
const COLORS = ['#2f6db5', '#e08a2c', '#4d9e5a', '#b8423c', '#7b5ea7', '#8c6d31'];
const FONT = 'font-family="Helvetica, Arial, \'PingFang SC\', \'Microsoft YaHei\', sans-serif"';

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value)!;
  return step * magnitude;
}

function frame(data: ChartData, max: number): string[] {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const parts = [
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" ${FONT}>${escapeXml(data.title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${HEIGHT - MARGIN.bottom}" x2="${WIDTH - MARGIN.right}" y2="${HEIGHT - MARGIN.bottom}" stroke="#444"/>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    const y = HEIGHT - MARGIN.bottom - (plotHeight * tick) / 4;
    parts.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${WIDTH - MARGIN.right}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end" font-size="11" ${FONT}>${Number(value.toFixed(2))}</text>`);
  }
  data.series.forEach((series, index) => {
    // Legend entries run three to a row below the axis labels.
    const x = MARGIN.left + (index % 3) * 220;
    const y = HEIGHT - 30 + Math.floor(index / 3) * 16;
    parts.push(`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${COLORS[index % COLORS.length]}"/>`);
    parts.push(`<text x="${x + 18}" y="${y}" font-size="12" ${FONT}>${escapeXml(series.name)}</text>`);
  });
  return parts;
}

function svgDocument(parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
}

/** Draws one group of bars per category, one bar per series. */
export function barChartSvg(data: ChartData): string {
  const max = niceMax(Math.max(0, ...data.series.flatMap((series) => series.values)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(data.categories.length, 1);
  const barWidth = (groupWidth * 0.8) / Math.max(data.series.length, 1);
  const parts = frame(data, max);

  data.categories.forEach((category, categoryIndex) => {
    const groupX = MARGIN.left + categoryIndex * groupWidth + groupWidth * 0.1;
    data.series.forEach((series, seriesIndex) => {
      const value = series.values[categoryIndex] ?? 0;
      const height = (plotHeight * value) / max;
      const x = groupX + seriesIndex * barWidth;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(HEIGHT - MARGIN.bottom - height).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${height.toFixed(1)}" fill="${COLORS[seriesIndex % COLORS.length]}"><title>${escapeXml(`${series.name} ${category}: ${value}`)}</title></rect>`,
      );
    });
    parts.push(
      `<text x="${(groupX + groupWidth * 0.4).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="11" ${FONT}>${escapeXml(category)}</text>`,
    );
  });
  return svgDocument(parts);
}

/** Draws one line per series across the categories. */
export function lineChartSvg(data: ChartData): string {
  const max = niceMax(Math.max(0, ...data.series.flatMap((series) => series.values)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const step = data.categories.length > 1 ? plotWidth / (data.categories.length - 1) : 0;
  const xOf = (index: number) => MARGIN.left + (data.categories.length > 1 ? index * step : plotWidth / 2);
  const yOf = (value: number) => HEIGHT - MARGIN.bottom - (plotHeight * value) / max;
  const parts = frame(data, max);

  data.series.forEach((series, seriesIndex) => {
    const color = COLORS[seriesIndex % COLORS.length];
    const points = series.values.map((value, index) => `${xOf(index).toFixed(1)},${yOf(value).toFixed(1)}`);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    series.values.forEach((value, index) => {
      parts.push(`<circle cx="${xOf(index).toFixed(1)}" cy="${yOf(value).toFixed(1)}" r="3" fill="${color}"><title>${escapeXml(`${series.name} ${data.categories[index]}: ${value}`)}</title></circle>`);
    });
  });
  // Label every category when they fit, else about eight evenly spaced ones.
  const labelEvery = Math.max(1, Math.ceil(data.categories.length / 8));
  data.categories.forEach((category, index) => {
    if (index % labelEvery !== 0) return;
    parts.push(`<text x="${xOf(index).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="11" ${FONT}>${escapeXml(category)}</text>`);
  });
  return svgDocument(parts);
}
