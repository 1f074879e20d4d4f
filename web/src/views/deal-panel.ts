/**
 * The deal panel: intent, behavior and result scores with their formulas and
 * evidence, the overall score, and the fulfillment report when the deal has a contract.
 */
import { ApiError, request } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { pick, t, type LabelKey, type LocalizedText } from '../i18n.ts';
import { callHref } from '../router.ts';
import { errorBox, pageHeading, showError, type ViewContext } from './common.ts';
import { fulfillmentReport, type FulfillmentView } from './fulfillment.ts';

interface CallSource {
  callId: string;
  score: number;
  weight: number;
  turnIndexes: number[];
}

interface LayerScore {
  score: number | null;
  reason: LocalizedText | null;
  formula: LocalizedText | null;
  sources: CallSource[];
  notes: LocalizedText[];
  evidence?: { calls: Array<{ callId: string; turnIndexes: number[] }>; clauseIndexes: number[] };
}

interface DealScoreView {
  dealId: string;
  calls: { total: number; scored: number; pending: number; failed: number };
  score: { intent: LayerScore; behavior: LayerScore; result: LayerScore; overall: { score: number | null; reason: LocalizedText | null; formula: LocalizedText | null } };
}

const LAYERS = [
  ['intent', 'deal.layer.intent'],
  ['behavior', 'deal.layer.behavior'],
  ['result', 'deal.layer.result'],
] as const satisfies ReadonlyArray<readonly [string, LabelKey]>;

/** Renders the deal with the id in the route. */
export async function renderDeal(ctx: ViewContext): Promise<void> {
  const dealId = ctx.route.id!;
  const path = `/v1/deals/${encodeURIComponent(dealId)}`;
  let view: DealScoreView;
  try {
    view = await request<DealScoreView>('GET', `${path}/score`);
  } catch (error) {
    if (ctx.isCurrent()) showError(ctx.container, error);
    return;
  }
  if (!ctx.isCurrent()) return;

  const fulfillmentBox = h('section', { className: 'card', 'data-testid': 'fulfillment' }, h('h2', {}, t('deal.fulfillment')), h('p', { className: 'muted' }, t('app.loading')));
  replaceChildren(
    ctx.container,
    pageHeading(t('deal.heading', { id: view.dealId }), h('p', { className: 'hint' }, t('deal.calls', { scored: view.calls.scored, total: view.calls.total }))),
    h('div', { className: 'layers', 'data-testid': 'deal-layers' }, ...LAYERS.map(([layer, label]) => layerCard(layer, t(label), view.score[layer])), overallCard(view)),
    fulfillmentBox,
  );

  try {
    const report = await request<FulfillmentView>('GET', `${path}/fulfillment`);
    if (ctx.isCurrent()) replaceChildren(fulfillmentBox, h('h2', {}, t('deal.fulfillment')), fulfillmentReport(report));
  } catch (error) {
    if (!ctx.isCurrent()) return;
    // A deal known only from its calls has no contract, hence no report; that is not a failure.
    const noReport = error instanceof ApiError && (error.status === 404 || error.code === 'CS_ERR_DEAL_NOT_REGISTERED');
    replaceChildren(fulfillmentBox, h('h2', {}, t('deal.fulfillment')), noReport ? h('p', { className: 'muted', 'data-testid': 'no-fulfillment' }, t('deal.noFulfillment')) : errorBox(error));
  }
}

function layerCard(layer: string, title: string, score: LayerScore): HTMLElement {
  const evidenceCalls = score.evidence?.calls ?? [];
  return h(
    'section',
    { className: 'card layer', 'data-testid': `layer-${layer}` },
    h('h2', {}, title),
    scoreNumber(score.score),
    score.reason ? h('p', { className: 'muted' }, pick(score.reason)) : null,
    score.formula ? h('div', { className: 'formula' }, h('span', { className: 'muted' }, t('deal.formula')), h('code', {}, pick(score.formula))) : null,
    ...score.notes.map((note) => h('p', { className: 'notice' }, pick(note))),
    score.sources.length > 0 || evidenceCalls.length > 0
      ? h('div', { className: 'evidence' },
          h('h3', {}, t('deal.evidence')),
          h('ul', {},
            ...score.sources.map((source) =>
              h('li', {},
                h('a', { href: callHref(source.callId) }, t('deal.sourceCall', { id: source.callId, score: source.score, weight: Math.round(source.weight * 100) / 100 })),
                source.turnIndexes.length > 0 ? h('span', { className: 'muted' }, ` · ${t('deal.turns', { turns: source.turnIndexes.map((index) => index + 1).join(', ') })}`) : null,
              ),
            ),
            ...evidenceCalls.map((call) =>
              h('li', {},
                h('a', { href: callHref(call.callId) }, call.callId),
                call.turnIndexes.length > 0 ? h('span', { className: 'muted' }, ` · ${t('deal.turns', { turns: call.turnIndexes.map((index) => index + 1).join(', ') })}`) : null,
              ),
            ),
          ),
          score.evidence && score.evidence.clauseIndexes.length > 0
            ? h('p', { className: 'muted' }, t('deal.clauses', { clauses: score.evidence.clauseIndexes.map((index) => index + 1).join(', ') }))
            : null,
        )
      : null,
  );
}

function overallCard(view: DealScoreView): HTMLElement {
  const overall = view.score.overall;
  return h(
    'section',
    { className: 'card layer overall', 'data-testid': 'layer-overall' },
    h('h2', {}, t('deal.overall')),
    scoreNumber(overall.score),
    overall.reason ? h('p', { className: 'muted' }, pick(overall.reason)) : null,
    overall.formula ? h('div', { className: 'formula' }, h('code', {}, pick(overall.formula))) : null,
  );
}

function scoreNumber(score: number | null): HTMLElement {
  return score === null ? h('div', { className: 'score none' }, t('deal.noScore')) : h('div', { className: 'score', 'data-testid': 'score' }, String(score));
}
