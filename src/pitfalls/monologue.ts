/**
 * Detects `monologue` from turn timings: the rep talks for longer than the
 * threshold without a customer turn. Customer turns shorter than the
 * backchannel maximum do not break the span unless they ask a question.
 * The finding is anchored on the first rep turn of the span. The
 * orchestrator skips this detector when turns lack timings.
 */

import type { Finding } from '../domain/pitfalls.js';
import type { DetectionContext, TurnView } from './context.js';
import { createFinding, wholeTurn } from './findings.js';

interface RepSpan {
  first: TurnView;
  startMs: number;
  endMs: number;
  turns: number;
}

// A customer question ends the rep's span, however short it is.
const QUESTION_END = /[?？]\s*$/;

// Customer turns shorter than the backchannel maximum (嗯、好，您说, "Morning.") let the rep go on,
// so they do not break the span unless they ask something.
function breaksSpan(turn: TurnView, backchannelMaxMs: number): boolean {
  if (turn.speaker === 'rep') {
    return false;
  }
  const durationMs = (turn.endMs ?? 0) - (turn.startMs ?? 0);
  if (durationMs >= backchannelMaxMs) {
    return true;
  }
  return !turn.backchannel && QUESTION_END.test(turn.text);
}

/** Finds stretches of rep speech longer than the monologue threshold. Requires timings on every turn. */
export function detectMonologue(context: DetectionContext): Finding[] {
  const { monologueMs, backchannelMaxMs } = context.settings;
  const findings: Finding[] = [];
  let span: RepSpan | null = null;

  const closeSpan = (): void => {
    if (span !== null && span.endMs - span.startMs > monologueMs) {
      const seconds = Math.round((span.endMs - span.startMs) / 1000);
      const evidence = [{ rule: 'rep-talk-time', detail: `${seconds} s across ${span.turns} rep turn(s)` }];
      findings.push(createFinding(context, 'monologue', { turn: span.first, ...wholeTurn(span.first), confidence: 0.9, evidence }));
    }
    span = null;
  };

  for (const turn of context.turns) {
    if (turn.startMs === undefined || turn.endMs === undefined) {
      continue;
    }
    if (turn.speaker === 'rep') {
      if (span === null) {
        span = { first: turn, startMs: turn.startMs, endMs: turn.endMs, turns: 1 };
      } else {
        span.endMs = Math.max(span.endMs, turn.endMs);
        span.turns++;
      }
    } else if (breaksSpan(turn, backchannelMaxMs)) {
      closeSpan();
    }
  }
  closeSpan();
  return findings;
}
