// How the grid shows and edits a cell of each SeaTable column type.
import { h, formatTime, errorLine, plural } from '../ui.js';

export const COLUMN_TYPES = [
  ['text', 'Text'], ['long-text', 'Long text'], ['number', 'Number'], ['checkbox', 'Checkbox'], ['date', 'Date'],
  ['single-select', 'Single select'], ['multiple-select', 'Multiple select'], ['link', 'Link to another table'],
  ['email', 'Email'], ['url', 'URL'], ['rate', 'Rating'], ['duration', 'Duration'], ['collaborator', 'Collaborator'],
  ['image', 'Image'], ['file', 'File'], ['auto-number', 'Auto number'], ['ctime', 'Created time'], ['mtime', 'Modified time'],
  ['creator', 'Creator'], ['last-modifier', 'Last modifier'],
];

const TEXT = ['contains', 'does_not_contain', 'is', 'is_not', 'is_empty', 'is_not_empty'];
const NUMBER = ['equal', 'not_equal', 'less', 'greater', 'less_or_equal', 'greater_or_equal', 'is_empty', 'is_not_empty'];
export const PREDICATES = {
  text: TEXT, 'long-text': TEXT, email: TEXT, url: TEXT, 'auto-number': TEXT,
  number: NUMBER, rate: NUMBER, duration: NUMBER,
  checkbox: ['is'],
  date: ['is', 'is_not', 'is_before', 'is_after', 'is_on_or_before', 'is_on_or_after', 'is_within', 'is_empty', 'is_not_empty'],
  ctime: ['is', 'is_before', 'is_after', 'is_within'], mtime: ['is', 'is_before', 'is_after', 'is_within'],
  'single-select': ['is', 'is_not', 'is_any_of', 'is_none_of', 'is_empty', 'is_not_empty'],
  'multiple-select': ['has_any_of', 'has_all_of', 'has_none_of', 'is_exactly', 'is_empty', 'is_not_empty'],
  collaborator: ['has_any_of', 'has_all_of', 'has_none_of', 'is_exactly', 'is_empty', 'is_not_empty'],
  creator: ['contains', 'is', 'is_not'], 'last-modifier': ['contains', 'is', 'is_not'],
  link: ['has_any_of', 'is_empty', 'is_not_empty'],
};

// Values the server computes: shown, never edited.
const COMPUTED = new Set(['auto-number', 'ctime', 'mtime', 'creator', 'last-modifier', 'formula', 'link-formula', 'button', 'geolocation']);

export const isEditable = column => !!column && !COMPUTED.has(column.type);

const chip = text => h('span', { class: 'chip' }, text);

function optionName(column, value) {
  const option = column.data?.options?.find(o => o.id === value || o.name === value);
  return option ? option.name : value;
}

