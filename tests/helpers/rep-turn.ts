import type { PitfallType } from '../../src/domain/pitfalls.js';
import type { Turn } from '../../src/domain/transcript.js';
import { analyzeTranscript } from '../../src/pitfalls/index.js';

/** A pitfall type with sentences its rules must flag and look-alikes they must leave alone. */
export interface PhraseTable {
  type: PitfallType;
  positive: string[];
  negative: string[];
}

/** A named family of wordings with its positives and look-alikes. */
export interface PhraseFamily {
  name: string;
  positive: string[];
  negative: string[];
}

/**
 * Returns the pitfall types the rules find on a rep turn that follows one
 * customer turn. The learned objection layer is off, because these tables
 * check the phrase detectors.
 */
export function typesOnRepTurn(text: string, customerText = '嗯，您接着说。'): PitfallType[] {
  const turns: Turn[] = [
    { speaker: 'customer', text: customerText },
    { speaker: 'rep', text },
  ];
  const analysis = analyzeTranscript({ turns, rolesKnown: true, callEnded: false }, undefined, { model: null });
  return analysis.findings.filter((finding) => finding.turnIndex === 1).map((finding) => finding.type);
}
