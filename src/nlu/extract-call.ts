/**
 * Runs the intent and result extraction over a whole transcript: pains and
 * requirements from customer turns, commitments from rep turns. The analysis
 * stage stores the result with the call's findings.
 */

import type { CallExtraction } from '../domain/deal.js';
import type { Transcript } from '../domain/transcript.js';
import { glossaryMetricNames, type Glossary } from './glossary.js';
import { normaliseText } from './normalise.js';
import { extractPains } from './pains.js';
import { extractTerms } from './terms.js';

/**
 * Extracts pains, requirements and commitments from a transcript. Turns of
 * unknown speaker yield nothing, because a requirement read from the rep's
 * words (or a promise from the customer's) would be wrong.
 */
export function extractCall(transcript: Transcript, glossary: Glossary): CallExtraction {
  const extraNames = glossaryMetricNames(glossary);
  const extraction: CallExtraction = { requirements: [], commitments: [], pains: [] };

  // NOTE: a mono call whose rep voice could not be identified keeps every turn unknown, so it yields no extraction.
  transcript.turns.forEach((turn, turnIndex) => {
    if (turn.speaker === 'unknown') return;
    const normalised = normaliseText(turn.text);
    if (turn.speaker === 'customer') {
      extraction.requirements.push(...extractTerms(turnIndex, normalised, 'requirement', extraNames));
      extraction.pains.push(...extractPains(turnIndex, normalised));
    } else {
      extraction.commitments.push(...extractTerms(turnIndex, normalised, 'commitment', extraNames));
    }
  });
  return extraction;
}
