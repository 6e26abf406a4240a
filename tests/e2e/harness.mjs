// What every end-to-end script needs: SeaTable's npm clients loaded, the server and account from the
// environment, numbered steps that stop the script at the first failure with the HTTP answer, polling,
// and an overall time limit. Scripts exit 0 when every step passed, 1 otherwise.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The packages are CommonJS compiled by Babel: the class is the `default` export.
const webApiModule = require('dtable-web-api');
export const DTableWebAPI = webApiModule.default ?? webApiModule;
export const { Base } = require('seatable-api');

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    fail(`environment variable ${name} is not set`);
  }
  return value;
}

/** SERVER_URL (without a trailing slash), USERNAME and PASSWORD of an existing account. */
export function serverFromEnv() {
  return {
    server: requiredEnv('SERVER_URL').replace(/\/+$/, ''),
    username: requiredEnv('USERNAME'),
    password: requiredEnv('PASSWORD'),
  };
}

/** Ends the script as failed after E2E_TIMEOUT_MS (or the given default), whatever it is waiting for. */
export function limitRunTime(defaultMs) {
  const limit = Number(process.env.E2E_TIMEOUT_MS ?? defaultMs);
  setTimeout(() => fail(`timed out after ${limit} ms`), limit).unref();
}

/** A readable description of an axios error (status, request and body) or any other error. */
export function describe(error) {
  if (error?.response) {
    const { status, data, config } = error.response;
    const body = Buffer.isBuffer(data) || data instanceof ArrayBuffer ? Buffer.from(data).toString() : JSON.stringify(data);
    return `HTTP ${status} from ${config?.method?.toUpperCase() ?? ''} ${config?.url ?? ''}: ${body}`;
  }
  if (error?.isAxiosError) {
    return `${error.code ?? 'request error'}: ${error.message} (${error.config?.method?.toUpperCase() ?? ''} ${error.config?.url ?? ''})`;
  }
  return error?.stack ?? String(error);
}

let stepNumber = 0;

/** Runs one numbered step; its result, or the end of the script with the failure. */
export async function step(title, action) {
  stepNumber += 1;
  const label = `step ${stepNumber}: ${title}`;
  console.log(`${label} ...`);
  try {
    const result = await action();
    console.log(`${label}: ok`);
    return result;
  } catch (error) {
    fail(`${label}: ${describe(error)}`);
  }
}

/**
 * The setup the row, column and token scripts share, as three numbered steps: log in, read the account, create a
 * base named `<prefix>-<random hex>` in the personal workspace. The API-token helper answers just the token string.
 */
export async function loginAndCreateBase({ server, username, password }, prefix) {
  const api = new DTableWebAPI();
  api.init({ server, username, password });
  await step('login', () => api.login());
  const account = (await step('account info', () => api.getAccountInfo())).data;
  const baseName = `${prefix}-${randomBytes(4).toString('hex')}`;
  const table = (await step(`create base ${baseName}`, () => api.createTable(baseName, account.email))).data.table;
  const apiToken = async (app, permission) => (await api.addTableAPIToken(table.workspace_id, baseName, app, permission)).data.api_token;
  return { api, account, baseName, table, workspaceId: table.workspace_id, apiToken };
}

/** The HTTP status a call is refused with; throws if it succeeds or fails without an HTTP answer. */
export async function failureStatus(call) {
  try {
    await call();
  } catch (error) {
    if (error?.response) return error.response.status;
    throw error;
  }
  throw new Error('the call succeeded');
}

export function stepsPassed() {
  console.log(`all ${stepNumber} steps passed`);
}

/** Polls the probe every 250 ms until it returns true; throws after the timeout. */
export async function waitFor(description, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The caller's one personal workspace from a listWorkspaces answer, checked for the fields the scripts use. */
export function personalWorkspace(response) {
  assert.equal(response.status, 200, 'listWorkspaces status');
  const list = response.data?.workspace_list;
  assert.ok(Array.isArray(list), `workspace_list is not an array: ${JSON.stringify(response.data)}`);
  const personal = list.filter((w) => w?.type === 'personal');
  assert.equal(personal.length, 1, `expected exactly one workspace of type "personal" in ${JSON.stringify(list)}`);
  const workspace = personal[0];
  assert.ok(Number.isInteger(workspace.id), `personal workspace id is not an integer: ${JSON.stringify(workspace)}`);
  assert.ok(Array.isArray(workspace.table_list), `personal workspace has no table_list array: ${JSON.stringify(workspace)}`);
  return workspace;
}
