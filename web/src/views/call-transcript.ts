/** The transcript of the call page: one row per turn, findings highlighted on their character spans. */
import { spanOf, type CallFinding, type CallView, type Turn } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatTime, t } from '../i18n.ts';
import { labelOr } from './common.ts';
import type { Player } from './call.ts';

const SEVERITY_RANK: Record<string, number> = { critical: 3, major: 2, minor: 1 };

/** Draws the transcript into `box`. */
export function renderTranscript(box: HTMLElement, call: CallView, player: Player): void {
  const byTurn = new Map<number, CallFinding[]>();
  for (const finding of call.findings) {
    const list = byTurn.get(finding.turnIndex) ?? [];
    list.push(finding);
    byTurn.set(finding.turnIndex, list);
  }

  replaceChildren(
    box,
    h('h2', {}, t('call.transcript')),
    h('ol', { className: 'transcript', 'data-testid': 'transcript' }, ...call.transcript.turns.map((turn) => turnRow(turn, byTurn.get(turn.index) ?? [], player))),
  );
}

function turnRow(turn: Turn, findings: CallFinding[], player: Player): HTMLLIElement {
  return h(
    'li',
    { className: `turn speaker-${turn.speaker}`, 'data-testid': 'turn', dataset: { turnIndex: String(turn.index), speaker: turn.speaker } },
    h('button', { type: 'button', className: 'turn-time link', 'data-testid': 'turn-time', onClick: () => player.seek(turn.startMs, turn.index, true) }, formatTime(turn.startMs)),
    h('span', { className: 'speaker', 'data-testid': 'turn-speaker' }, labelOr(`speaker.${turn.speaker}`, turn.speaker)),
    h('span', { className: 'turn-text' }, ...highlighted(turn, findings, player)),
  );
}

/**
 * Splits the turn text at every span boundary and wraps each piece that a
 * finding covers in a <mark>. Spans are UTF-16 offsets into the turn text,
 * end exclusive, and may overlap, so a piece can belong to several findings.
 */
function highlighted(turn: Turn, findings: CallFinding[], player: Player): Array<Node | string> {
  const text = turn.text;
  const spans = findings
    .map((finding) => ({ finding, start: clamp(spanOf(finding).start, text.length), end: clamp(spanOf(finding).end, text.length) }))
    .filter((span) => span.end > span.start);
  if (spans.length === 0) return [text];

  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b);
  const pieces: Array<Node | string> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = spans.filter((span) => span.start <= start && span.end >= end).map((span) => span.finding);
    const piece = text.slice(start, end);
    if (covering.length === 0) {
      pieces.push(piece);
      continue;
    }

    const strongest = covering.reduce((best, finding) => ((SEVERITY_RANK[finding.severity] ?? 0) > (SEVERITY_RANK[best.severity] ?? 0) ? finding : best));
    const dismissed = covering.every((finding) => finding.status === 'dismissed');
    pieces.push(
      h(
        'mark',
        {
          className: `finding-mark severity-${strongest.severity}${dismissed ? ' dismissed' : ''}`,
          title: covering.map((finding) => finding.label).join(' · '),
          'data-testid': 'finding-mark',
          dataset: { findingIds: covering.map((finding) => String(finding.id)).join(' ') },
          onClick: () => player.seek(turn.startMs, turn.index, true),
        },
        piece,
      ),
    );
  }
  return pieces;
}

function clamp(offset: number, length: number): number {
  return Math.min(Math.max(0, Math.trunc(offset)), length);
}
