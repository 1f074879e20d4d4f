-- Recordings and transcripts by content hash, calls with their state, the
-- transcript turns, analysis results and behavior scores.

CREATE TABLE recordings (
  sha256       TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  size_bytes   BIGINT NOT NULL,
  format       TEXT,
  channels     INTEGER,
  duration_ms  BIGINT,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE calls (
  id                TEXT PRIMARY KEY,
  deal_id           TEXT NOT NULL,
  rep_id            TEXT NOT NULL,
  started_at        TIMESTAMPTZ NOT NULL,
  language          TEXT NOT NULL,
  channel_layout    TEXT NOT NULL,
  source            TEXT NOT NULL CHECK (source IN ('audio', 'transcript')),
  recording_sha256  TEXT NOT NULL REFERENCES recordings (sha256),
  filename          TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('uploaded', 'transcribing', 'analyzing', 'scored', 'failed')),
  failure_code      TEXT,
  failure_message   TEXT,
  failed_stage      TEXT,
  roles_known       BOOLEAN,
  call_ended        BOOLEAN NOT NULL DEFAULT TRUE,
  duration_ms       BIGINT,
  asr_model         TEXT,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX calls_deal_idx ON calls (deal_id);
CREATE INDEX calls_status_idx ON calls (status);

CREATE TABLE call_transitions (
  id           BIGSERIAL PRIMARY KEY,
  call_id      TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  from_status  TEXT,
  to_status    TEXT NOT NULL,
  detail       TEXT,
  at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE turns (
  call_id    TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  speaker    TEXT NOT NULL CHECK (speaker IN ('rep', 'customer', 'unknown')),
  start_ms   BIGINT,
  end_ms     BIGINT,
  text       TEXT NOT NULL,
  PRIMARY KEY (call_id, idx)
);

CREATE TABLE findings (
  id           BIGSERIAL PRIMARY KEY,
  call_id      TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  type         TEXT NOT NULL,
  severity     TEXT NOT NULL,
  turn_index   INTEGER NOT NULL,
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
  confidence   DOUBLE PRECISION NOT NULL,
  evidence     JSONB NOT NULL
);

CREATE INDEX findings_call_idx ON findings (call_id);

CREATE TABLE objections (
  id              BIGSERIAL PRIMARY KEY,
  call_id         TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  type            TEXT NOT NULL,
  turn_index      INTEGER NOT NULL,
  span_start      INTEGER NOT NULL,
  span_end        INTEGER NOT NULL,
  handling_depth  INTEGER NOT NULL CHECK (handling_depth BETWEEN 0 AND 4),
  confidence      DOUBLE PRECISION NOT NULL,
  evidence        JSONB NOT NULL
);

CREATE INDEX objections_call_idx ON objections (call_id);

CREATE TABLE call_scores (
  call_id            TEXT PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
  behavior_score     DOUBLE PRECISION NOT NULL,
  behavior           JSONB NOT NULL,
  skipped_detectors  JSONB NOT NULL,
  rules_version      TEXT NOT NULL,
  scored_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
