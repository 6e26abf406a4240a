// Import a .dtable archive or a CSV file as a new base, and export a base: upload progress, then the task's
// phase and percentage from dtable-io-status/, cancel, and the result in words.
import { request, session } from '../api.js';
import { h, clear, link, errorLine, toast } from '../ui.js';

const POLL_MS = 700;

export async function render(root, { account, query }) {
  const workspaces = (await request('GET', '/api/v2.1/workspaces/')).workspace_list.filter(w => typeof w.id === 'number');
  const bases = workspaces.flatMap(w => (w.table_list || []).map(t => ({ workspace: w, table: t })));
  const tasks = { stopped: false };
  root.append(h('h1', {}, 'Import & export'),
    h('div', { class: 'row-flex' }, importCard(workspaces, account, tasks), exportCard(bases, query.get('base'), tasks)));
  return { dispose() { tasks.stopped = true; } };
}

function progressBlock(label) {
  const bar = h('progress', { class: 'progress', max: 100, value: 0, 'aria-label': label });
  const text = h('p', { class: 'muted', 'aria-live': 'polite' });
  return { element: h('div', { class: 'stack' }, bar, text), bar, text };
}

function importCard(workspaces, account, tasks) {
  const problem = h('div');
  const result = h('div');
  const file = h('input', { id: 'import-file', type: 'file', accept: '.dtable,.csv', required: true });
  const workspace = h('select', { id: 'import-workspace' }, workspaces.map(w => h('option', { value: w.id, selected: w.id === account.workspace_id }, w.type === 'personal' ? 'My bases' : w.name)));
  const start = h('button', { type: 'submit', class: 'primary' }, 'Import');
  const cancel = h('button', { type: 'button', hidden: true }, 'Cancel');
  const progress = progressBlock('Import progress');
  progress.element.hidden = true;
  let xhr = null;
  let running = null;

  const finish = (message, ok) => {
    start.disabled = false;
    cancel.hidden = true;
    running = null;
    if (!ok) clear(result, errorLine(message)); else clear(result, message);
  };

  cancel.addEventListener('click', async () => {
    if (xhr) { xhr.abort(); return; }
    if (running) {
      try {
        await request('DELETE', '/api/v2.1/dtable-io-status/', { query: { task_id: running.taskId, task_type: 'import', dtable_uuid: running.uuid } });
        running.cancelled = true;
      } catch (error) { toast(error.message, 'error'); }
    }
  });

  const form = h('form', {
    class: 'card',
    'aria-label': 'Import a base',
    onsubmit: event => {
      event.preventDefault();
      if (!file.files[0]) return;
      problem.replaceChildren();
      result.replaceChildren();
      start.disabled = true;
      cancel.hidden = false;
      progress.element.hidden = false;
      progress.bar.value = 0;
      progress.text.textContent = 'Uploading…';
      // XMLHttpRequest rather than fetch: only it reports the upload's progress.
      xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/v2.1/workspace/${workspace.value}/import-dtable/`);
      xhr.setRequestHeader('Authorization', `Token ${session.token}`);
      xhr.upload.onprogress = e => {
        if (!e.lengthComputable) return;
        const percent = Math.round((e.loaded / e.total) * 100);
        progress.bar.value = percent;
        progress.text.textContent = `Uploading… ${percent} % of ${(e.total / 1024 / 1024).toFixed(1)} MB`;
      };
      xhr.onabort = () => { xhr = null; progress.text.textContent = 'Upload cancelled.'; finish('The import was cancelled before the file arrived.', false); };
      xhr.onerror = () => { xhr = null; finish('The upload failed: the server could not be reached.', false); };
      xhr.onload = () => {
        const answer = safeJson(xhr.responseText);
        const status = xhr.status;
        xhr = null;
        if (status >= 400) { progress.text.textContent = ''; finish(answer?.error_msg || answer?.detail || `The server answered ${status}.`, false); return; }
        running = { taskId: answer.task_id, uuid: answer.table.uuid, table: answer.table };
        progress.bar.value = 0;
        progress.text.textContent = 'Uploaded. Importing…';
        watch(running, progress, tasks, outcome => {
          if (outcome.ok) {
            finish(h('p', {}, 'Imported as ', link(`/workspace/${answer.table.workspace_id}/dtable/${encodeURIComponent(answer.table.name)}/`, answer.table.name, { class: 'base-name' }), '.'), true);
          } else finish(outcome.message, false);
        });
      };
      const body = new FormData();
      body.append('dtable', file.files[0]);
      xhr.send(body);
    },
  }, h('h2', {}, 'Import a base'),
  h('p', { class: 'muted' }, 'A .dtable archive (from SeaTable or this server) or a .csv file becomes a new base named after the file.'),
  h('label', { for: 'import-file' }, 'File'), file,
  h('label', { for: 'import-workspace' }, 'Into'), workspace,
  h('div', { class: 'buttons' }, cancel, start), progress.element, problem, result);
  return form;
}

function exportCard(bases, preselected, tasks) {
  const result = h('div');
  const choice = h('select', { id: 'export-base' }, bases.map(({ workspace, table }) =>
    h('option', { value: `${workspace.id}/${table.name}`, selected: table.name === preselected }, table.name)));
  const assets = h('input', { type: 'checkbox', id: 'export-assets', checked: true });
  const start = h('button', { type: 'submit', class: 'primary', disabled: bases.length === 0 }, 'Export');
  const cancel = h('button', { type: 'button', hidden: true }, 'Cancel');
  const progress = progressBlock('Export progress');
  progress.element.hidden = true;
  let running = null;

  cancel.addEventListener('click', async () => {
    if (!running) return;
    try {
      await request('DELETE', '/api/v2.1/dtable-io-status/', { query: { task_id: running.taskId, task_type: 'export', dtable_uuid: running.uuid } });
      running.cancelled = true;
    } catch (error) { toast(error.message, 'error'); }
  });

  return h('form', {
    class: 'card',
    'aria-label': 'Export a base',
    onsubmit: async event => {
      event.preventDefault();
      const [workspaceId, ...rest] = choice.value.split('/');
      const name = rest.join('/');
      start.disabled = true;
      result.replaceChildren();
      progress.element.hidden = false;
      progress.bar.value = 0;
      progress.text.textContent = 'Starting the export…';
      try {
        const answer = await request('GET', `/api/v2.1/workspace/${workspaceId}/dtable/${encodeURIComponent(name)}/export-dtable/`, { query: { ignore_asset: assets.checked ? 'false' : 'true' } });
        running = { taskId: answer.task_id, uuid: answer.table?.uuid || answer.dtable_uuid, name };
        cancel.hidden = false;
        watch(running, progress, tasks, async outcome => {
          start.disabled = false;
          cancel.hidden = true;
          if (!outcome.ok) { clear(result, errorLine(outcome.message)); return; }
          const download = h('button', { type: 'button', class: 'primary', onclick: () => downloadExport(running, download) }, `Download ${name}.dtable`);
          clear(result, h('p', {}, 'The export is ready.'), download);
        });
      } catch (error) {
        start.disabled = false;
        progress.element.hidden = true;
        clear(result, errorLine(error.message));
      }
    },
  }, h('h2', {}, 'Export a base'),
  h('p', { class: 'muted' }, 'A .dtable archive with the tables, views and (if you keep them) the files and images.'),
  h('label', { for: 'export-base' }, 'Base'), choice,
  h('div', {}, assets, ' ', h('label', { for: 'export-assets', class: 'inline-label' }, 'Include files and images')),
  h('div', { class: 'buttons' }, cancel, start), progress.element, result);
}

/** Polls the task until it ends; calls back with {ok} or {ok: false, message}. */
function watch(task, progress, tasks, done) {
  const tick = async () => {
    if (tasks.stopped) return;
    let status;
    try {
      status = await request('GET', '/api/v2.1/dtable-io-status/', { query: { task_id: task.taskId } });
    } catch (error) {
      progress.text.textContent = '';
      done({ ok: false, message: task.cancelled ? 'Cancelled.' : error.message });
      return;
    }
    progress.bar.value = status.progress ?? 0;
    const phase = status.phase || (status.is_finished ? 'finished' : 'running');
    progress.text.textContent = `${phase[0].toUpperCase()}${phase.slice(1)} · ${status.progress ?? 0} %${status.rows_done ? ` · ${status.rows_done.toLocaleString()} rows` : ''}`;
    if (phase === 'failed') { done({ ok: false, message: status.error_msg || status.error || 'The task failed.' }); return; }
    if (phase === 'cancelled') { done({ ok: false, message: 'Cancelled.' }); return; }
    if (status.is_finished) { progress.bar.value = 100; done({ ok: true }); return; }
    setTimeout(tick, POLL_MS);
  };
  tick();
}

async function downloadExport(task, button) {
  button.disabled = true;
  try {
    const response = await request('GET', '/api/v2.1/dtable-export-content/', { query: { task_id: task.taskId, dtable_uuid: task.uuid }, raw: true });
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const anchor = h('a', { href: url, download: `${task.name}.dtable` });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    button.disabled = false;
  }
}

function safeJson(text) { try { return JSON.parse(text); } catch { return null; } }
