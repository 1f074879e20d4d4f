/**
 * The review queue: findings across calls with filters and cursor paging,
 * in the API's order (critical, unreviewed findings first).
 */
import { query, request, type Page, type QueueFinding } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime, formatTime, t } from '../i18n.ts';
import { callHref } from '../router.ts';
import { errorBox, moreButton, pageHeading, severityBadge, showError, statusBadge, type ViewContext } from './common.ts';
import { apiFilters, filterForm, filtersOf, type FilterName } from './filters.ts';

const FILTERS: readonly FilterName[] = ['teamId', 'repId', 'type', 'severity', 'status', 'from', 'to'];
const DEFAULT_PAGE_SIZE = 50;

/** Renders the queue for the filters in the route query. */
export async function renderQueue(ctx: ViewContext): Promise<void> {
  const filters = filtersOf(ctx.route.query, FILTERS);
  // `?limit=` in the route sets the page size (1 to 200, as the API allows); the form does not show it.
  const requested = Number(ctx.route.query.get('limit'));
  const pageSize = Number.isInteger(requested) && requested >= 1 && requested <= 200 ? requested : DEFAULT_PAGE_SIZE;
  const body = h('tbody', { 'data-testid': 'queue-rows' });
  const footer = h('div', { className: 'list-footer' });
  const table = h(
    'table',
    { className: 'list', 'data-testid': 'queue-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, t('column.severity')),
      h('th', {}, t('column.type')),
      h('th', {}, t('column.excerpt')),
      h('th', {}, t('column.status')),
      h('th', {}, t('column.rep')),
      h('th', {}, t('column.startedAt')),
    )),
    body,
  );

  replaceChildren(
    ctx.container,
    pageHeading(t('queue.heading'), h('p', { className: 'hint' }, t('queue.order'))),
    filterForm(ctx.me, '/queue', FILTERS, filters),
    table,
    footer,
  );

  const loadPage = async (cursor: string | null): Promise<void> => {
    const page = await request<Page<QueueFinding>>('GET', `/v1/review/findings${query({ ...apiFilters(filters), cursor, limit: pageSize })}`);
    if (!ctx.isCurrent()) return;
    for (const finding of page.items) body.append(queueRow(finding));
    if (body.childElementCount === 0) body.append(h('tr', {}, h('td', { colSpan: 6, className: 'empty', 'data-testid': 'queue-empty' }, t('app.noItems'))));
    replaceChildren(footer, page.nextCursor ? moreButton(() => loadPage(page.nextCursor).catch((error) => replaceChildren(footer, errorBox(error)))) : null);
  };

  try {
    await loadPage(null);
  } catch (error) {
    if (ctx.isCurrent()) showError(ctx.container, error);
  }
}

function queueRow(finding: QueueFinding): HTMLTableRowElement {
  const href = callHref(finding.callId, { findingId: finding.id });
  return h(
    'tr',
    { 'data-testid': 'queue-row', dataset: { findingId: String(finding.id), callId: finding.callId, type: finding.type, status: finding.status } },
    h('td', {}, severityBadge(finding.severity)),
    h('td', {}, finding.label),
    h('td', { className: 'excerpt' },
      h('a', { href, 'data-testid': 'queue-open' }, finding.excerpt || '…'),
      h('span', { className: 'muted' }, ` · ${formatTime(finding.startMs)}`),
    ),
    h('td', {}, statusBadge(finding.status)),
    h('td', {}, finding.repId),
    h('td', {}, formatDateTime(finding.callStartedAt)),
  );
}
