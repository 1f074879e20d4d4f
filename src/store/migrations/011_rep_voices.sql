-- Enrolled voice profiles of reps, which decide the rep among the two voices
-- of a diarized mono call. A profile contains voiceprints (spectral envelope
-- and pitch), never the audio it was computed from.
CREATE TABLE rep_voices (
  rep_id TEXT PRIMARY KEY,
  profile JSONB NOT NULL,
  seconds DOUBLE PRECISION NOT NULL,
  segments INTEGER NOT NULL,
  enrolled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  enrolled_by TEXT NOT NULL
);

-- How the roles of a diarized mono call were decided: 'enrolled_voice' or
-- 'text'. NULL for stereo calls and transcripts.
ALTER TABLE calls ADD COLUMN role_method TEXT;
