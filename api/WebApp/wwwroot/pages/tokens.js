// A base's API tokens, with what makes this server worth running: which apps are connected right now,
// when each token was last used, and how much, updating while you watch.
import { request } from '../api.js';
import { h, clear, link, busy, toast, ago, formatTime, errorLine, dialog, plural } from '../ui.js';

const POLL_MS = 2000;

export async function render(root, { workspaceId, name }) {
  const route = `/api/v2.1/workspace/${workspaceId}/dtable/${encodeURIComponent(name)}`;
  const list = h('div', { class: 'tokens', 'aria-live': 'polite' });
  const problem = h('div');
  const created = h('div');
  const appName = h('input', { id: 'token-app-name', required: true, maxlength: 255, placeholder: 'e.g. nightly-import' });
  const permission = h('select', { id: 'token-permission' }, h('option', { value: 'rw' }, 'Read and write'), h('option', { value: 'r' }, 'Read only'));
  const createButton = h('button', { type: 'submit', class: 'primary' }, 'Create token');
  let tokens = [];
  let status = new Map();
  let timer = null;
  let stopped = false;

  const draw = () => {
    // While a field of a token has the focus, only the live parts change: a redraw would take the typing away.
    const focused = document.activeElement;
    if (focused && list.contains(focused) && focused.matches('input, select')) {
      for (const card of list.querySelectorAll('[data-app]')) {
        const state = status.get(card.dataset.app);
        const badge = card.querySelector('[data-role="connection"]');
        badge.className = `badge ${state?.connected ? 'on' : 'off'}`;
        badge.textContent = state?.connected ? 'connected' : 'not connected';
        const token = tokens.find(t => t.app_name === card.dataset.app);
        card.querySelector('[data-role="last-access"]').textContent = `Last access ${ago(state?.last_access || token?.last_access)}`;
      }
      return;
    }
    if (tokens.length === 0) { clear(list, h('p', { class: 'card muted' }, 'No API token yet. Create one for each app or script that works on this base.')); return; }
    clear(list, tokens.map(token => tokenCard(token, status.get(token.app_name))));
  };

  const tokenCard = (token, state) => {
    const connected = state?.connected === true;
    const limit = h('input', { type: 'number', min: 1, id: `limit-${token.app_name}`, value: token.requests_per_minute ?? '', placeholder: 'server default' });
    const perm = h('select', { id: `perm-${token.app_name}` },
      h('option', { value: 'rw', selected: token.permission === 'rw' }, 'Read and write'),
      h('option', { value: 'r', selected: token.permission === 'r' }, 'Read only'));
    perm.addEventListener('change', () => update(token, { permission: perm.value }, null));
    const save = h('button', { type: 'button', onclick: event => update(token, { requests_per_minute: limit.value || 'default' }, event.target) }, 'Save limit');
    const requests = Object.values(token.usage?.requests || {}).reduce((a, b) => a + b, 0);
    return h('section', { class: 'card token', 'aria-label': `Token ${token.app_name}`, dataset: { app: token.app_name } },
      h('div', {},
        h('h2', {}, token.app_name,
          h('span', { class: `badge ${connected ? 'on' : 'off'}`, dataset: { role: 'connection' } }, connected ? 'connected' : 'not connected')),
        h('div', { class: 'meta' },
          h('span', { dataset: { role: 'last-access' } }, `Last access ${ago(state?.last_access || token.last_access)}`),
          ` · ${plural(requests, 'request')}, ${plural(token.usage?.jwts_issued ?? 0, 'base token')} issued`,
          token.usage?.last_client_address ? ` · last from ${token.usage.last_client_address}` : '',
          ` · created ${formatTime(token.generated_at)}`)),
      h('button', { type: 'button', class: 'quiet danger', 'aria-label': `Delete token ${token.app_name}`, onclick: () => remove(token) }, 'Delete'),
      chart(token.usage?.hourly || {}, token.app_name),
      h('div', { class: 'controls' },
        h('label', { for: `perm-${token.app_name}` }, 'Permission'), perm,
        h('label', { for: `limit-${token.app_name}` }, 'Requests per minute'), limit, save));
  };

  const load = async () => {
    const [list1, states] = await Promise.all([request('GET', `${route}/api-tokens/`), request('GET', `${route}/api-tokens-status/`)]);
    tokens = list1.api_tokens;
    status = new Map(states.api_status_list.map(s => [s.app_name, s]));
    problem.replaceChildren();
    draw();
  };

  const poll = async () => {
    if (stopped) return;
    try { await load(); } catch (error) { problem.replaceChildren(errorLine(error.message)); }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };

  const update = (token, body, button) => busy(button, async () => {
    await request('PUT', `${route}/api-tokens/${encodeURIComponent(token.app_name)}/`, { form: body });
    toast(`Token ${token.app_name} updated.`);
    await load();
  });

  const remove = async token => {
    const yes = await dialog(`Delete token ${token.app_name}?`, close => h('div', {},
      h('p', {}, 'Apps using it lose access at once, and their base tokens stop working.'),
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'),
        h('button', { type: 'button', class: 'primary danger', onclick: () => close(true) }, 'Delete token'))));
    if (!yes) return;
    await busy(null, async () => {
      await request('DELETE', `${route}/api-tokens/${encodeURIComponent(token.app_name)}/`);
      toast(`Token ${token.app_name} deleted.`);
      await load();
    });
  };

  const form = h('form', {
    class: 'card',
    onsubmit: event => {
      event.preventDefault();
      busy(createButton, async () => {
        const answer = await request('POST', `${route}/api-tokens/`, { form: { app_name: appName.value.trim(), permission: permission.value } });
        const secret = h('code', { class: 'secret', id: 'new-token' }, answer.api_token);
        clear(created, h('div', { class: 'card', role: 'status' },
          h('p', {}, h('b', {}, `Token for ${answer.app_name}`), ' — copy it now: it is shown only once.'),
          secret, ' ',
          h('button', {
            type: 'button',
            onclick: async () => {
              try { await navigator.clipboard.writeText(answer.api_token); toast('Token copied.'); } catch {
                // Without a secure context there is no clipboard API: select it for Ctrl+C instead.
                const range = document.createRange(); range.selectNodeContents(secret);
                getSelection().removeAllRanges(); getSelection().addRange(range);
                toast('Press Ctrl+C to copy the selected token.');
              }
            },
          }, 'Copy')));
        appName.value = '';
        await load();
      }, problem);
    },
  }, h('h2', {}, 'New token'),
  h('div', { class: 'inline' }, h('label', { for: 'token-app-name' }, 'App name'), appName,
    h('label', { for: 'token-permission' }, 'Permission'), permission, createButton));
  form.querySelector('.inline').className = 'filters-line';

  root.append(
    h('p', {}, link(`/workspace/${workspaceId}/dtable/${encodeURIComponent(name)}/`, `← ${name}`)),
    h('h1', {}, `API tokens of ${name}`),
    h('p', { class: 'muted' }, 'Each app or script gets its own token. The list shows, live, which apps hold a socket to this base right now.'),
    form, created, problem, list);
  await poll();
  return { dispose() { stopped = true; clearTimeout(timer); } };
}

