/**
 * Entry point of the coaching page: the header with role-aware navigation
 * and the language switch, and the view of the current hash route.
 */
import './style.css';
import { ApiError, request, setUnauthenticatedHandler, type Me } from './api.ts';
import { h, replaceChildren } from './dom.ts';
import { initLocale, locale, onLocaleChange, setLocale, t, type LabelKey } from './i18n.ts';
import { hashOf, navigate, parseHash, type Route } from './router.ts';
import { errorBox, type ViewContext } from './views/common.ts';
import { renderSignIn } from './views/sign-in.ts';
import { renderQueue } from './views/queue.ts';
import { renderCalls } from './views/calls.ts';
import { renderCall } from './views/call.ts';
import { renderDeal } from './views/deal-panel.ts';
import { renderMyNotes } from './views/my-notes.ts';
import { renderPrecision } from './views/precision.ts';

type View = (ctx: ViewContext) => Promise<void>;

const VIEWS: Partial<Record<Route['name'], View>> = {
  queue: renderQueue,
  calls: renderCalls,
  call: renderCall,
  deal: renderDeal,
  notes: renderMyNotes,
  precision: renderPrecision,
};

/** Navigation entries: route, label, and the roles that see the entry. */
const NAV: Array<{ route: Route['name']; path: string; label: LabelKey; roles: ReadonlyArray<Me['role']> }> = [
  { route: 'queue', path: '/queue', label: 'nav.queue', roles: ['admin', 'manager', 'coach'] },
  { route: 'calls', path: '/calls', label: 'nav.calls', roles: ['admin', 'manager', 'coach', 'rep'] },
  { route: 'precision', path: '/precision', label: 'nav.precision', roles: ['admin', 'manager', 'coach'] },
  { route: 'notes', path: '/notes', label: 'nav.myNotes', roles: ['rep'] },
];

const root = document.getElementById('app')!;
let me: Me | null = null;
let renderCount = 0;

/** Renders the route in the location hash; a newer render makes older ones drop their late results. */
async function render(): Promise<void> {
  const token = ++renderCount;
  const isCurrent = (): boolean => token === renderCount;
  const route = parseHash(location.hash);
  document.title = t('app.title');

  if (route.name === 'sign-in') {
    const main = shell(null, route);
    renderSignIn(main, (user) => {
      me = user;
      navigate(route.query.get('next') || '#/');
    });
    return;
  }

  if (!me) {
    try {
      me = await request<Me>('GET', '/v1/me');
    } catch (error) {
      if (!isCurrent()) return;
      if (error instanceof ApiError && error.status === 401) return;
      replaceChildren(shell(null, route), errorBox(error));
      return;
    }
    if (!isCurrent()) return;
  }

  const home = me.role === 'rep' ? '#/calls' : '#/queue';
  const entry = NAV.find((candidate) => candidate.route === route.name);
  if (route.name === 'home' || route.name === 'unknown' || (entry && !entry.roles.includes(me.role))) {
    navigate(home);
    return;
  }

  const main = shell(me, route);
  main.append(h('p', { className: 'muted' }, t('app.loading')));
  await VIEWS[route.name]!({ me, route, container: main, isCurrent, rerender: () => void render() });
}

/** Draws the header and an empty main area, and returns the main area. */
function shell(user: Me | null, route: Route): HTMLElement {
  const main = h('main', { id: 'main', 'data-testid': 'main', dataset: { route: route.name } });
  const switchTo = locale() === 'zh-CN' ? 'en' : 'zh-CN';
  const nav = user
    ? h('nav', { className: 'nav', 'data-testid': 'nav' },
        ...NAV.filter((entry) => entry.roles.includes(user.role)).map((entry) =>
          h('a', { href: hashOf(entry.path), className: entry.route === route.name ? 'active' : '', 'data-testid': `nav-${entry.route}` }, t(entry.label)),
        ),
      )
    : h('nav', { className: 'nav' });

  const header = h(
    'header',
    { className: 'top' },
    h('a', { href: '#/', className: 'brand' }, t('app.title')),
    nav,
    h('div', { className: 'account' },
      user ? h('span', { className: 'muted', 'data-testid': 'signed-in-as' }, t('nav.signedInAs', { name: user.name, role: t(`role.${user.role}`) })) : null,
      h('button', { type: 'button', className: 'secondary', lang: switchTo, title: t('app.switchLanguageTitle'), 'data-testid': 'lang-switch', onClick: () => setLocale(switchTo) }, t('app.switchLanguage')),
      user ? h('button', { type: 'button', className: 'secondary', 'data-testid': 'sign-out', onClick: () => void signOut() }, t('nav.signOut')) : null,
    ),
  );
  replaceChildren(root, header, main);
  return main;
}

async function signOut(): Promise<void> {
  try {
    await request('POST', '/v1/auth/sign-out');
  } catch {
    // The session may have ended already; the sign-in page is the right place either way.
  }
  me = null;
  navigate('#/sign-in');
}

function toSignIn(): void {
  me = null;
  const route = parseHash(location.hash);
  if (route.name === 'sign-in') return;
  const next = route.name === 'home' || route.name === 'unknown' ? null : location.hash;
  navigate(hashOf('/sign-in', { next }));
}

initLocale();
setUnauthenticatedHandler(toSignIn);
onLocaleChange(() => void render());
window.addEventListener('hashchange', () => void render());
void render();
