import { request } from '../api.js';
import { h, clear, link, busy, toast, formatTime, errorLine, dialog } from '../ui.js';

const basePath = (workspaceId, name) => `/workspace/${workspaceId}/dtable/${encodeURIComponent(name)}/`;

export async function render(root) {
  const listing = h('div', { class: 'stack' });
  root.append(h('h1', {}, 'Your bases'), listing);
  await load(listing);
}

async function load(listing) {
  let workspaces;
  try {
    workspaces = (await request('GET', '/api/v2.1/workspaces/')).workspace_list;
  } catch (error) {
    clear(listing, errorLine(error.message));
    return;
  }
  const own = workspaces.filter(w => typeof w.id === 'number');
  const shared = workspaces.find(w => w.type === 'shared')?.shared_table_list || [];
  clear(listing,
    own.map(workspace => workspaceSection(workspace, () => load(listing))),
    h('section', { class: 'card', 'aria-labelledby': 'shared-title' },
      h('h2', { id: 'shared-title' }, 'Shared with you'),
      shared.length === 0
        ? h('p', { class: 'muted' }, 'No base is shared with you.')
        : h('ul', { class: 'bases' }, shared.map(table => h('li', {},
          link(basePath(table.workspace_id, table.name), table.name, { class: 'base-name' }),
          h('span', { class: 'muted' }, ` from ${table.from_user_name || table.owner || table.creator || ''}`),
          h('span', { class: 'badge' }, table.permission === 'r' ? 'read-only' : 'read-write'))))));
}

function workspaceSection(workspace, reload) {
  const problem = h('div');
  const name = h('input', { id: `new-base-${workspace.id}`, name: 'name', required: true, maxlength: 255, placeholder: 'e.g. Projects' });
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create base');
  const title = workspace.type === 'personal' ? 'My bases' : (workspace.name || `Workspace ${workspace.id}`);
  const tables = workspace.table_list || [];
  return h('section', { class: 'card', 'aria-labelledby': `ws-${workspace.id}` },
    h('h2', { id: `ws-${workspace.id}` }, title),
    tables.length === 0 ? h('p', { class: 'muted' }, 'No base yet: create one below, or import a .dtable or CSV file.') : h('table', { class: 'list' },
      h('caption', { class: 'sr-only' }, `Bases of ${title}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Modified'), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', {}, tables.map(table => baseRow(workspace, table, reload)))),
    h('form', {
      class: 'inline',
      onsubmit: event => {
        event.preventDefault();
        busy(create, async () => {
          await request('POST', '/api/v2.1/dtables/', { form: { name: name.value.trim(), workspace_id: workspace.id } });
          toast(`Base ${name.value.trim()} created.`);
          await reload();
        }, problem);
      },
    }, h('label', { for: `new-base-${workspace.id}` }, 'New base'), name, create),
    problem);
}

function baseRow(workspace, table, reload) {
  const actions = h('td', { class: 'actions' },
    link(basePath(workspace.id, table.name) + 'tokens/', 'API tokens', { class: 'button quiet', 'aria-label': `API tokens of ${table.name}` }),
    h('button', { type: 'button', class: 'quiet', 'aria-label': `Rename ${table.name}`, onclick: () => rename(workspace, table, reload) }, 'Rename'),
    h('button', {
      type: 'button', class: 'quiet danger', 'aria-label': `Delete ${table.name}`,
      onclick: async event => {
        const yes = await dialog(`Delete ${table.name}?`, close => h('div', {},
          h('p', {}, 'The base goes to the trash, where you can restore it until it is purged.'),
          h('div', { class: 'buttons' },
            h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'),
            h('button', { type: 'button', class: 'primary danger', onclick: () => close(true) }, 'Move to trash'))));
        if (!yes) return;
        await busy(event.target, async () => {
          await request('DELETE', `/api/v2.1/workspace/${workspace.id}/dtable/`, { form: { name: table.name } });
          toast(`${table.name} moved to the trash.`);
          await reload();
        });
      },
    }, 'Delete'));
  return h('tr', {},
    h('th', { scope: 'row' }, link(basePath(workspace.id, table.name), table.name, { class: 'base-name' })),
    h('td', {}, formatTime(table.updated_at)),
    actions);
}

async function rename(workspace, table, reload) {
  await dialog(`Rename ${table.name}`, close => {
    const problem = h('div');
    const input = h('input', { id: 'rename-input', value: table.name, required: true, maxlength: 255 });
    const save = h('button', { type: 'submit', class: 'primary' }, 'Rename');
    return h('form', {
      onsubmit: event => {
        event.preventDefault();
        busy(save, async () => {
          await request('PUT', `/api/v2.1/workspace/${workspace.id}/dtable/`, { form: { name: table.name, new_name: input.value.trim() } });
          close(true);
          toast('Base renamed.');
          await reload();
        }, problem);
      },
    }, h('label', { for: 'rename-input' }, 'New name'), input, problem,
    h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'), save));
  });
}
