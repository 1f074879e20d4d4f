/**
 * Decides which of the two voices of a diarized mono call is the rep by
 * comparing each voice with the rep's enrolled voice profile. The words are
 * not used here; roles.ts guesses from them when this match is not
 * confident.
 */
import { SPECTRAL_DIARIZATION, voiceprintDistance, voiceprintMean } from './diarize.js';
import { ROLE_CONFIDENCE_THRESHOLD, type RoleGuess } from './roles.js';
import type { RoleMethod } from '../domain/transcript.js';
import type { VoiceProfile } from './voice-profile.js';

/** Settings of the match against an enrolled voice. */
export const VOICE_MATCH = {
  /**
   * Voiceprint distance from which a voice is too far from the profile to
   * be the rep at all. Same-voice distances were 0.3 to 1.0 and distinct
   * voices 1.3 and more for espeak-ng voices.
   */
  maxRepDistance: 2,
  /**
   * Scale of the relative margin in the confidence. The farther voice must
   * be about 2.4 times as far from the profile as the nearer one for a
   * confidence of 0.8.
   */
  marginScale: 2,
} as const;

/** Outcome of matching the two voices of a call with the rep's profile. */
export interface VoiceMatch extends Pick<RoleGuess, 'repSpeaker' | 'confidence'> {
  /** Distance of each voice's mean voiceprint to the profile, null for a voice without voiceprints. */
  distances: [number | null, number | null];
}

/**
 * Takes the voice whose mean voiceprint is nearer the profile's centre as
 * the rep. The confidence grows with the relative margin between the two
 * distances, (far − near) / near: 0.5 + 0.5 · tanh(margin / marginScale),
 * so equal distances give 0.5 (a coin toss). The confidence is 0.5 and
 * `repSpeaker` null when a voice has no voiceprint or the nearer voice is
 * farther than `maxRepDistance`, because then neither voice is the rep's.
 * NOTE: both settings were calibrated on espeak-ng voices only, not on
 * recorded telephone speech.
 */
export function matchEnrolledVoice(prints: ReadonlyArray<Float64Array | null>, labels: ReadonlyArray<0 | 1 | null>, centre: Float64Array): VoiceMatch {
  const distances = ([0, 1] as const).map((voice) => {
    const voicePrints = prints.filter((print, i): print is Float64Array => print !== null && labels[i] === voice);
    const mean = voiceprintMean(voicePrints);
    return mean ? voiceprintDistance(mean, centre) : null;
  }) as [number | null, number | null];

  const [first, second] = distances;
  if (first === null || second === null) return { repSpeaker: null, confidence: 0.5, distances };
  const near = Math.min(first, second);
  if (near > VOICE_MATCH.maxRepDistance) return { repSpeaker: null, confidence: 0.5, distances };

  const margin = (Math.max(first, second) - near) / Math.max(near, 1e-9);
  if (margin === 0) return { repSpeaker: null, confidence: 0.5, distances };
  return { repSpeaker: first < second ? 0 : 1, confidence: 0.5 + 0.5 * Math.tanh(margin / VOICE_MATCH.marginScale), distances };
}

/** The roles of a diarized mono call as decided from the voice match and the text guess. */
export interface RoleDecision {
  repSpeaker: 0 | 1 | null;
  confidence: number;
  method: RoleMethod;
}

/**
 * Combines the match with the enrolled voice and the guess from the words.
 * A confident voice match decides, unless the text guess is confident too
 * and names the other voice. Then neither is trusted, because the rep may
 * have enrolled someone else's voice to flip the roles of their own calls
 * (and so escape the rep pitfalls), and the decision is `conflict` with no
 * rep. Without a confident voice match the text guess decides.
 */
export function decideRoles(match: VoiceMatch | null, guess: RoleGuess): RoleDecision {
  const voiceConfident = match !== null && match.repSpeaker !== null && match.confidence >= ROLE_CONFIDENCE_THRESHOLD;
  if (!voiceConfident) return { repSpeaker: guess.repSpeaker, confidence: guess.confidence, method: 'text' };

  const textConfident = guess.repSpeaker !== null && guess.confidence >= ROLE_CONFIDENCE_THRESHOLD;
  if (textConfident && guess.repSpeaker !== match.repSpeaker) return { repSpeaker: null, confidence: 0.5, method: 'conflict' };
  return { repSpeaker: match.repSpeaker, confidence: match.confidence, method: 'enrolled_voice' };
}

/**
 * Returns the centre of a stored profile for matching, or undefined when it
 * has none or was computed with other voiceprint settings, which would make
 * distances meaningless.
 * NOTE: only the kind and band count are checked, so a profile enrolled
 * before a change of SPECTRAL_DIARIZATION's weights is still compared.
 */
export function matchableCentre(profile: VoiceProfile): number[] | undefined {
  const usable = profile.method === 'spectral' && profile.bands === SPECTRAL_DIARIZATION.bands && profile.centre.length === SPECTRAL_DIARIZATION.bands + 1;
  return usable ? profile.centre : undefined;
}
