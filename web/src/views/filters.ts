/** The filter form shared by the review queue and the calls list; filters live in the route's query. */
import { PITFALL_TYPES, SEVERITIES } from '../../../src/domain/pitfalls.ts';
import { FINDING_STATUSES } from '../../../src/domain/review.ts';
import type { Me } from '../api.ts';
import { h, select } from '../dom.ts';
import { t, type LabelKey } from '../i18n.ts';
import { hashOf, navigate } from '../router.ts';

/** A filter field the form can show. */
export type FilterName = 'teamId' | 'repId' | 'type' | 'severity' | 'status' | 'callStatus' | 'from' | 'to';

const CALL_STATUSES = ['uploaded', 'transcribing', 'analyzing', 'scored', 'failed'] as const;

/** Reads the named filters from the route query. */
export function filtersOf(query: URLSearchParams, names: readonly FilterName[]): Record<FilterName, string> {
  const values = {} as Record<FilterName, string>;
  for (const name of names) values[name] = query.get(name) ?? '';
  return values;
}

/**
 * Turns the form's date filters into the API's instants. `from` becomes the
 * start of that local day (included) and `to` the start of the next day
 * (excluded), so a range from 3 to 5 November includes all of 5 November.
 */
export function apiFilters(values: Partial<Record<FilterName, string>>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (!value) continue;
    if (name === 'from') params.from = localDayStart(value, 0) ?? value;
    else if (name === 'to') params.to = localDayStart(value, 1) ?? value;
    else params[name] = value;
  }
  return params;
}

function localDayStart(date: string, addDays: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(day.getTime()) ? null : day.toISOString();
}

/** Builds the filter form; applying it navigates to `path` with the values in the query. */
export function filterForm(me: Me, path: string, names: readonly FilterName[], values: Record<FilterName, string>): HTMLFormElement {
  const fields = new Map<FilterName, HTMLInputElement | HTMLSelectElement>();
  for (const name of names) fields.set(name, fieldFor(me, name, values[name] ?? ''));

  const form = h(
    'form',
    { className: 'filters', 'data-testid': 'filters' },
    ...names.map((name) => h('label', {}, t(LABELS[name]), fields.get(name)!)),
    h('div', { className: 'filter-actions' },
      h('button', { type: 'submit', 'data-testid': 'filter-apply' }, t('filter.apply')),
      h('button', { type: 'button', className: 'secondary', 'data-testid': 'filter-reset', onClick: () => navigate(hashOf(path)) }, t('filter.reset')),
    ),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query: Record<string, string> = {};
    for (const [name, field] of fields) query[name] = field.value.trim();
    navigate(hashOf(path, query));
  });
  // A changed select applies at once, which is what people expect of a filter bar.
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) form.requestSubmit();
  });
  return form;
}

const LABELS: Record<FilterName, LabelKey> = {
  teamId: 'filter.team',
  repId: 'filter.rep',
  type: 'filter.type',
  severity: 'filter.severity',
  status: 'filter.status',
  callStatus: 'filter.callStatus',
  from: 'filter.from',
  to: 'filter.to',
};

function fieldFor(me: Me, name: FilterName, value: string): HTMLInputElement | HTMLSelectElement {
  const testId = `filter-${name}`;
  const any: [string, string] = ['', t('filter.any')];
  switch (name) {
    case 'teamId':
      // An admin may read every team, so the field is free text. Others choose among their own teams.
      if (me.role === 'admin') return h('input', { type: 'text', name, value, 'data-testid': testId });
      return select({ name, 'data-testid': testId }, [any, ...me.teamIds.map((team): [string, string] => [team, team])], value);
    case 'repId':
      return h('input', { type: 'text', name, value, 'data-testid': testId, size: 10 });
    case 'type':
      return select({ name, 'data-testid': testId }, [any, ...PITFALL_TYPES.map((type): [string, string] => [type, t(`pitfall.${type}`)])], value);
    case 'severity':
      return select({ name, 'data-testid': testId }, [any, ...SEVERITIES.map((severity): [string, string] => [severity, t(`severity.${severity}`)])], value);
    case 'status':
      return select({ name, 'data-testid': testId }, [any, ...FINDING_STATUSES.map((status): [string, string] => [status, t(`reviewStatus.${status}`)])], value);
    case 'callStatus':
      return select({ name, 'data-testid': testId }, [any, ...CALL_STATUSES.map((status): [string, string] => [status, t(`callStatus.${status}`)])], value);
    case 'from':
    case 'to':
      return h('input', { type: 'date', name, value, 'data-testid': testId });
  }
}
