/**
 * JSON client of the callscore API. Requests carry the session cookie and
 * the page's language, so error messages and labels come back in it.
 */
import { locale } from './i18n.ts';

/** An API error with its stable code and the server's message in the page language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Handler that main.ts installs to show the sign-in page when the session has ended. */
let onUnauthenticated: () => void = () => {};

/** Sets the handler that runs when a request returns 401. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Sends a request and returns the parsed JSON body, or null for 204. Throws ApiError on 4xx/5xx. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': locale(), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }

  if (response.status === 204) return null as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error;
    if (response.status === 401 && !path.startsWith('/v1/auth/')) onUnauthenticated();
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText);
  }
  return payload as T;
}

/** Builds a query string from the non-empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The signed-in user, from GET /v1/me. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'manager' | 'coach' | 'rep';
  teamIds: string[];
  repId: string | null;
}

/** A page of items with the cursor of the next page, null on the last one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Review decision stored on a finding. */
export interface Review {
  decision: 'confirm' | 'dismiss' | 'confirmed' | 'dismissed';
  reasonCode: string | null;
  reasonLabel?: string | null;
  note: string | null;
  reviewerId: string;
  reviewedAt: string;
}

/** One row of the review queue. */
export interface QueueFinding {
  id: number | string;
  callId: string;
  dealId: string;
  repId: string;
  teamId: string;
  callStartedAt: string;
  type: string;
  label: string;
  severity: 'minor' | 'major' | 'critical';
  status: 'unreviewed' | 'confirmed' | 'dismissed';
  confidence: number;
  turnIndex: number;
  spanStart: number;
  spanEnd: number;
  startMs: number | null;
  excerpt: string;
  review: Review | null;
}

/** One row of the calls list. */
export interface CallSummary {
  id: string;
  dealId: string;
  repId: string;
  teamId: string;
  startedAt: string;
  status: string;
  statusLabel: string;
  durationMs: number | null;
  findingCount: number;
  unreviewedCount: number;
}

/** A finding on the call page. */
export interface CallFinding {
  id: number | string;
  type: string;
  label: string;
  severity: 'minor' | 'major' | 'critical';
  turnIndex: number;
  /** Character span in the turn text, end exclusive. Older servers send `span`, newer ones `spanStart`/`spanEnd`. */
  span?: { start: number; end: number };
  spanStart?: number;
  spanEnd?: number;
  confidence: number;
  evidence: unknown;
  status?: 'unreviewed' | 'confirmed' | 'dismissed';
  review?: Review | null;
}

/** A transcript turn on the call page. */
export interface Turn {
  index: number;
  speaker: 'rep' | 'customer' | 'unknown';
  startMs: number | null;
  endMs: number | null;
  text: string;
}

/** GET /v1/calls/:id, the parts the page shows. */
export interface CallView {
  id: string;
  dealId: string;
  repId: string;
  teamId: string;
  startedAt: string;
  source: string;
  status: string;
  statusLabel: string;
  durationMs: number | null;
  speakers: {
    rolesKnown: boolean | null;
    roleConfidence: number | null;
    /** Method that decided the roles of a diarized mono call, labelled in the request's language. */
    roleMethod: 'enrolled_voice' | 'text' | null;
    roleMethodLabel: string | null;
    note: string | null;
  };
  transcript: { turns: Turn[] };
  findings: CallFinding[];
  behavior: { score: number } | null;
  /** Failure code, message in the requested language and stage; null unless the status is failed. */
  failure: { code: string; message: string; stage: string | null } | null;
}

/** A coaching note on a moment of a call. */
export interface CoachingNote {
  id: number | string;
  callId: string;
  atMs: number;
  text: string;
  authorId?: string;
  authorName?: string;
  createdAt?: string;
  acknowledgedAt?: string | null;
  /** Start of the note's call; only in the rep's own list. */
  callStartedAt?: string;
}

/** One row of GET /v1/review/precision. */
export interface PrecisionRow {
  type: string;
  label: string;
  findings: number;
  reviewed: number;
  confirmed: number;
  dismissed: number;
  dismissedShare: number | null;
  byReason: Record<string, number>;
}

/** Returns a finding's character span in its turn text, whichever form the server sent. */
export function spanOf(finding: CallFinding): { start: number; end: number } {
  if (finding.span) return finding.span;
  return { start: finding.spanStart ?? 0, end: finding.spanEnd ?? 0 };
}

/** Returns the page of items, accepting both `{items}` and a bare array. */
export function itemsOf<T>(payload: { items?: T[] } | T[] | null): T[] {
  if (!payload) return [];
  return Array.isArray(payload) ? payload : (payload.items ?? []);
}
