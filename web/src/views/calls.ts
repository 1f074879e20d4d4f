/** The calls list: every call the user may see, newest first, with finding counts. */
import { query, request, type CallSummary, type Page } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime, formatTime, t } from '../i18n.ts';
import { callHref, dealHref } from '../router.ts';
import { errorBox, moreButton, pageHeading, showError, type ViewContext } from './common.ts';
import { apiFilters, filterForm, filtersOf, type FilterName } from './filters.ts';

const PAGE_SIZE = 50;

/** Renders the calls list for the filters in the route query. */
export async function renderCalls(ctx: ViewContext): Promise<void> {
  // A rep's list holds only their own calls, so team and rep filters would only confuse.
  const names: FilterName[] = ctx.me.role === 'rep' ? ['callStatus', 'from', 'to'] : ['teamId', 'repId', 'callStatus', 'from', 'to'];
  const filters = filtersOf(ctx.route.query, names);
  const body = h('tbody', { 'data-testid': 'calls-rows' });
  const footer = h('div', { className: 'list-footer' });

  replaceChildren(
    ctx.container,
    pageHeading(t('calls.heading')),
    filterForm(ctx.me, '/calls', names, filters),
    h(
      'table',
      { className: 'list', 'data-testid': 'calls-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, t('column.call')),
        h('th', {}, t('column.startedAt')),
        h('th', {}, t('column.rep')),
        h('th', {}, t('column.deal')),
        h('th', {}, t('column.status')),
        h('th', {}, t('column.duration')),
        h('th', {}, t('column.findings')),
        h('th', {}, t('column.unreviewed')),
      )),
      body,
    ),
    footer,
  );

  const { callStatus, ...rest } = filters;
  const params = apiFilters({ ...rest, status: callStatus });

  const loadPage = async (cursor: string | null): Promise<void> => {
    const page = await request<Page<CallSummary>>('GET', `/v1/calls${query({ ...params, cursor, limit: PAGE_SIZE })}`);
    if (!ctx.isCurrent()) return;
    for (const call of page.items) body.append(callRow(call));
    if (body.childElementCount === 0) body.append(h('tr', {}, h('td', { colSpan: 8, className: 'empty', 'data-testid': 'calls-empty' }, t('app.noItems'))));
    replaceChildren(footer, page.nextCursor ? moreButton(() => loadPage(page.nextCursor).catch((error) => replaceChildren(footer, errorBox(error)))) : null);
  };

  try {
    await loadPage(null);
  } catch (error) {
    if (ctx.isCurrent()) showError(ctx.container, error);
  }
}

function callRow(call: CallSummary): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-testid': 'call-row', dataset: { callId: call.id } },
    h('td', {}, h('a', { href: callHref(call.id), 'data-testid': 'call-open' }, call.id)),
    h('td', {}, formatDateTime(call.startedAt)),
    h('td', {}, call.repId),
    h('td', {}, h('a', { href: dealHref(call.dealId) }, call.dealId)),
    h('td', {}, call.statusLabel),
    h('td', {}, formatTime(call.durationMs)),
    h('td', { className: 'number' }, call.findingCount),
    h('td', { className: 'number' }, call.unreviewedCount),
  );
}
