-- Versioned team settings, and the team a call belongs to.

CREATE TABLE team_settings (
  team_id     TEXT NOT NULL,
  version     INTEGER NOT NULL,
  settings    JSONB NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, version)
);

ALTER TABLE calls ADD COLUMN team_id TEXT NOT NULL DEFAULT 'default';
CREATE INDEX calls_team_idx ON calls (team_id, started_at);
