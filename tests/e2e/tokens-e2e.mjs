// End-to-end test of API tokens and live connections with SeaTable's own npm clients:
// dtable-web-api manages the tokens, seatable-api exchanges one for the base token (JWT), and
// socket.io-client joins the base's room; the status call shows the app connected, then disconnected.
//
// Environment: SERVER_URL, USERNAME, PASSWORD (an existing account). Exits 0 when every step passes.

import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { Base, limitRunTime, loginAndCreateBase, serverFromEnv, step, stepsPassed, waitFor } from './harness.mjs';

const env = serverFromEnv();
const { server } = env;
limitRunTime(120_000);

const { api, baseName, table, workspaceId } = await loginAndCreateBase(env, 'tokens-e2e');

const created = await step('addTableAPIToken (dtable-web-api)', async () => {
  const response = await api.addTableAPIToken(workspaceId, baseName, 'e2e-app', 'rw');
  assert.equal(response.status, 201);
  assert.match(response.data.api_token, /^[0-9a-f]{40}$/);
  return response.data;
});

await step('listTableAPITokens shows it', async () => {
  const response = await api.listTableAPITokens(workspaceId, baseName);
  assert.deepEqual(response.data.api_tokens.map((t) => t.app_name), ['e2e-app']);
  assert.equal(response.data.api_tokens[0].api_token, created.api_token);
});

await step('updateTableAPIToken to r, then back to rw', async () => {
  assert.equal((await api.updateTableAPIToken(workspaceId, baseName, 'e2e-app', 'r')).data.permission, 'r');
  assert.equal((await api.updateTableAPIToken(workspaceId, baseName, 'e2e-app', 'rw')).data.permission, 'rw');
});

const base = new Base({ server, APIToken: created.api_token });
await step('seatable-api Base.auth() exchanges the API token for a base token', async () => {
  await base.auth();
  assert.equal(base.dtableUuid, table.uuid, 'dtable_uuid of the JWT exchange');
  assert.match(base.accessToken, /^eyJ/, 'access token is a JWT');
  assert.ok(base.dtableServer.endsWith('/dtable-server/'), `dtable_server ${base.dtableServer}`);
});

await step('the token list shows its usage: one JWT issued, the client address', () =>
  waitFor('usage reported', async () => {
    const token = (await api.listTableAPITokens(workspaceId, baseName)).data.api_tokens[0];
    const usage = token.usage;
    if (!usage || usage.jwts_issued < 1) {
      return false;
    }
    assert.equal(usage.requests.access_token, usage.jwts_issued, `usage ${JSON.stringify(usage)}`);
    assert.match(usage.last_client_address ?? '', /127\.0\.0\.1$/, `usage ${JSON.stringify(usage)}`);
    assert.ok(Date.parse(usage.first_seen) <= Date.parse(usage.last_seen), `usage ${JSON.stringify(usage)}`);
    return true;
  }));

const status = async () => (await api.req.get(`${server}/api/v2.1/workspace/${workspaceId}/dtable/${encodeURIComponent(baseName)}/api-tokens-status/`)).data;
await step('api-tokens-status: not connected before any socket', async () => {
  const data = await status();
  assert.deepEqual(data.api_status_list.map((s) => [s.app_name, s.connected]), [['e2e-app', false]]);
  assert.deepEqual(data.app_status, data.api_status_list);
});

const socket = io(server, { transports: ['websocket'], query: { dtable_uuid: table.uuid }, reconnection: false });
await step('socket.io-client connects', () => new Promise((resolve, reject) => {
  socket.once('connect', resolve);
  socket.once('connect_error', reject);
}));

await step('join-room with the base token is acknowledged', async () => {
  const reply = await socket.timeout(10_000).emitWithAck('join-room', table.uuid, base.accessToken);
  assert.equal(reply?.success, true, `join-room reply ${JSON.stringify(reply)}`);
});

await step('api-tokens-status shows the app connected', () =>
  waitFor('connected is true', async () => (await status()).api_status_list[0].connected === true));

await step('join-room with a forged token is refused', async () => {
  const other = io(server, { transports: ['websocket'], reconnection: false });
  await new Promise((resolve, reject) => { other.once('connect', resolve); other.once('connect_error', reject); });
  const forged = base.accessToken.slice(0, -4) + (base.accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const reply = await other.timeout(10_000).emitWithAck('join-room', table.uuid, forged);
  assert.equal(reply?.success, false, `forged join-room reply ${JSON.stringify(reply)}`);
  other.disconnect();
});

socket.disconnect();
await step('api-tokens-status shows it disconnected after it leaves', () =>
  waitFor('connected is false', async () => (await status()).api_status_list[0].connected === false));

await step('deleteTableAPIToken, then the exchange fails', async () => {
  await api.deleteTableAPIToken(workspaceId, baseName, 'e2e-app');
  await assert.rejects(() => new Base({ server, APIToken: created.api_token }).auth());
});

await step('delete the base', () => api.deleteTable(workspaceId, baseName));
stepsPassed();
process.exit(0);
