/**
 * The transcript shape that every stage after ingest and ASR reads. A turn is
 * one speaker's stretch of speech; times are milliseconds from the call start.
 */

/** Role of the speaker of a turn. `unknown` is for mono calls whose roles could not be told apart. */
export type SpeakerRole = 'rep' | 'customer' | 'unknown';

export const SPEAKER_ROLES = ['rep', 'customer', 'unknown'] as const;

/** Spoken language requested for a call; `auto` lets the recognizer decide. */
export type CallLanguage = 'zh' | 'en' | 'auto';

/** Layout of the speakers on the channels of a recording. */
export type ChannelLayout = 'mono' | 'stereo-rep-left' | 'stereo-rep-right';

/**
 * Ways the rep of a diarized mono call is found: the rep's enrolled voice, or
 * the words of each voice. `conflict` marks a call where both were confident
 * but named different voices, so roles stay unknown.
 */
export const ROLE_METHODS = ['enrolled_voice', 'text', 'conflict'] as const;

/** Method that decided the roles of a diarized mono call. */
export type RoleMethod = (typeof ROLE_METHODS)[number];

/** One turn of a conversation. Times are optional for transcripts imported without them. */
export interface Turn {
  speaker: SpeakerRole;
  text: string;
  startMs?: number;
  endMs?: number;
  /**
   * Milliseconds of this turn during which the other channel also carried
   * speech, measured from the audio (VAD segments of both channels). Set only
   * for transcribed stereo calls, and 0 when the other channel was silent
   * throughout the turn.
   */
  overlapMs?: number;
  /**
   * Voice (0 or 1) that diarization assigned this turn to in a transcribed
   * mono call, set only when two distinct voices were found. `speaker`
   * stays `unknown` unless the role guess was confident.
   */
  diarizedSpeaker?: number;
}

/** A whole conversation ready for analysis. */
export interface Transcript {
  turns: Turn[];
  /** False when speaker roles are unknown, so detectors that need roles must not run. */
  rolesKnown: boolean;
  /** True when the last turn is the end of the call, so `no_next_step` may be judged. */
  callEnded: boolean;
}
