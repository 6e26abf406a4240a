// A small DOM helper: the pages build their elements with it, so text is always set as text (never as HTML).

/** h('button', {class: 'x', onclick}, 'Text', child…): an element with attributes, properties, listeners and children. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** "1 request", "2 requests": a count with its noun. */
export const plural = (n, word) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** A message for the screen reader and the eye, gone after a few seconds. */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.dataset.kind = kind;
  box.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('shown'), 4000);
}

/** An error line inside a form or section (role=alert: read out when it appears). */
export function errorLine(message) {
  return h('p', { class: 'error', role: 'alert' }, message);
}

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} days ago`;
}

/** Runs an action from a button: disabled while it runs, its error shown in `where` (or as a toast). */
export async function busy(button, action, where) {
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (error) {
    if (where) where.replaceChildren(errorLine(error.message)); else toast(error.message, 'error');
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** A modal dialog (the native <dialog>: focus trapped, Escape closes); resolves with the value `done` gives. */
export function dialog(title, build) {
  return new Promise(resolve => {
    const box = h('dialog', { class: 'dialog', 'aria-label': title });
    const close = value => { box.close(); box.remove(); resolve(value); };
    box.addEventListener('cancel', () => close(undefined));
    box.append(h('h2', {}, title), build(close));
    document.body.append(box);
    box.showModal();
  });
}

export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs, 'data-link': '' }, text);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
