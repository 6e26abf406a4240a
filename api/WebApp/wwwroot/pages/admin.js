// The system admin's console: every base (search, filters, cursor paging), a user's or an organization's
// bases, users and organizations with create, the trash with restore, and the cluster at a glance.
import { request } from '../api.js';
import { h, clear, link, busy, toast, formatTime, errorLine } from '../ui.js';

const SECTIONS = [
  ['bases', 'Bases'], ['users', 'Users'], ['organizations', 'Organizations'], ['trash', 'Trash'], ['cluster', 'Cluster'],
];

export async function render(root, { query }) {
  const section = location.pathname.split('/')[2] || 'bases';
  root.append(h('h1', {}, 'System admin'),
    h('nav', { class: 'tabs', 'aria-label': 'Console sections' }, SECTIONS.map(([key, label]) =>
      link(`/sys/${key}/`, label, { class: 'button quiet', 'aria-current': key === section ? 'page' : false }))));
  const body = h('div');
  root.append(body);
  const pages = { bases, users, organizations, trash, cluster };
  return (pages[section] || bases)(body, query);
}

function baseTable(items, { trash = false, onRestore } = {}) {
  if (items.length === 0) return h('p', { class: 'muted' }, 'No base matches.');
  return h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, ['Name', 'Owner', 'Organization', 'Rows', trash ? 'Deleted' : 'Created', trash ? 'Days left' : 'Modified', ''].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map(b => h('tr', {},
      h('th', { scope: 'row' }, b.name),
      h('td', {}, link(`/sys/users/?email=${encodeURIComponent(b.email)}`, b.owner)),
      h('td', {}, b.org_id > 0 ? link(`/sys/organizations/?org_id=${b.org_id}`, b.org_name || `#${b.org_id}`) : '—'),
      h('td', {}, Number(b.rows_count ?? 0).toLocaleString()),
      h('td', {}, formatTime(trash ? b.delete_time : b.created_at)),
      h('td', {}, trash ? `${b.days_left} days` : formatTime(b.updated_at)),
      h('td', { class: 'actions' }, trash && h('button', {
        type: 'button', class: 'primary', 'aria-label': `Restore ${b.name}`, onclick: event => busy(event.target, () => onRestore(b)),
      }, 'Restore'))))));
}

/** A listing with SeaTable's filters and the server's cursor: "Next page" follows next_cursor. */
async function cursorListing(body, path, filters, { trash = false } = {}) {
  const form = h('form', { class: 'filters-line card', role: 'search' });
  const inputs = {};
  for (const [key, label, type] of filters) {
    const id = `filter-${key}`;
    inputs[key] = h('input', { id, name: key, type: type || 'text', value: new URLSearchParams(location.search).get(key) || '' });
    form.append(h('label', { for: id }, label), inputs[key]);
  }
  form.append(h('button', { type: 'submit', class: 'primary' }, 'Search'));
  const result = h('div', { class: 'card' });
  const pager = h('div', { class: 'buttons' });
  body.append(form, result, pager);
  const cursors = [null];
  const load = async index => {
    const query = { per_page: 25, cursor: cursors[index] };
    for (const [key, input] of Object.entries(inputs)) if (input.value) query[key] = input.value;
    try {
      const answer = await request('GET', path, { query });
      const items = answer.dtables || answer.trash_dtable_list || [];
      clear(result, baseTable(items, {
        trash,
        onRestore: async b => {
          await request('PUT', `/api/v2.1/admin/trash-dtables/${b.id}/`);
          toast(`${b.name} restored.`);
          await load(index);
        },
      }));
      cursors[index + 1] = answer.next_cursor || null;
      clear(pager,
        h('button', { type: 'button', disabled: index === 0, onclick: () => load(index - 1) }, 'Previous page'),
        h('span', { class: 'muted' }, `Page ${index + 1}`),
        h('button', { type: 'button', disabled: !answer.next_cursor, onclick: () => load(index + 1) }, 'Next page'));
    } catch (error) { clear(result, errorLine(error.message)); }
  };
  form.addEventListener('submit', event => { event.preventDefault(); cursors.length = 1; load(0); });
  await load(0);
}

async function bases(body, query) {
  const email = query.get('email');
  if (email) {
    body.append(h('h2', {}, `Bases of ${email}`));
    const answer = await request('GET', `/api/v2.1/admin/users/${encodeURIComponent(email)}/dtables/`, { query: { per_page: 100 } });
    body.append(h('div', { class: 'card' }, baseTable(answer.dtables || answer.dtable_list || [])));
    return;
  }
  await cursorListing(body, '/api/v2.1/admin/dtables/', [['name', 'Name contains'], ['owner', 'Owner'], ['org_id', 'Organization id'], ['created_after', 'Created after', 'date']]);
}

async function trash(body) {
  await cursorListing(body, '/api/v2.1/admin/trash-dtables/', [['name', 'Name contains'], ['owner', 'Owner']], { trash: true });
}