/** Fills `cell` with the value shown as its type shows it. */
export function renderCell(cell, column, value) {
  cell.replaceChildren();
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return;
  switch (column.type) {
    case 'checkbox':
      cell.append(h('span', { role: 'img', 'aria-label': value ? 'checked' : 'not checked' }, value ? '☑' : '☐'));
      return;
    case 'single-select':
      cell.append(chip(optionName(column, value)));
      return;
    case 'multiple-select':
      cell.append(...[].concat(value).map(v => chip(optionName(column, v))));
      return;
    case 'collaborator':
      cell.append(...[].concat(value).map(v => chip(String(v))));
      return;
    case 'link':
      cell.append(...[].concat(value).map(v => chip(typeof v === 'object' ? String(v.display_value ?? v.row_id ?? '') : String(v))));
      return;
    case 'image':
      cell.append(...[].concat(value).slice(0, 5).map(url => h('a', { href: url, target: '_blank', rel: 'noopener' },
        h('img', { class: 'thumb', src: url, alt: assetName(url), loading: 'lazy' }))));
      return;
    case 'file':
      cell.append(...[].concat(value).map(file => h('a', { href: file.url, class: 'chip', download: file.name || '' }, file.name || 'file')));
      return;
    case 'rate':
      cell.append(h('span', { 'aria-label': `${value} of ${column.data?.rate_max_number || 5}` }, '★'.repeat(Number(value) || 0)));
      return;
    case 'ctime': case 'mtime':
      cell.textContent = formatTime(value);
      return;
    case 'duration': {
      const seconds = Number(value) || 0;
      cell.textContent = `${Math.floor(seconds / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;
      return;
    }
    case 'url':
      cell.append(h('a', { href: /^https?:\/\//i.test(value) ? value : `https://${value}`, target: '_blank', rel: 'noopener noreferrer' }, String(value)));
      return;
    default:
      cell.textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function dateValue(column, value) {
  const withTime = /HH/.test(column.data?.format || '');
  if (!value) return { withTime, text: '' };
  const text = String(value).replace(' ', 'T').slice(0, withTime ? 16 : 10);
  return { withTime, text };
}

const assetName = url => decodeURIComponent(String(url).split('/').pop() || 'image');

/**
 * The images or files of a cell: the ones it has (each can be removed) and new ones to upload, saved together.
 * `upload(files)` stores the files and answers their cell values.
 */
function assetsEditor(column, value, upload) {
  const images = column.type === 'image';
  return {
    dialog: close => {
      const items = [].concat(value || []);
      const list = h('ul', { class: 'assets', 'aria-label': images ? 'Images' : 'Files' });
      const draw = () => list.replaceChildren(...items.map((item, i) => {
        const name = images ? assetName(item) : item?.name || 'file';
        return h('li', {}, images ? h('img', { class: 'thumb', src: item, alt: name }) : null, h('span', {}, name),
          h('button', { type: 'button', class: 'quiet danger', 'aria-label': `Remove ${name}`, onclick: () => { items.splice(i, 1); draw(); } }, 'Remove'));
      }));
      draw();
      const input = h('input', { type: 'file', id: 'asset-files', multiple: true, accept: images ? 'image/*' : undefined });
      const problem = h('div');
      const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
      return h('form', {
        onsubmit: async event => {
          event.preventDefault();
          save.disabled = true;
          problem.replaceChildren(input.files.length ? h('p', { class: 'muted', role: 'status' }, `Uploading ${plural(input.files.length, 'file')}…`) : '');
          try {
            const added = input.files.length ? await upload([...input.files]) : [];
            close([...items, ...added]);
          } catch (error) {
            problem.replaceChildren(errorLine(error.message));
            save.disabled = false;
          }
        },
      }, list, h('label', { for: 'asset-files' }, images ? 'Add images' : 'Add files'), input, problem,
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'), save));
    },
  };
}

/** The editor of a cell: an element edited in place, with value(); or a dialog body for several choices. */
export function editorFor(column, value, { upload } = {}) {
  switch (column.type) {
    case 'image': case 'file':
      return assetsEditor(column, value, upload);
    case 'number': case 'rate': case 'duration': {
      const element = h('input', { type: 'number', step: 'any', value: value ?? '' });
      return { element, value: () => (element.value === '' ? null : Number(element.value)) };
    }
    case 'date': {
      const { withTime, text } = dateValue(column, value);
      const element = h('input', { type: withTime ? 'datetime-local' : 'date', value: text });
      return { element, value: () => (element.value ? element.value.replace('T', ' ') : null) };
    }
    case 'single-select': {
      const current = optionName(column, value);
      const element = h('select', {}, h('option', { value: '' }, '(none)'),
        (column.data?.options || []).map(o => h('option', { value: o.name, selected: o.name === current }, o.name)));
      return { element, value: () => element.value || null };
    }
    case 'multiple-select': case 'collaborator': {
      const chosen = new Set([].concat(value || []).map(v => optionName(column, v)));
      return {
        dialog: close => {
          const options = column.type === 'collaborator' ? [...chosen] : (column.data?.options || []).map(o => o.name);
          const extra = column.type === 'collaborator' ? h('input', { id: 'add-collaborator', type: 'email', placeholder: 'Add by user id or email' }) : null;
          const boxes = options.map((name, i) => h('div', {}, h('input', { type: 'checkbox', id: `choice-${i}`, value: name, checked: chosen.has(name) }), ' ',
            h('label', { for: `choice-${i}`, class: 'inline-label' }, name)));
          return h('form', {
            onsubmit: event => {
              event.preventDefault();
              const picked = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
              if (extra?.value.trim()) picked.push(extra.value.trim());
              close(picked);
            },
          }, boxes, extra && h('label', { for: 'add-collaborator' }, 'Add a collaborator'), extra,
          h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Save')));
        },
      };
    }
    case 'long-text': {
      return {
        dialog: close => {
          const area = h('textarea', { id: 'long-text', rows: 8, value: typeof value === 'object' && value ? value.text ?? '' : value ?? '' });
          return h('form', { onsubmit: event => { event.preventDefault(); close(area.value); } },
            h('label', { for: 'long-text' }, 'Text'), area,
            h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Save')));
        },
      };
    }
    default: {
      const element = h('input', { type: column.type === 'email' ? 'email' : 'text', value: value ?? '' });
      return { element, value: () => element.value };
    }
  }
}
