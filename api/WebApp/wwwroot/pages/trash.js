import { request } from '../api.js';
import { h, clear, busy, toast, formatTime, errorLine } from '../ui.js';

export async function render(root) {
  const body = h('div');
  root.append(h('h1', {}, 'Trash'), h('p', { class: 'muted' }, 'Deleted bases stay here until they are purged; restore one to bring it back with its rows, tokens and shares.'), body);
  await load(body);
}

async function load(body) {
  let answer;
  try { answer = await request('GET', '/api/v2.1/trash-dtables/'); } catch (error) { clear(body, errorLine(error.message)); return; }
  const items = answer.trash_dtable_list;
  if (items.length === 0) { clear(body, h('p', { class: 'card' }, 'The trash is empty.')); return; }
  clear(body, h('table', { class: 'list card' },
    h('thead', {}, h('tr', {}, ['Name', 'Deleted', 'Days left', ''].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map(item => h('tr', {},
      h('th', { scope: 'row' }, item.name),
      h('td', {}, formatTime(item.delete_time)),
      h('td', {}, item.days_left === undefined ? '—' : `${item.days_left} days`),
      h('td', { class: 'actions' }, h('button', {
        type: 'button', class: 'primary', 'aria-label': `Restore ${item.name}`,
        onclick: event => busy(event.target, async () => {
          await request('PUT', `/api/v2.1/trash-dtables/${item.id}/`);
          toast(`${item.name} restored.`);
          await load(body);
        }),
      }, 'Restore')))))));
}
