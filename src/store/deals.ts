/** Deals, their pain tags and intent chains, and their contract clauses. */
import type { ContractClause, DealOutcome, PainLevel } from '../domain/deal.js';
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { Queryable } from './db.js';

/** A deal as the CRM describes it. */
export interface DealRecord {
  id: string;
  name: string;
  ownerRepId: string;
  teamId: string;
  stage: string;
  amount: number | null;
  currency: string;
  /** ISO date (YYYY-MM-DD) or null. */
  expectedCloseDate: string | null;
  /** ISO date the deal was won or lost, or null while open. */
  closedOn: string | null;
  outcome: DealOutcome;
}

/** A pain tag as stored. */
export interface StoredPainTag {
  id: string;
  level: PainLevel;
  text: string;
  selfAssessment: number | null;
}

/** The pain tags and intent chains of a deal; each chain lists tag ids in order. */
export interface DealIntent {
  tags: StoredPainTag[];
  chains: string[][];
}

interface DealRow {
  id: string;
  name: string;
  owner_rep_id: string;
  team_id: string;
  stage: string;
  amount: number | null;
  currency: string;
  expected_close_date: string | null;
  closed_on: string | null;
  outcome: DealOutcome;
}

const DEAL_COLUMNS = 'id, name, owner_rep_id, team_id, stage, amount, currency, expected_close_date, closed_on, outcome';

function toDeal(row: DealRow): DealRecord {
  return {
    id: row.id,
    name: row.name,
    ownerRepId: row.owner_rep_id,
    teamId: row.team_id,
    stage: row.stage,
    amount: row.amount,
    currency: row.currency,
    expectedCloseDate: row.expected_close_date,
    closedOn: row.closed_on,
    outcome: row.outcome,
  };
}

/** Creates or replaces a deal. */
export async function upsertDeal(tx: Queryable, deal: DealRecord): Promise<void> {
  await tx.query(
    `INSERT INTO deals (${DEAL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET name = $2, owner_rep_id = $3, team_id = $4, stage = $5, amount = $6,
       currency = $7, expected_close_date = $8, closed_on = $9, outcome = $10, updated_at = now()`,
    [deal.id, deal.name, deal.ownerRepId, deal.teamId, deal.stage, deal.amount, deal.currency, deal.expectedCloseDate, deal.closedOn, deal.outcome],
  );
}

/** Returns a deal, or null when it was never stored. */
export async function getDeal(db: Queryable, dealId: string): Promise<DealRecord | null> {
  const rows = await db.query<DealRow>(`SELECT ${DEAL_COLUMNS} FROM deals WHERE id = $1`, [dealId]);
  return rows[0] ? toDeal(rows[0]) : null;
}

/**
 * Returns the ids of deals won in a month (YYYY-MM), by their closing date
 * or, when that is missing, their expected close date, ordered by id.
 */
export async function listWonDealIds(db: Queryable, month: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM deals WHERE outcome = 'won' AND substr(COALESCE(closed_on, expected_close_date, ''), 1, 7) = $1 ORDER BY id`,
    [month],
  );
  return rows.map((row) => row.id);
}

/** Replaces the pain tags and chains of a deal. */
export async function putDealIntent(tx: Queryable, dealId: string, intent: DealIntent): Promise<void> {
  await tx.query(
    `INSERT INTO deal_intent (deal_id, tags, chains) VALUES ($1, $2, $3)
     ON CONFLICT (deal_id) DO UPDATE SET tags = $2, chains = $3, updated_at = now()`,
    [dealId, JSON.stringify(intent.tags), JSON.stringify(intent.chains)],
  );
}

/** Returns the pain tags and chains of a deal, or null when none were sent. */
export async function getDealIntent(db: Queryable, dealId: string): Promise<DealIntent | null> {
  const rows = await db.query<{ tags: StoredPainTag[]; chains: string[][] }>('SELECT tags, chains FROM deal_intent WHERE deal_id = $1', [dealId]);
  return rows[0] ? { tags: rows[0].tags, chains: rows[0].chains } : null;
}

/** Replaces the contract clauses of a deal, keeping their order. */
export async function replaceContract(tx: Queryable, dealId: string, clauses: readonly ContractClause[]): Promise<void> {
  await tx.query('DELETE FROM contract_clauses WHERE deal_id = $1', [dealId]);
  for (const [index, clause] of clauses.entries()) {
    await tx.query(
      `INSERT INTO contract_clauses (deal_id, idx, kind, metric, comparator, value, unit, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [dealId, index, clause.kind, clause.metric, clause.comparator, clause.value, clause.unit, clause.text],
    );
  }
}

