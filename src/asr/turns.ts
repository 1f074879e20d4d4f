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

/** Options of `utterancesToTurns`. */
export interface TurnOptions {
  /** All speech segments of all channels, with or without words. For a stereo layout each turn then gets its `overlapMs`. */
  speech?: readonly SpeechSpan[];
  /** Voice of the rep in a diarized mono recording. Unless set, diarized turns keep the speaker `unknown`. */
  repVoice?: 0 | 1;
}

/**
 * Builds one turn per utterance, ordered by start time and, on equal starts,
 * by channel. Utterances without words are dropped. Consecutive utterances of
 * one speaker stay separate turns, so each keeps its own timing.
 */
export function utterancesToTurns(utterances: Utterance[], layout: ChannelLayout, options: TurnOptions = {}): Turn[] {
  const { speech, repVoice } = options;
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
      if (utterance.voice !== undefined) {
        turn.diarizedSpeaker = utterance.voice;
        if (repVoice !== undefined) turn.speaker = utterance.voice === repVoice ? 'rep' : 'customer';
      }
      return turn;
    });
}
