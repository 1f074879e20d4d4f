/** A rep's coaching notes across their calls, each with a link to its moment and an acknowledge button. */
import { itemsOf, request, type CoachingNote } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime, formatTime, t } from '../i18n.ts';
import { callHref } from '../router.ts';
import { errorBox, pageHeading, showError, type ViewContext } from './common.ts';

/** Renders the signed-in user's notes. */
export async function renderMyNotes(ctx: ViewContext): Promise<void> {
  let notes: CoachingNote[];
  try {
    notes = itemsOf<CoachingNote>(await request('GET', '/v1/me/notes'));
  } catch (error) {
    if (ctx.isCurrent()) showError(ctx.container, error);
    return;
  }
  if (!ctx.isCurrent()) return;

  replaceChildren(
    ctx.container,
    pageHeading(t('notes.myHeading')),
    notes.length === 0
      ? h('p', { className: 'muted', 'data-testid': 'no-notes' }, t('notes.none'))
      : h('section', { className: 'card' }, h('ol', { className: 'notes', 'data-testid': 'my-notes' }, ...notes.map((note) => noteItem(note)))),
  );
}

function noteItem(note: CoachingNote): HTMLLIElement {
  const status = h('div', { className: 'note-actions' });
  const drawStatus = (acknowledgedAt: string | null | undefined): void => {
    if (acknowledgedAt) {
      replaceChildren(status, h('span', { className: 'badge review-confirmed', 'data-testid': 'note-acknowledged' }, t('notes.acknowledged', { time: formatDateTime(acknowledgedAt) })));
      return;
    }
    const button = h('button', { type: 'button', 'data-testid': 'note-acknowledge' }, t('notes.acknowledge'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const updated = await request<Partial<CoachingNote> | null>('POST', `/v1/notes/${encodeURIComponent(String(note.id))}/acknowledge`);
        drawStatus(updated?.acknowledgedAt ?? new Date().toISOString());
      } catch (error) {
        button.disabled = false;
        status.append(errorBox(error));
      }
    });
    replaceChildren(status, button);
  };
  drawStatus(note.acknowledgedAt);

  return h(
    'li',
    { className: 'note', 'data-testid': 'my-note', dataset: { noteId: String(note.id), callId: note.callId } },
    h('a', { href: callHref(note.callId, { atMs: note.atMs }), className: 'note-time' }, t('notes.openCall', { time: formatTime(note.atMs) })),
    h('span', { className: 'muted' }, t('notes.call', { id: note.callId, time: formatDateTime(note.callStartedAt) })),
    h('span', { className: 'note-text' }, note.text),
    h('span', { className: 'muted' }, [note.authorName ?? note.authorId, formatDateTime(note.createdAt)].filter(Boolean).join(' · ')),
    status,
  );
}
