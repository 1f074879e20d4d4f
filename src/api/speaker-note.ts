/** The note of a call view that explains a scored call with no speech, or why speaker roles are unknown. */
import type { Locale } from '../errors/registry.js';
import { formatList, t } from '../i18n/catalog.js';
import { ROLE_DEPENDENT_PITFALLS, type PitfallType } from '../domain/pitfalls.js';
import type { CallRecord } from '../store/calls.js';

/**
 * Returns the note of a scored call in which no speech was found (`turnCount`
 * 0), else why the roles of a call are unknown and which detectors were
 * skipped, or null when roles are known. `roleMethod` is null when
 * diarization found one voice or did not run. It is 'text' when two voices
 * were found but no cue decided the rep, and 'conflict' when the enrolled
 * voice and the words named different voices.
 */
export function speakerNote(
  locale: Locale,
  call: Pick<CallRecord, 'rolesKnown' | 'roleMethod' | 'status'>,
  skipped: readonly PitfallType[],
  turnCount: number,
): string | null {
  if (call.status === 'scored' && turnCount === 0) return t(locale, 'call.note.noSpeech');
  if (call.rolesKnown !== false) return null;
  const names = (skipped.length > 0 ? skipped : [...ROLE_DEPENDENT_PITFALLS]).map((type) => t(locale, `pitfall.${type}`));
  let key: 'call.note.rolesConflict' | 'call.note.rolesUncertain' | 'call.note.rolesUnknown' = 'call.note.rolesUnknown';
  if (call.roleMethod === 'conflict') key = 'call.note.rolesConflict';
  else if (call.roleMethod === 'text') key = 'call.note.rolesUncertain';
  return t(locale, key, { detectors: formatList(locale, names) });
}
