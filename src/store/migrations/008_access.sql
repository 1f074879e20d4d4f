-- Users, their teams, API keys and browser sessions. Only hashes of keys,
-- session ids and passwords are stored.

CREATE TABLE users (
  id             TEXT PRIMARY KEY,
  -- Stored lower-case so sign-in and uniqueness ignore case.
  email          TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'coach', 'rep')),
  -- The rep id as calls.rep_id and deals.owner_rep_id use it; required for the rep role.
  rep_id         TEXT,
  -- scrypt hash string with its parameters and salt; NULL for a user who only uses API keys.
  password_hash  TEXT,
  disabled       BOOLEAN NOT NULL DEFAULT FALSE,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (role <> 'rep' OR rep_id IS NOT NULL)
);

CREATE TABLE user_teams (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id  TEXT NOT NULL,
  PRIMARY KEY (user_id, team_id)
);

CREATE TABLE api_keys (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  -- First characters of the key, shown in lists so the owner can tell keys apart.
  prefix        TEXT NOT NULL,
  -- SHA-256 (hex) of the key; the key itself is 32 random bytes and is never stored.
  secret_hash   TEXT NOT NULL UNIQUE,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_used_at  TIMESTAMPTZ,
  revoked_at    TIMESTAMPTZ
);

CREATE INDEX api_keys_user_idx ON api_keys (user_id);

CREATE TABLE sessions (
  -- SHA-256 (hex) of the session id that the cookie carries.
  id_hash     TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX sessions_user_idx ON sessions (user_id);
