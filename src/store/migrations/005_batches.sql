-- Batches of imported or re-scored calls, and the history of every score a
-- call received, so a re-scored period can be compared with the rules
-- version before it.

CREATE TABLE batches (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('import', 'rescore')),
  team_id          TEXT,
  -- SHA-256 of the manifest text plus the team, so re-running a manifest finds its batch.
  manifest_sha256  TEXT,
  range_from       TIMESTAMPTZ,
  range_to         TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX batches_manifest_idx ON batches (manifest_sha256);

CREATE TABLE batch_items (
  batch_id   TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  call_id    TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  -- Manifest line of an imported call; NULL for a re-scored call.
  line       INTEGER,
  queued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (batch_id, call_id)
);

CREATE INDEX batch_items_call_idx ON batch_items (call_id);

CREATE TABLE score_versions (
  id                   BIGSERIAL PRIMARY KEY,
  call_id              TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  rules_version        TEXT NOT NULL,
  settings_version     INTEGER NOT NULL,
  behavior_score       DOUBLE PRECISION NOT NULL,
  behavior             JSONB NOT NULL,
  -- Findings per pitfall type, e.g. {"pressure_tactic": 2}.
  finding_counts       JSONB NOT NULL,
  objection_count      INTEGER NOT NULL,
  objection_depth_sum  INTEGER NOT NULL,
  scored_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX score_versions_call_idx ON score_versions (call_id, id);

-- Calls scored before this migration start their history with their current score.
INSERT INTO score_versions (call_id, rules_version, settings_version, behavior_score, behavior, finding_counts,
                            objection_count, objection_depth_sum, scored_at)
SELECT s.call_id, s.rules_version, 0, s.behavior_score, s.behavior,
       COALESCE((SELECT jsonb_object_agg(f.type, f.n)
                 FROM (SELECT type, COUNT(*) AS n FROM findings WHERE call_id = s.call_id GROUP BY type) f), '{}'::jsonb),
       (SELECT COUNT(*) FROM objections WHERE call_id = s.call_id),
       (SELECT COALESCE(SUM(handling_depth), 0) FROM objections WHERE call_id = s.call_id),
       s.scored_at
FROM call_scores s;
