/**
 * Detects `interruption`: a rep turn that starts while a customer turn is
 * still running, overlaps it by more than the threshold, and outlasts it, so
 * the customer stopped. Backchannels (嗯, 对, OK) and overlaps where the
 * customer keeps talking are not interruptions. The orchestrator skips this
 * detector when turns lack timings.
 *
 * Turn boundaries show only that two turns may overlap. Transcribed stereo
 * calls also carry `overlapMs`, the speech of the other channel measured from
 * the audio. Where it is present, the overlap counted is at most that
 * measured speech, so a rep turn measured with no customer speech under it
 * does not fire, however its boundaries fall.
 */

import type { Finding } from '../domain/pitfalls.js';
import type { DetectionContext, TurnView } from './context.js';
import { createFinding, wholeTurn } from './findings.js';

const CUT_OFF_ENDING = /(?:—|--|-|…|\.\.\.)\s*$/;

interface TimedTurn extends TurnView {
  startMs: number;
  endMs: number;
}

function isTimed(turn: TurnView): turn is TimedTurn {
  return turn.startMs !== undefined && turn.endMs !== undefined;
}

function findOverlappedCustomerTurn(turns: readonly TurnView[], rep: TimedTurn): TimedTurn | null {
  for (let index = rep.index - 1; index >= 0; index--) {
    const turn = turns[index] as TurnView;
    if (turn.speaker === 'customer' && isTimed(turn) && turn.startMs < rep.startMs && rep.startMs < turn.endMs) {
      return turn;
    }
  }
  return null;
}

function customerContinues(turns: readonly TurnView[], customer: TimedTurn, rep: TimedTurn): boolean {
  if (customer.endMs > rep.endMs) {
    return true;
  }
  // The customer may also carry on in a separate turn that runs past the rep's.
  for (let index = rep.index + 1; index < turns.length; index++) {
    const turn = turns[index] as TurnView;
    if (!isTimed(turn) || turn.startMs >= rep.endMs) {
      break;
    }
    if (turn.speaker === 'customer' && turn.endMs > rep.endMs) {
      return true;
    }
  }
  return false;
}

/**
 * Returns the bound that the measured overlaps of the two turns put on their
 * overlap, or null when neither turn carries one. Each turn's `overlapMs`
 * covers the whole turn, so the smaller of the two is an upper bound.
 */
function measuredOverlap(rep: TimedTurn, customer: TimedTurn): number | null {
  const measured = [rep.overlapMs, customer.overlapMs].filter((value): value is number => value !== undefined);
  return measured.length === 0 ? null : Math.min(...measured);
}

/** Finds rep turns that cut a customer off. Requires timings on every turn. */
export function detectInterruption(context: DetectionContext): Finding[] {
  const { interruptionOverlapMs, backchannelMaxMs } = context.settings;
  const findings: Finding[] = [];
  for (const rep of context.turns) {
    if (rep.speaker !== 'rep' || !isTimed(rep)) {
      continue;
    }
    if (rep.backchannel && rep.endMs - rep.startMs <= backchannelMaxMs) {
      continue;
    }
    const customer = findOverlappedCustomerTurn(context.turns, rep);
    if (customer === null) {
      continue;
    }
    const boundaryOverlapMs = Math.min(customer.endMs, rep.endMs) - rep.startMs;
    const measuredOverlapMs = measuredOverlap(rep, customer);
    const overlapMs = measuredOverlapMs === null ? boundaryOverlapMs : Math.min(boundaryOverlapMs, measuredOverlapMs);
    if (overlapMs <= interruptionOverlapMs || customerContinues(context.turns, customer, rep)) {
      continue;
    }

    const evidence =
      measuredOverlapMs === null
        ? [{ rule: 'overlap', detail: `${overlapMs} ms over customer turn ${customer.index}` }]
        : [{ rule: 'measured-overlap', detail: `${overlapMs} ms over customer turn ${customer.index}, measured in the audio` }];
    let confidence = overlapMs > 2 * interruptionOverlapMs ? 0.9 : 0.75;
    if (CUT_OFF_ENDING.test(customer.norm.original)) {
      evidence.push({ rule: 'customer-cut-off', detail: `customer turn ${customer.index} ends unfinished` });
      confidence += 0.05;
    }
    findings.push(createFinding(context, 'interruption', { turn: rep, ...wholeTurn(rep), confidence, evidence }));
  }
  return findings;
}
