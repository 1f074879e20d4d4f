-- Deals with their pain tags, intent chains and contract clauses, the
-- business glossary, what extraction found in each call, and review items
-- opened for managers.

CREATE TABLE deals (
  id                   TEXT PRIMARY KEY,
  name                 TEXT NOT NULL,
  owner_rep_id         TEXT NOT NULL,
  team_id              TEXT NOT NULL DEFAULT 'default',
  stage                TEXT NOT NULL,
  amount               DOUBLE PRECISION,
  currency             TEXT NOT NULL DEFAULT 'CNY',
  expected_close_date  TEXT,
  closed_on            TEXT,
  outcome              TEXT NOT NULL CHECK (outcome IN ('open', 'won', 'lost')),
  updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX deals_outcome_idx ON deals (outcome);

CREATE TABLE deal_intent (
  deal_id     TEXT PRIMARY KEY REFERENCES deals (id) ON DELETE CASCADE,
  tags        JSONB NOT NULL,
  chains      JSONB NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE contract_clauses (
  deal_id     TEXT NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  metric      TEXT,
  comparator  TEXT,
  value       DOUBLE PRECISION,
  unit        TEXT,
  text        TEXT NOT NULL,
  PRIMARY KEY (deal_id, idx)
);

CREATE TABLE glossary (
  version     INTEGER PRIMARY KEY,
  document    JSONB NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE call_terms (
  call_id     TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('requirement', 'commitment')),
  metric      TEXT NOT NULL,
  comparator  TEXT NOT NULL,
  value       DOUBLE PRECISION NOT NULL,
  unit        TEXT NOT NULL,
  strength    INTEGER NOT NULL,
  turn_index  INTEGER NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (call_id, idx)
);

CREATE TABLE call_pains (
  call_id     TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  level       TEXT NOT NULL,
  turn_index  INTEGER NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (call_id, idx)
);

CREATE TABLE review_items (
  id          BIGSERIAL PRIMARY KEY,
  deal_id     TEXT NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  item_key    TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  payload     JSONB NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (deal_id, kind, item_key)
);
