/** Coaching notes on the call page: the notes at their moments, and a form that adds one at the current position. */
import { MAX_NOTE_CHARS } from '../../../src/domain/review.ts';
import { itemsOf, request, type CallView, type CoachingNote, type Me } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime, formatTime, t } from '../i18n.ts';
import { errorBox } from './common.ts';
import type { Player } from './call.ts';

/** Roles that write coaching notes; a rep reads and acknowledges them on their own page. */
const COACH_ROLES = new Set(['admin', 'manager', 'coach']);

/** Loads and draws the notes of `call` into `box`. */
export async function renderNotes(box: HTMLElement, call: CallView, player: Player, me: Me): Promise<void> {
  const list = h('ol', { className: 'notes', 'data-testid': 'note-list' });
  const form = COACH_ROLES.has(me.role) ? noteForm(call, player, () => load()) : null;
  replaceChildren(box, h('h2', {}, t('notes.heading')), list, form);

  const load = async (): Promise<void> => {
    try {
      const notes = itemsOf<CoachingNote>(await request('GET', `/v1/calls/${encodeURIComponent(call.id)}/notes`));
      replaceChildren(list, ...notes.map((note) => noteItem(note, call, player)));
      if (notes.length === 0) list.append(h('li', { className: 'muted', 'data-testid': 'no-notes' }, t('notes.none')));
    } catch (error) {
      replaceChildren(list, h('li', {}, errorBox(error)));
    }
  };
  await load();
}

function noteItem(note: CoachingNote, call: CallView, player: Player): HTMLLIElement {
  const turn = turnAt(call, note.atMs);
  return h(
    'li',
    { className: 'note', 'data-testid': 'note', dataset: { noteId: String(note.id) } },
    h('button', { type: 'button', className: 'link note-time', onClick: () => player.seek(note.atMs, turn, true) }, formatTime(note.atMs)),
    h('span', { className: 'note-text' }, note.text),
    h('span', { className: 'muted' }, [note.authorName ?? note.authorId, formatDateTime(note.createdAt)].filter(Boolean).join(' · ')),
    note.acknowledgedAt ? h('span', { className: 'badge review-confirmed' }, t('notes.acknowledged', { time: formatDateTime(note.acknowledgedAt) })) : null,
  );
}

function noteForm(call: CallView, player: Player, reload: () => Promise<void>): HTMLFormElement {
  const position = h('span', { 'data-testid': 'note-position' }, t('notes.atTime', { time: formatTime(player.positionMs()) }));
  const text = h('textarea', { rows: 3, maxlength: MAX_NOTE_CHARS, required: true, 'aria-label': t('notes.text'), placeholder: t('notes.text'), 'data-testid': 'note-text' });
  const message = h('div', { className: 'form-message' });
  const submit = h('button', { type: 'submit', 'data-testid': 'note-add' }, t('notes.add'));
  const updatePosition = (): void => {
    position.textContent = t('notes.atTime', { time: formatTime(player.positionMs()) });
  };
  player.onMove(updatePosition);

  const form = h('form', { className: 'note-form', 'data-testid': 'note-form' }, position, text, message, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replaceChildren(message);
    try {
      await request('POST', `/v1/calls/${encodeURIComponent(call.id)}/notes`, { atMs: player.positionMs(), text: text.value.trim() });
      text.value = '';
      await reload();
    } catch (error) {
      replaceChildren(message, errorBox(error));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Index of the last turn that starts at or before `atMs`, so a note can highlight its turn. */
function turnAt(call: CallView, atMs: number): number | null {
  let found: number | null = null;
  for (const turn of call.transcript.turns) {
    if (turn.startMs !== null && turn.startMs <= atMs) found = turn.index;
  }
  return found;
}
