/** The fulfillment report of a deal: each requirement and commitment against the contract. */
import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import { callHref } from '../router.ts';

/** GET /v1/deals/:id/fulfillment, the parts the page shows; labels come in the request language. */
export interface FulfillmentView {
  dealId: string;
  lowIntentFulfillment: boolean;
  summary: string;
  items: Array<{
    sourceLabel: string;
    term: string;
    key: boolean;
    status: 'fulfilled' | 'weaker' | 'missing';
    statusLabel: string;
    mentions: Array<{ callId: string; turnIndex: number; text: string }>;
    clause: { text: string } | null;
  }>;
  reviewItems: Array<{ id: number; kind: string; status: string; summary: string }>;
}

/** Builds the report as a summary, a table of terms and the review items. */
export function fulfillmentReport(report: FulfillmentView): HTMLElement {
  return h(
    'div',
    { 'data-testid': 'fulfillment-report' },
    report.lowIntentFulfillment ? h('p', { className: 'notice notice-error' }, t('deal.lowIntentFulfillment')) : null,
    h('p', {}, report.summary),
    h(
      'table',
      { className: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, t('deal.source')), h('th', {}, t('deal.term')), h('th', {}, t('column.status')), h('th', {}, t('deal.clause')))),
      h(
        'tbody',
        {},
        report.items.length === 0 ? h('tr', {}, h('td', { colSpan: 4, className: 'empty' }, t('app.noItems'))) : null,
        ...report.items.map((item) =>
          h(
            'tr',
            { className: `fulfillment-${item.status}` },
            h('td', {}, item.sourceLabel, item.key ? h('span', { className: 'badge severity-critical' }, t('deal.key')) : null),
            h('td', {},
              item.term,
              ...item.mentions.map((mention) => h('div', { className: 'muted' }, h('a', { href: callHref(mention.callId) }, mention.callId), ` · ${mention.text}`)),
            ),
            h('td', {}, h('span', { className: `badge fulfillment-${item.status}` }, item.statusLabel)),
            h('td', {}, item.clause?.text ?? '–'),
          ),
        ),
      ),
    ),
    report.reviewItems.length > 0
      ? h('div', {}, h('h3', {}, t('deal.reviewItems')), h('ul', {}, ...report.reviewItems.map((item) => h('li', {}, item.summary))))
      : null,
  );
}