/** Returns the contract clauses of a deal in order; empty when none were sent. */
export async function getContract(db: Queryable, dealId: string): Promise<ContractClause[]> {
  const rows = await db.query<ContractClause>(
    'SELECT kind, metric, comparator, value, unit, text FROM contract_clauses WHERE deal_id = $1 ORDER BY idx',
    [dealId],
  );
  return rows.map((row) => ({ kind: row.kind, metric: row.metric, comparator: row.comparator, value: row.value, unit: row.unit, text: row.text }));
}

/** Whether a deal exists (as a created deal or through its calls) and whether the caller may see it. */
export interface DealVisibility {
  exists: boolean;
  inScope: boolean;
}

/**
 * Returns whether the deal exists and is in the caller's scope. A manager or
 * coach sees a deal when its own row's team, or the team of one of its calls,
 * is theirs. A rep sees only the deals they own (see `getDealOwner`), so a
 * call of theirs in another rep's deal does not open that deal to them.
 */
export async function getDealVisibility(db: Queryable, dealId: string, principal: Principal): Promise<DealVisibility> {
  const params: unknown[] = [dealId];
  let inScope: string;
  if (principal.role === 'rep') {
    params.push(principal.repId);
    inScope = `(${OWNER_REP_SQL}) = $2`;
  } else {
    const dealScope = scopeCondition(principal, { team: 'd.team_id', rep: 'd.owner_rep_id' }, params);
    const callScope = scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params);
    inScope = `EXISTS (SELECT 1 FROM deals d WHERE d.id = $1 AND ${dealScope})
         OR EXISTS (SELECT 1 FROM calls c WHERE c.deal_id = $1 AND ${callScope})`;
  }
  const rows = await db.query<{ exists: boolean; in_scope: boolean | null }>(
    `SELECT
       (EXISTS (SELECT 1 FROM deals d WHERE d.id = $1) OR EXISTS (SELECT 1 FROM calls c WHERE c.deal_id = $1)) AS exists,
       (${inScope}) AS in_scope`,
    params,
  );
  return { exists: rows[0]!.exists, inScope: rows[0]!.in_scope === true };
}

// Owner of deal $1: the owner of its row, else the rep of its earliest call.
const OWNER_REP_SQL = `COALESCE(
  (SELECT owner_rep_id FROM deals WHERE id = $1),
  (SELECT rep_id FROM calls WHERE deal_id = $1 ORDER BY created_at, id LIMIT 1))`;

/** The rep and team a deal belongs to. */
export interface DealOwner {
  ownerRepId: string;
  teamId: string;
}

/**
 * Returns the owner and team of a deal: those of its row when it was created
 * with PUT /v1/deals/:id, else those of its earliest call, so the first
 * upload to a new deal id makes it the uploader's. Returns null for a deal
 * with neither a row nor calls.
 */
export async function getDealOwner(db: Queryable, dealId: string): Promise<DealOwner | null> {
  const deals = await db.query<{ owner_rep_id: string; team_id: string }>('SELECT owner_rep_id, team_id FROM deals WHERE id = $1', [dealId]);
  if (deals[0]) return { ownerRepId: deals[0].owner_rep_id, teamId: deals[0].team_id };
  const calls = await db.query<{ rep_id: string; team_id: string }>(
    'SELECT rep_id, team_id FROM calls WHERE deal_id = $1 ORDER BY created_at, id LIMIT 1',
    [dealId],
  );
  return calls[0] ? { ownerRepId: calls[0].rep_id, teamId: calls[0].team_id } : null;
}

/**
 * Takes a transaction-scoped lock on a deal id, so two uploads that create
 * the same new deal cannot both find it free.
 */
export async function lockDealId(tx: Queryable, dealId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('deal:' || $1))", [dealId]);
}
