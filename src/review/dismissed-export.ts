/**
 * Converts a reviewed call into one line of the labelled conversation format
 * that `callscore eval --gold` and the detector training read, so findings
 * that coaches dismissed become negatives for retraining.
 *
 * Labels as the coaches left them: confirmed findings are labels, dismissed
 * ones are not, and unreviewed findings stay labels, because the detector's
 * output is kept until a coach overrules it.
 */
import type { PitfallType } from '../domain/pitfalls.js';
import type { FindingStatus } from '../domain/review.js';
import type { CallLanguage, Turn } from '../domain/transcript.js';
import type { GoldConversation, GoldLanguage } from '../eval/gold.js';
import type { StoredObjection } from '../store/analysis.js';

/** A reviewed call as the conversion reads it. */
export interface ReviewedCall {
  id: string;
  language: CallLanguage;
  callEnded: boolean;
  turns: Turn[];
  findings: Array<{ type: PitfallType; turnIndex: number; status: FindingStatus }>;
  objections: StoredObjection[];
}

/** Reason a call cannot be written in the labelled format. */
export type ExportSkipReason = 'speaker_unknown' | 'empty_turn' | 'no_turns';

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/g;
// Chinese calls name products and metrics in English (CRM, SLA, OK); only
// more Latin words than this make a conversation count as mixed.
const MIXED_MIN_LATIN_WORDS = 3;

/** Tells zh, en and mixed conversations apart from the text when the upload did not fix the language. */
export function conversationLanguage(language: CallLanguage, turns: readonly Turn[]): GoldLanguage {
  const text = turns.map((turn) => turn.text).join('\n');
  const hasHan = HAN.test(text);
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  if (hasHan && latinWords > MIXED_MIN_LATIN_WORDS) return 'mixed';
  if (language !== 'auto') return language;
  return hasHan ? 'zh' : 'en';
}

function goldTurn(turn: Turn): GoldConversation['turns'][number] {
  const out: GoldConversation['turns'][number] = { speaker: turn.speaker as 'rep' | 'customer', text: turn.text };
  // The format takes both times or neither.
  if (turn.startMs !== undefined && turn.endMs !== undefined) {
    out.startMs = turn.startMs;
    out.endMs = turn.endMs;
  }
  return out;
}

/**
 * Returns the labelled conversation of a call, or the reason it cannot be
 * written: the format needs every turn spoken by the rep or the customer and
 * every turn non-empty.
 */
export function toLabelledConversation(call: ReviewedCall): { conversation: GoldConversation } | { skipped: ExportSkipReason } {
  if (call.turns.length === 0) return { skipped: 'no_turns' };
  if (call.turns.some((turn) => turn.speaker === 'unknown')) return { skipped: 'speaker_unknown' };
  if (call.turns.some((turn) => turn.text.trim() === '')) return { skipped: 'empty_turn' };

  const pitfalls: GoldConversation['pitfalls'] = [];
  const labelled = new Set<string>();
  for (const finding of call.findings) {
    if (finding.status === 'dismissed') continue;
    // Two findings of one type on one turn (different spans) are one label.
    const key = `${finding.type}@${finding.turnIndex}`;
    if (labelled.has(key)) continue;
    labelled.add(key);
    pitfalls.push({ type: finding.type, turn: finding.turnIndex });
  }

  const objections: GoldConversation['objections'] = [];
  const objectionTurns = new Set<number>();
  for (const objection of call.objections) {
    if (objectionTurns.has(objection.turnIndex)) continue;
    objectionTurns.add(objection.turnIndex);
    objections.push({ type: objection.type, turn: objection.turnIndex, depth: objection.handlingDepth });
  }

  return {
    conversation: {
      id: call.id,
      lang: conversationLanguage(call.language, call.turns),
      callEnded: call.callEnded,
      turns: call.turns.map(goldTurn),
      pitfalls,
      objections,
    },
  };
}
