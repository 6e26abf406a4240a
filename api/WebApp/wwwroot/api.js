// The HTTP API the pages use: the same routes SeaTable's clients call, with the same credentials.
// The login token is kept in localStorage and sent as "Authorization: Token …" (as SeaTable's own clients send it);
// no cookie authenticates an API call, so another site cannot make this browser call the API (no CSRF).

const TOKEN_KEY = 'seatable.token';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export const session = {
  get token() { return localStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) localStorage.setItem(TOKEN_KEY, value); else localStorage.removeItem(TOKEN_KEY);
  },
  account: null,
};

function messageOf(status, body) {
  if (body && typeof body === 'object') {
    return body.error_msg || body.detail || body.error_message || body.error || JSON.stringify(body);
  }
  if (typeof body === 'string' && body) return body;
  return `The server answered ${status}.`;
}

/** Calls the API. `json` or `form` (an object or FormData) is the body; `token` overrides the login token. */
export async function request(method, path, { json, form, query, token, signal, raw } = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = {};
  const credential = token ?? session.token;
  if (credential) headers.Authorization = `Token ${credential}`;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form instanceof FormData) {
    body = form;
  } else if (form) {
    body = new URLSearchParams(Object.entries(form).filter(([, v]) => v !== undefined && v !== null));
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body, signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  if (raw && response.ok) return response;
  const text = await response.text();
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* a text answer */ }
  if (!response.ok) {
    if (response.status === 401 && !token) onSignedOut();
    throw new ApiError(response.status, messageOf(response.status, parsed), parsed);
  }
  return parsed;
}

let signedOutHandler = () => {};
export function whenSignedOut(handler) { signedOutHandler = handler; }
function onSignedOut() { session.token = null; session.account = null; signedOutHandler(); }

export async function signIn(email, password) {
  const answer = await request('POST', '/api2/auth-token/', { form: { username: email, password }, token: '' });
  session.token = answer.token;
  // The cookie lets <img> and file links reach the base's assets; every other call sends the header.
  await request('POST', '/api/v2.1/web-session/');
  session.account = null;
}

export async function signOut() {
  try { await request('DELETE', '/api/v2.1/web-session/', { token: '' }); } catch { /* the cookie expires anyway */ }
  session.token = null;
  session.account = null;
}

export async function account() {
  if (!session.account) session.account = await request('GET', '/api2/account/info/');
  return session.account;
}

/**
 * A base's own session: the user's base token (access-token/) and where its API lives. Renewed before it
 * expires; the row, column and view calls use it as SeaTable's clients use theirs.
 */
export class BaseApi {
  constructor(workspaceId, name) {
    this.workspaceId = workspaceId;
    this.name = name;
    this.access = null;
    this.fetchedAt = 0;
  }

  async open() {
    if (this.access && Date.now() - this.fetchedAt < 12 * 3600 * 1000) return this.access;
    this.access = await request('GET', `/api/v2.1/workspace/${this.workspaceId}/dtable/${encodeURIComponent(this.name)}/access-token/`);
    this.fetchedAt = Date.now();
    return this.access;
  }

  get uuid() { return this.access.dtable_uuid; }
  get canWrite() { return this.access?.permission === 'rw'; }

  async call(method, path, options = {}) {
    const access = await this.open();
    const server = new URL(access.dtable_server);
    return request(method, `${server.pathname}api/v1/dtables/${access.dtable_uuid}/${path}`, { ...options, token: access.access_token });
  }

  /**
   * Uploads files into the base's assets (this month's images/ or files/ folder) through the account upload link,
   * and answers the cell values SeaTable stores for them: an image's URL, a file's {name, size, type, url}.
   */
  async uploadAssets(files, kind) {
    const link = await request('GET', `/api/v2.1/workspace/${this.workspaceId}/dtable-asset-upload-link/`, { query: { name: this.name } });
    const relative = kind === 'image' ? link.img_relative_path : link.file_relative_path;
    const folder = `${location.origin}/workspace/${this.workspaceId}/asset/${(await this.open()).dtable_uuid}/${relative}`;
    const values = [];
    for (const file of files) {
      const form = new FormData();
      form.append('parent_dir', link.parent_path);
      form.append('relative_path', relative);
      form.append('file', file, file.name);
      // The link's path on this origin: its token is the credential, and the page may only connect to itself.
      const response = await fetch(`${new URL(link.upload_link).pathname}?ret-json=1`, { method: 'POST', body: form });
      const answer = await response.json().catch(() => null);
      const stored = Array.isArray(answer) ? answer[0] : null;
      if (!response.ok || !stored) throw new ApiError(response.status, answer?.error_msg || `The upload of ${file.name} failed (${response.status}).`, answer);
      const url = `${folder}/${encodeURIComponent(stored.name)}`;
      values.push(kind === 'image' ? url : { name: stored.name, size: stored.size, type: 'file', url });
    }
    return values;
  }

  metadata() { return this.call('GET', 'metadata/').then(a => a.metadata); }
  rows(tableName, viewName, start, limit, signal) {
    return this.call('GET', 'rows/', { query: { table_name: tableName, view_name: viewName, start, limit, convert_link_id: 'true' }, signal });
  }
  filteredRows(tableName, viewName, signal) {
    return this.call('GET', 'rows/', { query: { table_name: tableName, view_name: viewName }, signal });
  }
}
