-- Privacy: consent per call, where personal data was masked in each turn,
-- the unmasked text for admins (only when the team keeps it), retention
-- marks, and the audit of every deletion (ids and counts, no personal data).

ALTER TABLE calls ADD COLUMN consent BOOLEAN;
ALTER TABLE calls ADD COLUMN recording_deleted_at TIMESTAMPTZ;
ALTER TABLE calls ADD COLUMN transcript_deleted_at TIMESTAMPTZ;

ALTER TABLE turns ADD COLUMN redactions JSONB NOT NULL DEFAULT '[]';

CREATE TABLE turn_originals (
  call_id  TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  idx      INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (call_id, idx)
);

CREATE TABLE deletion_audit (
  id          BIGSERIAL PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor       TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('api_delete', 'retention')),
  subject     TEXT NOT NULL CHECK (subject IN ('call', 'deal', 'recording', 'transcript')),
  subject_id  TEXT NOT NULL,
  team_id     TEXT,
  removed     JSONB NOT NULL
);

CREATE INDEX deletion_audit_subject_idx ON deletion_audit (subject, subject_id);
