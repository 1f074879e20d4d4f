/**
 * Turns the utterances of one or two channels into transcript turns: assigns
 * speaker roles from the channel layout and orders everything by start time.
 */
import type { ChannelLayout, SpeakerRole, Turn } from '../domain/transcript.js';
import { overlapWithOtherChannels, type SpeechSpan } from './overlap.js';
import type { Utterance } from './types.js';

/** Returns who speaks on `channel` under `layout`. Every channel of a mono layout is `unknown`. */
export function speakerOfChannel(channel: number, layout: ChannelLayout): SpeakerRole {
  if (layout === 'mono') return 'unknown';
  const repChannel = layout === 'stereo-rep-left' ? 0 : 1;
  return channel === repChannel ? 'rep' : 'customer';
}

// A segment whose text has no letter or digit (only "。" or "?") carries nothing to analyse.
const HAS_WORDS = /[\p{L}\p{N}]/u;

/**
 * Builds one turn per utterance, ordered by start time and, on equal starts,
 * by channel. Utterances without words are dropped. Consecutive utterances of
 * one speaker stay separate turns, so each keeps its own timing. When
 * `speech` (all speech segments of all channels, with or without words) is
 * given for a stereo layout, each turn gets its `overlapMs`.
 */
export function utterancesToTurns(utterances: Utterance[], layout: ChannelLayout, speech?: readonly SpeechSpan[]): Turn[] {
  return utterances
    .filter((utterance) => HAS_WORDS.test(utterance.text))
    .sort((a, b) => a.startMs - b.startMs || a.channel - b.channel)
    .map((utterance) => {
      const turn: Turn = {
        speaker: speakerOfChannel(utterance.channel, layout),
        text: utterance.text,
        startMs: utterance.startMs,
        endMs: utterance.endMs,
      };
      if (speech && layout !== 'mono') turn.overlapMs = overlapWithOtherChannels(utterance, speech);
      return turn;
    });
}
