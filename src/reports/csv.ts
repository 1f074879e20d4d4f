/**
 * CSV export of a report table, in UTF-8 with a byte order mark so that
 * Excel shows Chinese text correctly when it opens the file.
 */
import { csvField } from '../jobs/csv.js';
import type { Cell, ReportTable } from './tables.js';

// Excel runs a cell that starts with one of these as a formula, so such text is prefixed with a quote.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(cell: Cell): string {
  if (typeof cell === 'string' && FORMULA_START.test(cell)) return csvField(`'${cell}`);
  return csvField(cell);
}

/** Renders a table as CSV text with CRLF line ends, starting with a byte order mark. */
export function tableToCsv(table: ReportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
