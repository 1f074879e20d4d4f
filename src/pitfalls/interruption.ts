/**
 * Detects `interruption` from turn timings: a rep turn that starts while a
 * customer turn is still running, overlaps it by more than the threshold,
 * and outlasts it, so the customer stopped. Backchannels (嗯, 对, OK) and
 * overlaps where the customer keeps talking are not interruptions. The
 * orchestrator skips this detector when turns lack timings.
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
    const overlapMs = Math.min(customer.endMs, rep.endMs) - rep.startMs;
    if (overlapMs <= interruptionOverlapMs || customerContinues(context.turns, customer, rep)) {
      continue;
    }

    const evidence = [{ rule: 'overlap', detail: `${overlapMs} ms over customer turn ${customer.index}` }];
    let confidence = overlapMs > 2 * interruptionOverlapMs ? 0.9 : 0.75;
    if (CUT_OFF_ENDING.test(customer.norm.original)) {
      evidence.push({ rule: 'customer-cut-off', detail: `customer turn ${customer.index} ends unfinished` });
      confidence += 0.05;
    }
    findings.push(createFinding(context, 'interruption', { turn: rep, ...wholeTurn(rep), confidence, evidence }));
  }
  return findings;
}
