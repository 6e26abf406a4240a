// The router: SeaTable's page paths, each rendered by a module under pages/ (loaded when first needed).
// Plain ES modules served by the server itself: no build step, no CDN, works offline.
import { session, account, signOut, whenSignedOut } from './api.js';
import { h, clear, link } from './ui.js';

const routes = [
  { pattern: /^\/accounts\/login\/?$/, page: 'login', anonymous: true },
  { pattern: /^\/$/, page: 'home' },
  { pattern: /^\/trash\/?$/, page: 'trash' },
  { pattern: /^\/io\/?$/, page: 'io' },
  { pattern: /^\/sys(\/.*)?$/, page: 'admin', staff: true },
  { pattern: /^\/workspace\/(\d+)\/dtable\/([^/]+)\/tokens\/?$/, page: 'tokens', params: ['workspaceId', 'name'] },
  { pattern: /^\/workspace\/(\d+)\/dtable\/([^/]+)(?:\/.*)?$/, page: 'base', params: ['workspaceId', 'name'] },
];

let current = null;

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  render();
}

function match(pathname) {
  for (const route of routes) {
    const found = route.pattern.exec(pathname);
    if (found) {
      const params = {};
      (route.params || []).forEach((name, i) => { params[name] = decodeURIComponent(found[i + 1]); });
      return { route, params };
    }
  }
  return null;
}

async function header(me) {
  const top = document.getElementById('top');
  if (!me) { top.hidden = true; return; }
  const path = location.pathname;
  const nav = [['/', 'Bases'], ['/trash/', 'Trash'], ['/io/', 'Import & export']];
  if (me.is_staff) nav.push(['/sys/', 'System admin']);
  clear(top,
    link('/', 'SeaTable', { class: 'brand' }),
    h('nav', { 'aria-label': 'Main' },
      nav.map(([href, text]) => link(href, text, { 'aria-current': (href === '/' ? path === '/' : path.startsWith(href)) ? 'page' : false }))),
    h('span', { class: 'who' }, me.name || me.contact_email),
    h('button', { type: 'button', class: 'quiet', onclick: async () => { await signOut(); navigate('/accounts/login/'); } }, 'Sign out'));
  top.hidden = false;
}

async function render() {
  const main = document.getElementById('main');
  const found = match(location.pathname);
  current?.dispose?.();
  current = null;
  if (!found) {
    await header(session.token ? await account().catch(() => null) : null);
    clear(main, h('h1', {}, 'Page not found'), h('p', {}, link('/', 'Back to your bases')));
    return;
  }
  let me = null;
  if (!found.route.anonymous) {
    if (!session.token) { toLogin(); return; }
    try { me = await account(); } catch (error) {
      if (error.status === 401 || error.status === 403) { toLogin(); return; }
      clear(main, h('p', { class: 'error', role: 'alert' }, error.message));
      return;
    }
    if (found.route.staff && !me.is_staff) {
      await header(me);
      clear(main, h('h1', {}, 'Permission denied'), h('p', {}, 'Only system admins can open the console.'));
      return;
    }
  }
  await header(me);
  const module = await import(`./pages/${found.route.page}.js`);
  clear(main);
  current = await module.render(main, { ...found.params, account: me, query: new URLSearchParams(location.search) }) || null;
  document.title = `${main.querySelector('h1')?.textContent || 'SeaTable'} · SeaTable`;
}

function toLogin() {
  const next = location.pathname + location.search;
  navigate(`/accounts/login/?next=${encodeURIComponent(next)}`, { replace: true });
}

// Links inside the app change the page without reloading it.
document.addEventListener('click', event => {
  const anchor = event.target.closest('a[data-link]');
  if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || anchor.target) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href'));
});
window.addEventListener('popstate', render);
whenSignedOut(() => toLogin());
render();
