-- Coaching review: the review state of each finding, the audit trail of
-- every review, and coaching notes that coaches leave on a moment of a call.

ALTER TABLE findings ADD COLUMN status TEXT NOT NULL DEFAULT 'unreviewed'
  CHECK (status IN ('unreviewed', 'confirmed', 'dismissed'));
ALTER TABLE findings ADD COLUMN reason_code TEXT
  CHECK (reason_code IN ('wrong_speaker', 'transcription_error', 'not_pitfall_in_context', 'allowed_by_policy'));
ALTER TABLE findings ADD COLUMN note TEXT;
ALTER TABLE findings ADD COLUMN reviewed_by TEXT;
ALTER TABLE findings ADD COLUMN reviewed_at TIMESTAMPTZ;
-- Time of the first review. Reviews never return a finding to 'unreviewed', so
-- the queue can rank a finding as it stood at any earlier instant from this column.
ALTER TABLE findings ADD COLUMN first_reviewed_at TIMESTAMPTZ;

-- No foreign key on finding_id: re-analysis replaces finding rows, and the
-- trail moves to the replacement (same type and span) or stays with the old id.
CREATE TABLE finding_reviews (
  id           BIGSERIAL PRIMARY KEY,
  finding_id   BIGINT NOT NULL,
  call_id      TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  reviewer_id  TEXT NOT NULL,
  at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  before       JSONB NOT NULL,
  after        JSONB NOT NULL
);

CREATE INDEX finding_reviews_finding_idx ON finding_reviews (finding_id, id);

CREATE TABLE coaching_notes (
  id               BIGSERIAL PRIMARY KEY,
  call_id          TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  at_ms            BIGINT NOT NULL CHECK (at_ms >= 0),
  text             TEXT NOT NULL,
  author_id        TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  acknowledged_at  TIMESTAMPTZ,
  acknowledged_by  TEXT
);

CREATE INDEX coaching_notes_call_idx ON coaching_notes (call_id, at_ms, id);