/** Requests per hour over the last 24 hours, as bars: an SVG drawn here, no charting library needed. */
function chart(hourly, appName) {
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  const hours = [];
  for (let i = 23; i >= 0; i--) {
    const hour = new Date(now.getTime() - i * 3600 * 1000);
    hours.push({ hour, count: hourly[hour.toISOString().replace('.000Z', 'Z')] || 0 });
  }
  const max = Math.max(1, ...hours.map(x => x.count));
  const total = hours.reduce((a, x) => a + x.count, 0);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 240 50');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${appName}: ${total} requests in the last 24 hours`);
  const base = document.createElementNS(ns, 'line');
  Object.entries({ x1: 0, y1: 49.5, x2: 240, y2: 49.5 }).forEach(([k, v]) => base.setAttribute(k, v));
  svg.append(base);
  hours.forEach(({ hour, count }, i) => {
    if (!count) return;
    const height = Math.max(2, (count / max) * 46);
    const bar = document.createElementNS(ns, 'rect');
    Object.entries({ x: i * 10 + 1, y: 49 - height, width: 8, height }).forEach(([k, v]) => bar.setAttribute(k, v));
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${hour.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${count} requests`;
    bar.append(title);
    svg.append(bar);
  });
  return h('figure', { class: 'chart' }, svg,
    h('figcaption', {}, h('span', {}, '24 h ago'),
      h('span', {}, total ? `${plural(total, 'request')} in the last 24 hours, at most ${plural(max, 'request')} an hour` : 'No request in the last 24 hours'),
      h('span', {}, 'now')));
}
