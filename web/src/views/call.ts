/**
 * The call page: the recording, the transcript with speaker roles, times and
 * highlighted findings, the findings with review buttons, and coaching notes.
 * Clicking a finding or a turn time seeks the recording to that turn.
 */
import { request, type CallView } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatDateTime, t } from '../i18n.ts';
import { dealHref } from '../router.ts';
import { pageHeading, showError, type ViewContext } from './common.ts';
import { renderFindings } from './call-findings.ts';
import { renderNotes } from './call-notes.ts';
import { renderTranscript } from './call-transcript.ts';

/** The player and the shared position of the call page. */
export interface Player {
  /** The audio element, or null for a call uploaded as a transcript. */
  audio: HTMLAudioElement | null;
  /** Position in ms that a new note is attached to. */
  positionMs(): number;
  /** Moves to `ms` and scrolls the turn into view; plays from there when `play` is set and there is audio. */
  seek(ms: number | null, turnIndex: number | null, play: boolean): void;
  /** Registers a function to call after each seek and, with audio, each time update. */
  onMove(listener: () => void): void;
}

/** Renders the call with the id in the route. */
export async function renderCall(ctx: ViewContext): Promise<void> {
  const callId = ctx.route.id!;
  let call: CallView;
  try {
    call = await request<CallView>('GET', `/v1/calls/${encodeURIComponent(callId)}`);
  } catch (error) {
    if (ctx.isCurrent()) showError(ctx.container, error);
    return;
  }
  if (!ctx.isCurrent()) return;

  const transcriptBox = h('section', { className: 'card transcript-card' });
  const findingsBox = h('section', { className: 'card', 'data-testid': 'findings' });
  const notesBox = h('section', { className: 'card', 'data-testid': 'notes' });
  const player = createPlayer(call, transcriptBox);

  const refresh = async (): Promise<void> => {
    call = await request<CallView>('GET', `/v1/calls/${encodeURIComponent(callId)}`);
    if (!ctx.isCurrent()) return;
    drawAnalysis();
  };
  const drawAnalysis = (): void => {
    renderTranscript(transcriptBox, call, player);
    renderFindings(findingsBox, call, player, ctx.me, refresh);
  };

  replaceChildren(
    ctx.container,
    pageHeading(t('call.heading', { id: call.id })),
    callFacts(call),
    h('div', { className: 'call-layout' },
      h('div', { className: 'call-main' },
        h('section', { className: 'card player-card' }, h('h2', {}, t('call.audio')), player.audio ?? h('p', { className: 'muted', 'data-testid': 'no-audio' }, t('call.noAudio'))),
        transcriptBox,
      ),
      h('div', { className: 'call-side' }, findingsBox, notesBox),
    ),
  );
  drawAnalysis();
  await renderNotes(notesBox, call, player, ctx.me);

  openFromQuery(ctx, call, player);
}

function callFacts(call: CallView): HTMLElement {
  return h(
    'div',
    { className: 'facts', 'data-testid': 'call-facts' },
    h('span', {}, t('call.rep', { rep: call.repId })),
    h('span', {}, t('call.team', { team: call.teamId })),
    h('span', {}, t('call.deal'), h('a', { href: dealHref(call.dealId), 'data-testid': 'deal-link' }, call.dealId)),
    h('span', {}, t('call.startedAt', { time: formatDateTime(call.startedAt) })),
    h('span', {}, t('call.status', { status: call.statusLabel })),
    call.behavior ? h('span', { 'data-testid': 'behavior-score' }, t('call.behaviorScore', { score: call.behavior.score })) : null,
    call.speakers.roleMethodLabel && call.speakers.roleConfidence !== null
      ? h('span', { 'data-testid': 'role-method' }, t('call.roleMethod', { method: call.speakers.roleMethodLabel, confidence: call.speakers.roleConfidence.toFixed(2) }))
      : null,
    call.speakers.note ? h('p', { className: 'notice', 'data-testid': 'speaker-note' }, call.speakers.note) : null,
    call.failure
      ? h('p', { className: 'notice notice-error', 'data-testid': 'call-failure' }, t('call.failed', { code: call.failure.code, message: call.failure.message }))
      : null,
  );
}

function createPlayer(call: CallView, transcriptBox: HTMLElement): Player {
  let lastPositionMs = 0;
  const moveListeners: Array<() => void> = [];
  const audio =
    call.source === 'audio'
      ? h('audio', { controls: true, preload: 'metadata', src: `/v1/calls/${encodeURIComponent(call.id)}/audio`, 'data-testid': 'audio' })
      : null;

  return {
    audio,
    positionMs: () => (audio ? Math.round(audio.currentTime * 1000) : lastPositionMs),
    seek(ms, turnIndex, play) {
      if (ms !== null) lastPositionMs = ms;
      if (turnIndex !== null) {
        for (const active of transcriptBox.querySelectorAll('.turn.active')) active.classList.remove('active');
        const turn = transcriptBox.querySelector<HTMLElement>(`[data-turn-index="${turnIndex}"]`);
        turn?.classList.add('active');
        turn?.scrollIntoView({ block: 'nearest' });
      }
      if (audio && ms !== null) audio.currentTime = ms / 1000;
      // play() rejects when the browser blocks autoplay; the position is set all the same.
      if (audio && play) audio.play().catch(() => undefined);
      for (const listener of moveListeners) listener();
    },
    onMove(listener) {
      moveListeners.push(listener);
      audio?.addEventListener('timeupdate', listener);
    },
  };
}

/** Applies `?finding=` (select a finding) and `?t=` (start at a time in ms) from the route, without playing. */
function openFromQuery(ctx: ViewContext, call: CallView, player: Player): void {
  const findingId = ctx.route.query.get('finding');
  const finding = findingId ? call.findings.find((candidate) => String(candidate.id) === findingId) : undefined;
  if (finding) {
    const item = ctx.container.querySelector<HTMLElement>(`[data-testid="finding"][data-finding-id="${CSS.escape(String(finding.id))}"]`);
    item?.classList.add('selected');
    item?.scrollIntoView({ block: 'nearest' });
    player.seek(call.transcript.turns[finding.turnIndex]?.startMs ?? null, finding.turnIndex, false);
    return;
  }

  const atMs = Number(ctx.route.query.get('t'));
  if (ctx.route.query.has('t') && Number.isFinite(atMs)) player.seek(atMs, null, false);
}
