/** The view context and the pieces views share: error boxes, badges, paging. */
import { ApiError, type Me } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { hasLabel, t } from '../i18n.ts';
import type { Route } from '../router.ts';

/** Context passed to a view when its route is rendered. */
export interface ViewContext {
  me: Me;
  route: Route;
  container: HTMLElement;
  /** False once the user has moved to another route, so a late response is dropped. */
  isCurrent(): boolean;
  /** Renders the current route again, after a change the view made. */
  rerender(): void;
}

/** Shows an API failure: a not-found box for 404, else the server's message. */
export function showError(container: HTMLElement, error: unknown): void {
  replaceChildren(container, errorBox(error));
}

/** Returns a box describing a failed request. */
export function errorBox(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.status === 404) {
    return h('div', { className: 'notice notice-error', 'data-testid': 'not-found', role: 'alert' }, t('app.notFound'));
  }
  const message =
    error instanceof ApiError
      ? error.status === 0
        ? t('app.networkError')
        : t('app.error', { message: error.message })
      : t('app.error', { message: String(error) });
  return h('div', { className: 'notice notice-error', 'data-testid': 'error', role: 'alert' }, message);
}

/** Builds a severity badge coloured by level. */
export function severityBadge(severity: string): HTMLElement {
  return h('span', { className: `badge severity-${severity}` }, labelOr(`severity.${severity}`, severity));
}

/** Builds a review status badge. */
export function statusBadge(status: string): HTMLElement {
  return h('span', { className: `badge review-${status}`, 'data-testid': 'review-status' }, labelOr(`reviewStatus.${status}`, status));
}

/** Returns the catalogue label for a key built at run time, or `fallback` when the key is unknown. */
export function labelOr(key: string, fallback: string): string {
  return hasLabel(key) ? t(key) : fallback;
}

/** Builds a "load more" button that runs `load` and is disabled while it runs. */
export function moreButton(load: () => Promise<void>): HTMLButtonElement {
  const button = h('button', { type: 'button', className: 'secondary', 'data-testid': 'more' }, t('app.more'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await load();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** Builds a heading row with a title and optional extra content. */
export function pageHeading(title: string, ...extra: Array<Node | string>): HTMLElement {
  return h('div', { className: 'page-heading' }, h('h1', {}, title), ...extra);
}