async function users(body, query) {
  const email = query.get('email');
  if (email) {
    const answer = await request('GET', `/api/v2.1/admin/users/${encodeURIComponent(email)}/dtables/`, { query: { per_page: 100 } });
    body.append(h('h2', {}, `Bases of ${email}`), h('div', { class: 'card' }, baseTable(answer.dtables || answer.dtable_list || [])));
    return;
  }
  const list = h('div', { class: 'card' });
  const problem = h('div');
  const fields = {
    email: h('input', { id: 'user-email', type: 'email', required: true }),
    name: h('input', { id: 'user-name' }),
    password: h('input', { id: 'user-password', type: 'password', required: true, autocomplete: 'new-password' }),
  };
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create user');
  const load = async () => {
    const answer = await request('GET', '/api/v2.1/admin/users/', { query: { per_page: 100 } });
    clear(list, h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ['Name', 'Email', 'Role', 'Created', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, answer.data.map(u => h('tr', {},
        h('th', { scope: 'row' }, u.name, u.is_staff && h('span', { class: 'badge' }, 'admin')),
        h('td', {}, u.contact_email || u.email), h('td', {}, u.role), h('td', {}, formatTime(u.create_time)),
        h('td', { class: 'actions' }, link(`/sys/users/?email=${encodeURIComponent(u.email)}`, 'Bases')))))));
  };
  body.append(h('form', {
    class: 'card filters-line',
    onsubmit: event => {
      event.preventDefault();
      busy(create, async () => {
        await request('POST', '/api/v2.1/admin/users/', { form: { email: fields.email.value.trim(), name: fields.name.value.trim() || undefined, password: fields.password.value } });
        toast(`User ${fields.email.value.trim()} created.`);
        Object.values(fields).forEach(f => { f.value = ''; });
        await load();
      }, problem);
    },
  }, h('label', { for: 'user-email' }, 'Email'), fields.email, h('label', { for: 'user-name' }, 'Name'), fields.name,
  h('label', { for: 'user-password' }, 'Password'), fields.password, create), problem, list);
  await load();
}

async function organizations(body, query) {
  const orgId = query.get('org_id');
  if (orgId) {
    const answer = await request('GET', `/api/v2.1/admin/organizations/${encodeURIComponent(orgId)}/dtables/`, { query: { per_page: 100 } });
    body.append(h('h2', {}, `Bases of organization ${orgId}`), h('div', { class: 'card' }, baseTable(answer.dtables || answer.dtable_list || [])));
    return;
  }
  const list = h('div', { class: 'card' });
  const problem = h('div');
  const fields = {
    org_name: h('input', { id: 'org-name', required: true }),
    admin_email: h('input', { id: 'org-admin-email', type: 'email', required: true }),
    password: h('input', { id: 'org-admin-password', type: 'password', required: true, autocomplete: 'new-password' }),
  };
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create organization');
  const load = async () => {
    const answer = await request('GET', '/api/v2.1/admin/organizations/', { query: { per_page: 100 } });
    clear(list, answer.organizations.length === 0 ? h('p', { class: 'muted' }, 'No organization yet.') : h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ['Name', 'Id', 'Created', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, answer.organizations.map(o => h('tr', {},
        h('th', { scope: 'row' }, o.org_name), h('td', {}, String(o.org_id)), h('td', {}, formatTime(o.ctime)),
        h('td', { class: 'actions' }, link(`/sys/organizations/?org_id=${o.org_id}`, 'Bases')))))));
  };
  body.append(h('form', {
    class: 'card filters-line',
    onsubmit: event => {
      event.preventDefault();
      busy(create, async () => {
        await request('POST', '/api/v2.1/admin/organizations/', { form: { org_name: fields.org_name.value.trim(), admin_email: fields.admin_email.value.trim(), password: fields.password.value } });
        toast(`Organization ${fields.org_name.value.trim()} created.`);
        Object.values(fields).forEach(f => { f.value = ''; });
        await load();
      }, problem);
    },
  }, h('label', { for: 'org-name' }, 'Organization'), fields.org_name, h('label', { for: 'org-admin-email' }, 'Admin email'), fields.admin_email,
  h('label', { for: 'org-admin-password' }, 'Admin password'), fields.password, create), problem, list);
  await load();
}

async function cluster(body) {
  const view = h('div', { 'aria-live': 'polite' });
  body.append(view);
  let stopped = false;
  let timer;
  const load = async () => {
    try {
      const [state, ready] = await Promise.all([
        request('GET', '/api/v2.1/admin/cluster/'),
        fetch('/readyz').then(r => r.json()).catch(() => null),
      ]);
      const sockets = state.silos.reduce((a, s) => a + (s.sockets ?? 0), 0);
      const tasks = state.silos.reduce((a, s) => a + (s.tasks_running ?? 0), 0);
      clear(view,
        h('div', { class: 'kpis' },
          h('div', { class: 'kpi' }, h('b', {}, String(state.silos.length)), 'silos'),
          h('div', { class: 'kpi' }, h('b', {}, sockets.toLocaleString()), 'connected sockets'),
          h('div', { class: 'kpi' }, h('b', {}, String(tasks)), 'tasks running'),
          h('div', { class: 'kpi' }, h('b', {}, ready?.status || 'unknown'), 'readiness of this silo')),
        h('div', { class: 'card' }, h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, ['Silo', 'Address', 'Status', 'Started', 'Sockets', 'Tasks'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, state.silos.map(s => h('tr', {},
            h('th', { scope: 'row' }, s.name, s.address === state.answered_by && h('span', { class: 'badge' }, 'this one')),
            h('td', {}, s.address), h('td', {}, s.status), h('td', {}, formatTime(s.started_at)),
            h('td', {}, s.sockets ?? '—'), h('td', {}, s.tasks_running ?? '—')))))));
    } catch (error) { clear(view, errorLine(error.message)); }
    if (!stopped) timer = setTimeout(load, 3000);
  };
  await load();
  return { dispose() { stopped = true; clearTimeout(timer); } };
}
