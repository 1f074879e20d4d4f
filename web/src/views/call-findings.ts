/** The findings panel of the call page: each finding, a play button, and confirm/dismiss for reviewers. */
import { DISMISS_REASONS, MAX_NOTE_CHARS } from '../../../src/domain/review.ts';
import { request, spanOf, type CallFinding, type CallView, type Me } from '../api.ts';
import { h, replaceChildren, select } from '../dom.ts';
import { formatDateTime, formatPercent, formatTime, t } from '../i18n.ts';
import { errorBox, labelOr, severityBadge, statusBadge } from './common.ts';
import type { Player } from './call.ts';


/** Roles that may confirm or dismiss findings; a rep only reads them. */
const REVIEWER_ROLES = new Set(['admin', 'manager', 'coach']);

/** Draws the findings of `call` into `box`; `refresh` reloads the call after a review. */
export function renderFindings(box: HTMLElement, call: CallView, player: Player, me: Me, refresh: () => Promise<void>): void {
  const list = h('ol', { className: 'findings', 'data-testid': 'finding-list' });
  for (const finding of call.findings) list.append(findingItem(finding, call, player, me, refresh));

  replaceChildren(
    box,
    h('h2', {}, t('call.findings')),
    call.findings.length > 0 ? list : h('p', { className: 'muted', 'data-testid': 'no-findings' }, t(emptyFindingsKey(call.status))),
  );
}

/** Picks the text for a call without findings: only a scored call has been checked and found clean. */
function emptyFindingsKey(status: string): 'call.noFindings' | 'call.findingsFailed' | 'call.findingsPending' {
  if (status === 'scored') return 'call.noFindings';
  return status === 'failed' ? 'call.findingsFailed' : 'call.findingsPending';
}

function findingItem(finding: CallFinding, call: CallView, player: Player, me: Me, refresh: () => Promise<void>): HTMLLIElement {
  const turn = call.transcript.turns[finding.turnIndex];
  const startMs = turn?.startMs ?? null;
  const status = finding.status ?? 'unreviewed';
  const span = spanOf(finding);
  const excerpt = turn ? turn.text.slice(Math.max(0, span.start), Math.max(0, span.end)) : '';

  const item = h(
    'li',
    { className: `finding status-${status}`, 'data-testid': 'finding', dataset: { findingId: String(finding.id), type: finding.type, status } },
    h('div', { className: 'finding-head' },
      severityBadge(finding.severity),
      h('strong', { className: 'finding-label' }, finding.label),
      statusBadge(status),
    ),
    excerpt ? h('blockquote', { className: 'finding-excerpt' }, excerpt) : null,
    h('div', { className: 'finding-meta' },
      h('button', {
        type: 'button',
        className: 'link',
        'data-testid': 'finding-play',
        onClick: () => {
          for (const selected of item.parentElement?.querySelectorAll('.finding.selected') ?? []) selected.classList.remove('selected');
          item.classList.add('selected');
          player.seek(startMs, finding.turnIndex, true);
        },
      }, player.audio ? `▶ ${t('call.playFrom', { time: formatTime(startMs) })}` : t('call.goTo', { time: formatTime(startMs) })),
      h('span', { className: 'muted' }, t('call.turn', { index: finding.turnIndex + 1 })),
      h('span', { className: 'muted' }, t('call.confidence', { value: formatPercent(finding.confidence) })),
    ),
    finding.review ? reviewSummary(finding) : null,
    REVIEWER_ROLES.has(me.role) ? reviewForm(finding, refresh) : null,
  );
  return item;
}

function reviewSummary(finding: CallFinding): HTMLElement {
  const review = finding.review!;
  const decided = review.decision.startsWith('dismiss') ? 'dismissed' : 'confirmed';
  return h(
    'div',
    { className: 'review-summary', 'data-testid': 'review-summary' },
    // The API gives the reviewer's user id only, which means nothing to a reader, so the page leaves it out.
    h('span', { title: review.reviewerId }, t('call.reviewedAt', { decision: labelOr(`reviewStatus.${decided}`, decided), time: formatDateTime(review.reviewedAt) })),
    review.reasonCode ? h('span', { className: 'badge' }, review.reasonLabel ?? labelOr(`reason.${review.reasonCode}`, review.reasonCode)) : null,
    review.note ? h('p', { className: 'review-note' }, review.note) : null,
  );
}

function reviewForm(finding: CallFinding, refresh: () => Promise<void>): HTMLElement {
  const reason = select(
    { 'data-testid': 'review-reason', 'aria-label': t('call.reason') },
    [['', t('call.reason')], ...DISMISS_REASONS.map((code): [string, string] => [code, t(`reason.${code}`)])],
    finding.review?.reasonCode ?? '',
  );
  const note = h('textarea', { rows: 2, maxlength: MAX_NOTE_CHARS, placeholder: t('call.reviewNote'), 'aria-label': t('call.reviewNote'), 'data-testid': 'review-note' });
  const message = h('div', { className: 'form-message' });
  const confirm = h('button', { type: 'button', 'data-testid': 'review-confirm' }, t('call.confirm'));
  const dismiss = h('button', { type: 'button', className: 'danger', 'data-testid': 'review-dismiss' }, t('call.dismiss'));

  const send = async (decision: 'confirm' | 'dismiss'): Promise<void> => {
    if (decision === 'dismiss' && !reason.value) {
      replaceChildren(message, h('div', { className: 'notice notice-error', role: 'alert', 'data-testid': 'reason-required' }, t('call.reasonRequired')));
      reason.focus();
      return;
    }
    confirm.disabled = dismiss.disabled = true;
    replaceChildren(message);
    try {
      const body: Record<string, string> = { decision };
      if (decision === 'dismiss') body.reasonCode = reason.value;
      if (note.value.trim()) body.note = note.value.trim();
      await request('POST', `/v1/findings/${encodeURIComponent(String(finding.id))}/review`, body);
      await refresh();
    } catch (error) {
      replaceChildren(message, errorBox(error));
      confirm.disabled = dismiss.disabled = false;
    }
  };
  confirm.addEventListener('click', () => void send('confirm'));
  dismiss.addEventListener('click', () => void send('dismiss'));

  return h('div', { className: 'review-form', 'data-testid': 'review-form' }, h('div', { className: 'review-row' }, reason, note), h('div', { className: 'review-row' }, confirm, dismiss), message);
}
