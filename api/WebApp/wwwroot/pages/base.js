// A base: its tables as tabs, a view picker with sort and filter, and a grid that renders only the rows in sight.
// Rows come from the row API a page at a time (random access by ?start when the row count is known), so a
// 100,000-row table costs one page and one count to show. Changes from anyone arrive over the base's socket.
import { BaseApi, request } from '../api.js';
import { h, clear, link, toast, dialog, busy, errorLine, debounce, plural } from '../ui.js';
import { BaseSocket } from '../socket.js';
import { editorFor, isEditable, renderCell, COLUMN_TYPES, PREDICATES } from './cells.js';

const ROW_HEIGHT = 34;
const PAGE = 500;
const OVERSCAN = 10;

export async function render(root, { workspaceId, name }) {
  const base = new BaseApi(workspaceId, name);
  const page = new BasePage(root, base);
  await page.start();
  return page;
}

class BasePage {
  constructor(root, base) {
    this.root = root;
    this.base = base;
    this.tableIndex = 0;
    this.viewName = null;
    this.active = { row: 0, col: 0 };
    this.editing = null;
    this.pendingRefresh = false;
    // Column widths in pixels, as the last layout drew them.
    this.widths = [];
  }

  async start() {
    const title = h('h1', {}, this.base.name);
    this.status = h('span', { class: 'live', 'data-state': 'off' }, 'Connecting…');
    this.tableTabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Tables' });
    this.toolbar = h('div', { class: 'toolbar' });
    this.scroll = h('div', { class: 'grid-scroll', tabindex: '0', role: 'grid', 'aria-label': 'Rows' });
    this.inner = h('div', { class: 'grid-inner' });
    this.scroll.append(this.inner);
    this.scroll.addEventListener('scroll', () => this.paint());
    this.scroll.addEventListener('keydown', event => this.key(event));
    this.problem = h('div');
    this.root.append(
      h('div', { class: 'toolbar' }, title, h('span', { class: 'spacer' }), this.status,
        link(`/workspace/${this.base.workspaceId}/dtable/${encodeURIComponent(this.base.name)}/tokens/`, 'API tokens', { class: 'button quiet' })),
      this.tableTabs, this.toolbar, this.problem, this.scroll);
    try {
      await this.base.open();
      await this.loadMetadata();
    } catch (error) {
      clear(this.root, h('h1', {}, this.base.name), errorLine(error.status === 403 ? 'You have no access to this base.' : error.message),
        h('p', {}, link('/', 'Back to your bases')));
      return;
    }
    this.socket = new BaseSocket(this.base.uuid, this.base.access.access_token, {
      onUpdate: () => this.changedElsewhere(),
      onState: joined => {
        this.status.dataset.state = joined ? 'on' : 'off';
        this.status.textContent = joined ? 'Live' : 'Reconnecting…';
      },
    });
    this.refreshSoon = debounce(() => this.refresh(), 150);
    await this.reloadRows();
  }

  dispose() {
    this.disposed = true;
    this.socket?.close();
  }

  get table() { return this.metadata.tables[this.tableIndex]; }
  get view() { return this.table.views.find(v => v.name === this.viewName) || this.table.views[0]; }

  get columns() {
    const hidden = new Set(this.view?.hidden_columns || []);
    return this.table.columns.filter(c => !hidden.has(c.key));
  }

  async loadMetadata() {
    // Answers can arrive out of order (a refresh for an earlier change is slower): only the newest request counts.
    const sequence = this.metadataSequence = (this.metadataSequence || 0) + 1;
    const metadata = await this.base.metadata();
    if (sequence !== this.metadataSequence) return;
    this.metadata = metadata;
    if (this.tableIndex >= this.metadata.tables.length) this.tableIndex = 0;
    if (!this.table.views.some(v => v.name === this.viewName)) this.viewName = this.table.views[0]?.name || null;
    this.drawTabs();
    this.drawToolbar();
  }

