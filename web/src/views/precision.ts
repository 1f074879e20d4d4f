/** Detector precision from reviews: per pitfall type, the findings reviewed and the share dismissed. */
import { query, request, type PrecisionRow } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatPercent, t } from '../i18n.ts';
import { labelOr, pageHeading, showError, type ViewContext } from './common.ts';
import { apiFilters, filterForm, filtersOf, type FilterName } from './filters.ts';

const FILTERS: readonly FilterName[] = ['teamId', 'from', 'to'];

/** Renders the precision table for the filters in the route query. */
export async function renderPrecision(ctx: ViewContext): Promise<void> {
  const filters = filtersOf(ctx.route.query, FILTERS);
  let rows: PrecisionRow[];
  try {
    rows = (await request<{ types: PrecisionRow[] }>('GET', `/v1/review/precision${query(apiFilters(filters))}`)).types;
  } catch (error) {
    if (ctx.isCurrent()) showError(ctx.container, error);
    return;
  }
  if (!ctx.isCurrent()) return;

  replaceChildren(
    ctx.container,
    pageHeading(t('precision.heading'), h('p', { className: 'hint' }, t('precision.explain'))),
    filterForm(ctx.me, '/precision', FILTERS, filters),
    h(
      'table',
      { className: 'list', 'data-testid': 'precision-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, t('column.type')),
        h('th', { className: 'number' }, t('column.findings')),
        h('th', { className: 'number' }, t('column.reviewed')),
        h('th', { className: 'number' }, t('column.confirmed')),
        h('th', { className: 'number' }, t('column.dismissed')),
        h('th', { className: 'number' }, t('column.dismissedShare')),
        h('th', {}, t('column.byReason')),
      )),
      h('tbody', {}, ...rows.map(precisionRow)),
    ),
  );
}

function precisionRow(row: PrecisionRow): HTMLTableRowElement {
  const reasons = Object.entries(row.byReason ?? {}).filter(([, count]) => count > 0);
  return h(
    'tr',
    { 'data-testid': 'precision-row', dataset: { type: row.type, dismissed: String(row.dismissed) } },
    h('td', {}, row.label),
    h('td', { className: 'number' }, row.findings),
    h('td', { className: 'number' }, row.reviewed),
    h('td', { className: 'number' }, row.confirmed),
    h('td', { className: 'number', 'data-testid': 'precision-dismissed' }, row.dismissed),
    h('td', { className: 'number' }, formatPercent(row.dismissedShare)),
    h('td', {}, reasons.map(([code, count]) => `${labelOr(`reason.${code}`, code)} ${count}`).join(' · ')),
  );
}
