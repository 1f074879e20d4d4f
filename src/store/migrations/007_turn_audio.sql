-- What transcription measures from the audio beyond the text: speech of the
-- other channel during a turn, the diarized voice of a mono turn, and for the
-- call the confidence of the rep/customer role guess and dual-mono files.
ALTER TABLE turns ADD COLUMN overlap_ms BIGINT;
ALTER TABLE turns ADD COLUMN diarized_speaker INTEGER;
ALTER TABLE calls ADD COLUMN role_confidence DOUBLE PRECISION;
ALTER TABLE calls ADD COLUMN dual_mono BOOLEAN;