  drawTabs() {
    clear(this.tableTabs, this.metadata.tables.map((table, index) => h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(index === this.tableIndex),
      onclick: async () => {
        this.tableIndex = index;
        this.viewName = null;
        await this.loadMetadata();
        await this.reloadRows();
      },
    }, table.name)));
  }

  drawToolbar() {
    const viewSelect = h('select', {
      id: 'view-select',
      onchange: async () => { this.viewName = viewSelect.value; this.drawToolbar(); await this.reloadRows(); },
    }, this.table.views.map(v => h('option', { value: v.name, selected: v.name === this.view?.name }, v.name)));
    const view = this.view;
    const sorts = view?.sorts?.length ? `Sorted by ${view.sorts.map(s => this.columnName(s.column_key)).join(', ')}` : '';
    const filters = view?.filters?.length ? plural(view.filters.length, 'filter') : '';
    const write = this.base.canWrite;
    clear(this.toolbar,
      h('label', { for: 'view-select' }, 'View'), viewSelect,
      write && h('button', { type: 'button', onclick: () => this.addView() }, 'New view'),
      write && h('button', { type: 'button', onclick: () => this.editSort() }, 'Sort'),
      write && h('button', { type: 'button', onclick: () => this.editFilters() }, 'Filter'),
      h('span', { class: 'muted' }, [sorts, filters].filter(Boolean).join(' · ')),
      h('span', { class: 'spacer' }),
      this.countLabel = h('span', { class: 'muted', 'aria-live': 'polite' }),
      write && h('button', { type: 'button', onclick: () => this.addColumn() }, 'Add column'),
      write && h('button', { type: 'button', class: 'primary', onclick: event => busy(event.target, () => this.addRow()) }, 'Add row'),
      !write && h('span', { class: 'badge' }, 'read-only'));
  }

  columnName(key) { return this.table.columns.find(c => c.key === key || c.name === key)?.name || key; }

  // Rows -------------------------------------------------------------------------------------------------

  /**
   * Reads the rows again: the count and the pages in sight, swapped in at once when they are all here, so the
   * grid never shows a gap (a key pressed meanwhile still finds its row). Reloads can overlap (a change elsewhere
   * while a row is added): each has its generation, and one that a newer one overtook stops without a trace.
   */
  async reloadRows() {
    const generation = this.generation = (this.generation || 0) + 1;
    const filtered = (this.view?.filters?.length || 0) > 0;
    const firstInSight = Math.floor(Math.max(0, this.scroll.scrollTop / ROW_HEIGHT - OVERSCAN) / PAGE) * PAGE;
    const lastInSight = Math.floor((this.scroll.scrollTop + this.scroll.clientHeight) / ROW_HEIGHT / PAGE) * PAGE;
    const starts = [];
    for (let start = firstInSight; start <= lastInSight; start += PAGE) starts.push(start);
    if (!starts.includes(0) && filtered) starts.unshift(0);
    const [total, ...pages] = await Promise.all([
      filtered ? null : this.count().catch(() => null),
      ...starts.map(start => this.readPage(start).catch(error => { this.problem.replaceChildren(errorLine(error.message)); return []; })),
    ]);
    if (generation !== this.generation) return;
    this.rows = [];
    this.loading = new Map();
    this.total = total;
    this.sequential = total === null;
    this.more = false;
    starts.forEach((start, i) => this.place(start, pages[i]));
    this.problem.replaceChildren();
    this.active = { row: Math.min(this.active.row, Math.max(0, this.knownRows - 1)), col: Math.min(this.active.col, Math.max(0, this.columns.length - 1)) };
    this.layout();
  }

  readPage(start) {
    return request('GET', `/api-gateway/api/v2/dtables/${this.base.uuid}/rows/`, {
      query: { table_name: this.table.name, view_name: this.view?.name, start, limit: PAGE },
      token: this.base.access.access_token,
    }).then(answer => answer.rows);
  }

  /** Puts a page's rows in place; a short page ends the table there. */
  place(start, rows) {
    rows.forEach((row, i) => { this.rows[start + i] = row; });
    if (this.sequential && start + rows.length >= this.rows.length) this.more = rows.length === PAGE;
    if (this.total !== null && rows.length < PAGE && start + rows.length < this.total) this.total = start + rows.length;
  }

  /** Rows of the table: SQL's count when the view keeps every row, so the scrollbar is right from the start. */
  async count() {
    const answer = await request('POST', `/dtable-db/api/v1/query/${this.base.uuid}/`, {
      json: { sql: `SELECT COUNT(*) FROM \`${this.table.name.replaceAll('`', '``')}\``, convert_keys: true },
      token: this.base.access.access_token,
    });
    const first = answer.results?.[0];
    return first ? Number(Object.values(first)[0]) : 0;
  }

  get knownRows() { return this.total ?? this.rows.length + (this.more ? PAGE : 0); }

  async ensure(from, to) {
    const pages = [];
    for (let start = Math.floor(from / PAGE) * PAGE; start < to; start += PAGE) {
      if (this.total !== null && start >= this.total) break;
      if (this.sequential && start > this.rows.length) break;
      if (this.rows[start] === undefined && !this.loading.has(start)) pages.push(start);
    }
    await Promise.all(pages.map(start => this.fetchPage(start)));
    return pages.length;
  }

  fetchPage(start) {
    const generation = this.generation;
    const task = (async () => {
      try {
        const rows = await this.readPage(start);
        if (generation === this.generation) this.place(start, rows);
      } catch (error) {
        this.problem.replaceChildren(errorLine(error.message));
      } finally {
        if (generation === this.generation) this.loading.delete(start);
      }
    })();
    this.loading.set(start, task);
    return task;
  }

  layout() {
    if (this.editing) { this.pendingRefresh = true; return; }
    const columns = this.columns;
    const widths = columns.map(c => c.width || 200);
    this.widths = widths;
    this.width = 64 + widths.reduce((a, b) => a + b, 0);
    this.inner.style.width = `${this.width}px`;
    this.inner.style.height = `${(this.knownRows + 1) * ROW_HEIGHT}px`;
    this.scroll.setAttribute('aria-rowcount', String(this.knownRows + 1));
    this.scroll.setAttribute('aria-colcount', String(columns.length + 1));
    this.countLabel.textContent = this.total !== null ? `${this.total.toLocaleString()} rows` : `${this.rows.length.toLocaleString()}${this.more ? '+' : ''} rows`;
    this.head = h('div', { class: 'grid-head', role: 'row', 'aria-rowindex': '1' },
      h('div', { class: 'grid-cell index', role: 'columnheader' }, '#'),
      columns.map((column, i) => h('div', { class: 'grid-cell', role: 'columnheader', 'aria-colindex': String(i + 2), dataset: { width: widths[i] } },
        h('span', {}, column.name), h('span', { class: 'type' }, column.type),
        this.base.canWrite && h('button', {
          type: 'button', class: 'quiet', 'aria-label': `Column actions for ${column.name}`,
          onclick: () => this.columnActions(column),
        }, '⋯'))));
    this.head.style.width = `${this.width}px`;
    this.head.querySelectorAll('[data-width]').forEach(cell => { cell.style.width = `${cell.dataset.width}px`; });
    this.rowsLayer = h('div');
    clear(this.inner, this.head, this.rowsLayer);
    if (this.knownRows === 0) {
      this.rowsLayer.append(h('p', { class: 'grid-empty' }, this.view?.filters?.length ? 'No row matches the view\'s filters.' : 'No rows yet. Add one with "Add row".'));
    }
    this.paint();
  }

  /** Draws the rows in sight (and a few around them), fetching the pages they are on. */
  paint() {
    if (!this.rowsLayer || this.disposed) return;
    const first = Math.max(0, Math.floor(this.scroll.scrollTop / ROW_HEIGHT) - 1 - OVERSCAN);
    const count = Math.ceil(this.scroll.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    const last = Math.min(this.knownRows, first + count);
    const missing = [];
    for (let i = first; i < last; i++) if (this.rows[i] === undefined) missing.push(i);
    if (missing.length) {
      // Drawn again only when a page was fetched, and on the next frame: a row the server no longer has must
      // not turn this into a loop that never lets the page render.
      this.ensure(missing[0], missing[missing.length - 1] + 1).then(fetched => {
        if (fetched > 0) requestAnimationFrame(() => this.layout());
      });
    }
    if (this.editing) return;
    const columns = this.columns;
    const fragment = document.createDocumentFragment();
    for (let i = first; i < last; i++) fragment.append(this.rowElement(i, this.rows[i], columns));
    this.rowsLayer.replaceChildren(fragment);
  }

  rowElement(index, row, columns) {
    const element = h('div', { class: 'grid-row', role: 'row', 'aria-rowindex': String(index + 2) });
    element.style.top = `${(index + 1) * ROW_HEIGHT}px`;
    element.style.width = `${this.width}px`;
    const indexCell = h('div', { class: 'grid-cell index', role: 'rowheader' }, h('span', {}, String(index + 1)));
    if (row && this.base.canWrite) {
      indexCell.prepend(h('button', {
        type: 'button', tabindex: '-1', 'aria-label': `Delete row ${index + 1}`,
        onclick: () => this.deleteRow(row),
      }, '×'));
    }
    element.append(indexCell);
    columns.forEach((column, c) => {
      const selected = this.active.row === index && this.active.col === c;
      const cell = h('div', {
        class: 'grid-cell', role: 'gridcell', 'aria-colindex': String(c + 2), 'aria-selected': String(selected),
        id: selected ? 'active-cell' : undefined,
        onclick: () => this.select(index, c),
        ondblclick: () => this.edit(),
      });
      cell.style.width = `${column.width || 200}px`;
      if (row) renderCell(cell, column, row[column.name]); else cell.textContent = '…';
      element.append(cell);
    });
    return element;
  }

  select(row, col) {
    this.active = { row, col };
    this.scroll.setAttribute('aria-activedescendant', 'active-cell');
    this.scroll.focus({ preventScroll: true });
    this.paint();
  }

  key(event) {
    if (this.editing || event.target !== this.scroll) return;
    const { row, col } = this.active;
    const moves = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1], PageDown: [10, 0], PageUp: [-10, 0] };
    if (event.key === 'Tab') moves.Tab = event.shiftKey ? [0, -1] : [0, 1];
    // Home and End go to the row's first and last cell; with Ctrl, to the first and last row.
    const far = this.knownRows + this.columns.length;
    if (event.key === 'Home') moves.Home = event.ctrlKey ? [-far, 0] : [0, -far];
    if (event.key === 'End') moves.End = event.ctrlKey ? [far, 0] : [0, far];
    const move = moves[event.key];
    if (move) {
      const next = {
        row: Math.max(0, Math.min(this.knownRows - 1, row + move[0])),
        col: Math.max(0, Math.min(this.columns.length - 1, col + move[1])),
      };
      if (event.key === 'Tab' && next.col === col) return;
      event.preventDefault();
      this.active = next;
      this.scrollIntoView();
      this.paint();
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      this.edit();
    } else if (event.key === ' ' && this.columns[col]?.type === 'checkbox') {
      event.preventDefault();
      this.edit();
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && this.base.canWrite) {
      const column = this.columns[col];
      const current = this.rows[row];
      if (current && isEditable(column)) { event.preventDefault(); this.save(current, column, null); }
    }
  }

  scrollIntoView() {
    const top = (this.active.row + 1) * ROW_HEIGHT;
    if (top < this.scroll.scrollTop + ROW_HEIGHT) this.scroll.scrollTop = top - ROW_HEIGHT;
    else if (top + ROW_HEIGHT > this.scroll.scrollTop + this.scroll.clientHeight) this.scroll.scrollTop = top + 2 * ROW_HEIGHT - this.scroll.clientHeight;
    // Across too, past the sticky row-number column.
    const left = 64 + this.widths.slice(0, this.active.col).reduce((a, b) => a + b, 0);
    const right = left + (this.widths[this.active.col] || 0);
    if (left - 64 < this.scroll.scrollLeft) this.scroll.scrollLeft = left - 64;
    else if (right > this.scroll.scrollLeft + this.scroll.clientWidth) this.scroll.scrollLeft = right - this.scroll.clientWidth;
  }

  /** Opens the active cell's editor: in place for text, numbers, dates and single selects; a dialog for the rest. */
  async edit() {
    const column = this.columns[this.active.col];
    const row = this.rows[this.active.row];
    if (!row || !column || !this.base.canWrite) return;
    if (!isEditable(column)) { toast(`${column.name} is computed by the server and cannot be edited.`); return; }
    if (column.type === 'checkbox') { await this.save(row, column, !row[column.name]); return; }
    if (column.type === 'link') { await this.editLinks(row, column); return; }
    const cell = this.scroll.querySelector('#active-cell');
    const editor = editorFor(column, row[column.name], { upload: files => this.base.uploadAssets(files, column.type) });
    if (editor.dialog) {
      const value = await dialog(`${column.name}`, editor.dialog);
      if (value !== undefined) await this.save(row, column, value);
      this.scroll.focus();
      return;
    }
    this.editing = { row, column };
    cell.classList.add('editing');
    cell.replaceChildren(editor.element);
    editor.element.setAttribute('aria-label', `${column.name}, row ${this.active.row + 1}`);
    editor.element.focus();
    editor.element.select?.();
    let finished = false;
    const finish = async commit => {
      if (finished) return;
      finished = true;
      const value = editor.value();
      this.editing = null;
      // The grid keeps the keyboard at once: the next arrow key moves on while the value is being written.
      this.scroll.focus({ preventScroll: true });
      if (commit) await this.save(row, column, value);
      else this.paint();
      if (this.pendingRefresh) { this.pendingRefresh = false; this.refreshSoon(); }
    };
    editor.element.addEventListener('keydown', event => {
      if (event.key === 'Enter') { event.preventDefault(); finish(true); }
      if (event.key === 'Escape') { event.preventDefault(); finish(false); }
      event.stopPropagation();
    });
    editor.element.addEventListener('blur', () => finish(true));
    if (editor.element.tagName === 'SELECT') editor.element.addEventListener('change', () => finish(true));
  }

  /**
   * Shows the new value at once and writes it; puts the old one back, with the server's words, when refused.
   * The rows may be read again meanwhile (a change elsewhere): the value goes on whichever copy of the row is shown.
   */
  async save(row, column, value) {
    const previous = row[column.name];
    const show = cellValue => {
      row[column.name] = cellValue;
      const shown = this.rows.find(r => r && r._id === row._id);
      if (shown) shown[column.name] = cellValue;
      this.paint();
    };
    show(value);
    try {
      await this.base.call('PUT', 'rows/', { json: { table_name: this.table.name, row_id: row._id, row: { [column.name]: value } } });
      show(value);
    } catch (error) {
      show(previous);
      toast(error.message, 'error');
    }
  }

  async addRow() {
    await this.base.call('POST', 'rows/', { json: { table_name: this.table.name, row: {} } });
    await this.reloadRows();
    this.active = { row: Math.max(0, this.knownRows - 1), col: 0 };
    this.scroll.scrollTop = this.scroll.scrollHeight;
    this.paint();
    toast('Row added.');
  }

  async deleteRow(row) {
    const yes = await dialog('Delete this row?', close => h('div', {}, h('p', {}, 'The row is deleted for everyone who uses this base.'),
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'),
        h('button', { type: 'button', class: 'primary danger', onclick: () => close(true) }, 'Delete row'))));
    if (!yes) return;
    try {
      await this.base.call('DELETE', 'rows/', { json: { table_name: this.table.name, row_id: row._id } });
      toast('Row deleted.');
      await this.reloadRows();
    } catch (error) { toast(error.message, 'error'); }
  }

  async editLinks(row, column) {
    const other = this.metadata.tables.find(t => t._id === (column.data?.other_table_id === this.table._id ? column.data?.table_id : column.data?.other_table_id));
    if (!other) { toast('The linked table is gone.', 'error'); return; }
    const current = new Set((row[column.name] || []).map(v => (typeof v === 'object' ? v.row_id : v)));
    const answer = await request('GET', `/api-gateway/api/v2/dtables/${this.base.uuid}/rows/`, {
      query: { table_name: other.name, limit: 1000 }, token: this.base.access.access_token,
    });
    const display = other.columns[0];
    const chosen = await dialog(`Links of ${column.name}`, close => {
      const search = h('input', { id: 'link-search', type: 'search', placeholder: 'Search' });
      const list = h('div', { class: 'stack' });
      const boxes = answer.rows.map(r => {
        const id = `link-${r._id}`;
        const label = String(r[display.name] ?? r._id);
        return { label, element: h('div', {}, h('input', { type: 'checkbox', id, value: r._id, checked: current.has(r._id) }), ' ', h('label', { for: id, class: 'inline-label' }, label)) };
      });
      const draw = () => clear(list, boxes.filter(b => b.label.toLowerCase().includes(search.value.toLowerCase())).slice(0, 200).map(b => b.element));
      search.addEventListener('input', draw);
      draw();
      return h('div', {}, h('label', { for: 'link-search' }, `Rows of ${other.name}`), search, list,
        h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'),
          h('button', { type: 'button', class: 'primary', onclick: () => close(boxes.map(b => b.element.querySelector('input')).filter(i => i.checked).map(i => i.value)) }, 'Save links')));
    });
    if (chosen === undefined) return;
    try {
      await this.base.call('PUT', 'links/', { json: {
        link_id: column.data.link_id, table_name: this.table.name, other_table_name: other.name, row_id: row._id, other_rows_ids: chosen,
      } });
      await this.refresh();
    } catch (error) { toast(error.message, 'error'); }
  }

  // Columns and views ----------------------------------------------------------------------------------------

  async addColumn() {
    const answer = await dialog('Add a column', close => {
      const problem = h('div');
      const name = h('input', { id: 'column-name', required: true, maxlength: 255 });
      const type = h('select', { id: 'column-type' }, COLUMN_TYPES.map(([value, label]) => h('option', { value }, label)));
      const optionsLine = h('div', { hidden: true }, h('label', { for: 'column-options' }, 'Options (comma-separated)'), h('input', { id: 'column-options' }));
      const linkLine = h('div', { hidden: true }, h('label', { for: 'column-link-table' }, 'Linked table'),
        h('select', { id: 'column-link-table' }, this.metadata.tables.map(t => h('option', { value: t.name }, t.name))));
      type.addEventListener('change', () => {
        optionsLine.hidden = !['single-select', 'multiple-select'].includes(type.value);
        linkLine.hidden = type.value !== 'link';
      });
      const add = h('button', { type: 'submit', class: 'primary' }, 'Add column');
      return h('form', {
        onsubmit: event => {
          event.preventDefault();
          busy(add, async () => {
            const body = { table_name: this.table.name, column_name: name.value.trim(), column_type: type.value };
            if (!optionsLine.hidden) {
              const names = optionsLine.querySelector('input').value.split(',').map(s => s.trim()).filter(Boolean);
              body.column_data = { options: names.map((n, i) => ({ name: n, id: String(i + 1), color: ['#FFFCB5', '#CCE5FF', '#C2F0C2', '#FFD9C8', '#E5D4FF'][i % 5], textColor: '#202428' })) };
            }
            if (!linkLine.hidden) body.column_data = { table: this.table.name, other_table: linkLine.querySelector('select').value };
            close(await this.base.call('POST', 'columns/', { json: body }));
          }, problem);
        },
      }, h('label', { for: 'column-name' }, 'Name'), name, h('label', { for: 'column-type' }, 'Type'), type, optionsLine, linkLine, problem,
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'), add));
    });
    if (answer === undefined) return;
    toast('Column added.');
    await this.refresh();
  }

  async columnActions(column) {
    const done = await dialog(`Column ${column.name}`, close => {
      const problem = h('div');
      const name = h('input', { id: 'column-rename', value: column.name, required: true });
      const rename = h('button', { type: 'submit', class: 'primary' }, 'Rename');
      const remove = h('button', {
        type: 'button', class: 'danger',
        onclick: () => busy(remove, async () => {
          await this.base.call('DELETE', 'columns/', { json: { table_name: this.table.name, column: column.key } });
          close('deleted');
        }, problem),
      }, 'Delete column');
      return h('form', {
        onsubmit: event => {
          event.preventDefault();
          busy(rename, async () => {
            await this.base.call('PUT', 'columns/', { json: { table_name: this.table.name, op_type: 'rename_column', column: column.key, new_column_name: name.value.trim() } });
            close('renamed');
          }, problem);
        },
      }, h('p', { class: 'muted' }, `Type: ${column.type}`), h('label', { for: 'column-rename' }, 'Name'), name, problem,
      h('div', { class: 'buttons' }, remove, h('button', { type: 'button', onclick: () => close(undefined) }, 'Close'), rename));
    });
    if (done) { toast(`Column ${done}.`); await this.refresh(); }
  }

  async addView() {
    const created = await dialog('New view', close => {
      const problem = h('div');
      const name = h('input', { id: 'view-name', required: true, maxlength: 255 });
      const add = h('button', { type: 'submit', class: 'primary' }, 'Create view');
      return h('form', {
        onsubmit: event => {
          event.preventDefault();
          busy(add, async () => {
            await this.base.call('POST', `views/?table_name=${encodeURIComponent(this.table.name)}`, { json: { name: name.value.trim() } });
            close(name.value.trim());
          }, problem);
        },
      }, h('label', { for: 'view-name' }, 'Name'), name, problem,
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'), add));
    });
    if (!created) return;
    this.viewName = created;
    await this.loadMetadata();
    await this.reloadRows();
  }

  async updateView(body) {
    await this.base.call('PUT', `views/${encodeURIComponent(this.view.name)}/?table_name=${encodeURIComponent(this.table.name)}`, { json: body });
    await this.loadMetadata();
    await this.reloadRows();
  }

  async editSort() {
    const view = this.view;
    const sort = await dialog(`Sort ${view.name}`, close => {
      const current = view.sorts?.[0];
      const column = h('select', { id: 'sort-column' }, h('option', { value: '' }, '(no sort)'),
        this.table.columns.map(c => h('option', { value: c.key, selected: current?.column_key === c.key }, c.name)));
      const direction = h('select', { id: 'sort-direction' },
        h('option', { value: 'up', selected: current?.sort_type !== 'down' }, 'Ascending'),
        h('option', { value: 'down', selected: current?.sort_type === 'down' }, 'Descending'));
      return h('form', { onsubmit: event => { event.preventDefault(); close(column.value ? [{ column_key: column.value, sort_type: direction.value }] : []); } },
        h('label', { for: 'sort-column' }, 'Sort by'), column, h('label', { for: 'sort-direction' }, 'Direction'), direction,
        h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Apply sort')));
    });
    if (sort !== undefined) await this.updateView({ sorts: sort }).catch(error => toast(error.message, 'error'));
  }

  async editFilters() {
    const view = this.view;
    const result = await dialog(`Filter ${view.name}`, close => {
      const lines = h('div', { class: 'stack' });
      const conjunction = h('select', { id: 'filter-conjunction' },
        ['And', 'Or'].map(c => h('option', { value: c, selected: view.filter_conjunction === c }, c === 'And' ? 'All conditions' : 'Any condition')));
      const addLine = filter => {
        const index = lines.children.length;
        const column = h('select', { 'aria-label': `Column of condition ${index + 1}` }, this.table.columns.map(c => h('option', { value: c.key, selected: filter?.column_key === c.key }, c.name)));
        const predicate = h('select', { 'aria-label': `Condition ${index + 1}` });
        const term = h('input', { 'aria-label': `Value of condition ${index + 1}`, value: Array.isArray(filter?.filter_term) ? filter.filter_term.join(', ') : (filter?.filter_term ?? '') });
        const fill = () => {
          const type = this.table.columns.find(c => c.key === column.value)?.type;
          clear(predicate, (PREDICATES[type] || PREDICATES.text).map(p => h('option', { value: p, selected: filter?.filter_predicate === p }, p)));
        };
        column.addEventListener('change', fill);
        fill();
        const line = h('div', { class: 'filters-line' }, column, predicate, term,
          h('button', { type: 'button', class: 'quiet danger', 'aria-label': `Remove condition ${index + 1}`, onclick: () => line.remove() }, 'Remove'));
        line.read = () => {
          const type = this.table.columns.find(c => c.key === column.value)?.type;
          const value = term.value.trim();
          return {
            column_key: column.value, filter_predicate: predicate.value,
            filter_term: type === 'multiple-select' || type === 'collaborator' ? value.split(',').map(s => s.trim()).filter(Boolean) : value,
          };
        };
        lines.append(line);
      };
      (view.filters || []).forEach(addLine);
      if (!view.filters?.length) addLine();
      return h('form', { onsubmit: event => { event.preventDefault(); close({ filters: [...lines.children].map(l => l.read()), filter_conjunction: conjunction.value }); } },
        h('label', { for: 'filter-conjunction' }, 'Rows must match'), conjunction, lines,
        h('div', { class: 'buttons' },
          h('button', { type: 'button', onclick: () => addLine() }, 'Add condition'),
          h('button', { type: 'button', onclick: () => close({ filters: [], filter_conjunction: 'And' }) }, 'Clear filters'),
          h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'),
          h('button', { type: 'submit', class: 'primary' }, 'Apply filters')));
    });
    if (result !== undefined) await this.updateView(result).catch(error => toast(error.message, 'error'));
  }

  // Live ---------------------------------------------------------------------------------------------------

  changedElsewhere() {
    if (this.editing) { this.pendingRefresh = true; return; }
    this.refreshSoon();
  }

  /** Reads the schema and the rows again, one refresh at a time: changes during one run it once more after. */
  async refresh() {
    if (this.refreshing) { this.refreshAgain = true; return this.refreshing; }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.refreshOnce();
      } while (this.refreshAgain && !this.disposed);
    })();
    try { await this.refreshing; } finally { this.refreshing = null; }
  }

  /** Reads the schema and the rows in sight again, keeping the scroll position and the active cell. */
  async refreshOnce() {
    if (this.disposed) return;
    // Never under an open editor: the redraw would take the cell (and the typing) away. It runs when the edit ends.
    if (this.editing) { this.pendingRefresh = true; return; }
    const top = this.scroll.scrollTop;
    try {
      await this.loadMetadata();
      await this.reloadRows();
      this.scroll.scrollTop = top;
      this.paint();
      if (this.editing) this.pendingRefresh = true;
    } catch (error) { this.problem.replaceChildren(errorLine(error.message)); }
  }
}
