// End-to-end test of the row API with SeaTable's own JS base client (npm seatable-api): it authenticates
// with an API token, then reads and writes rows through the dtable_server URL the exchange returns.
// dtable-web-api creates the base and its API tokens.
//
// Environment: SERVER_URL, USERNAME, PASSWORD (an existing account). Exits 0 when every step passes.

import assert from 'node:assert/strict';
import { Base, failureStatus, limitRunTime, loginAndCreateBase, serverFromEnv, step, stepsPassed } from './harness.mjs';

const env = serverFromEnv();
const { server } = env;
limitRunTime(120_000);

const { api, baseName, workspaceId, apiToken: token } = await loginAndCreateBase(env, 'rows-e2e');
const [token1, token2, tokenReadOnly] = await step('three API tokens (two rw, one r)', () =>
  Promise.all([token('e2e-app1', 'rw'), token('e2e-app2', 'rw'), token('e2e-reader', 'r')]));

const app1 = new Base({ server, APIToken: token1 });
const app2 = new Base({ server, APIToken: token2 });
const reader = new Base({ server, APIToken: tokenReadOnly });
await step('Base.auth() for each app', () => Promise.all([app1.auth(), app2.auth(), reader.auth()]));

await step('getMetadata shows Table1 with its Name column', async () => {
  const metadata = await app1.getMetadata();
  assert.deepEqual(metadata.tables.map((t) => t.name), ['Table1']);
  assert.deepEqual(metadata.tables[0].columns.map((c) => c.name), ['Name']);
  assert.equal(metadata.tables[0].views[0].name, 'Default View');
});

const row = await step('appendRow answers the row with app1 as creator', async () => {
  const appended = await app1.appendRow('Table1', { Name: 'from e2e' });
  assert.match(appended._id, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(appended._creator, 'e2e-app1');
  assert.equal(appended._last_modifier, 'e2e-app1');
  return appended;
});

await step('listRows shows it by column name', async () => {
  const rows = await app1.listRows('Table1');
  assert.equal(rows.length, 4);
  const listed = rows.find((r) => r._id === row._id);
  assert.equal(listed.Name, 'from e2e');
});

await step('updateRow, then getRow shows the new value', async () => {
  await app1.updateRow('Table1', row._id, { Name: 'updated' });
  assert.equal((await app1.getRow('Table1', row._id)).Name, 'updated');
});

await step('a second app updates the row: creator app1, last modifier app2', async () => {
  await app2.updateRow('Table1', row._id, { Name: 'by app2' });
  const changed = await app1.getRow('Table1', row._id);
  assert.equal(changed._creator, 'e2e-app1');
  assert.equal(changed._last_modifier, 'e2e-app2');
  assert.equal(changed.Name, 'by app2');
});

const batchIds = await step('batchAppendRows, batchUpdateRows and batchDeleteRows', async () => {
  const appended = await app1.batchAppendRows('Table1', [{ Name: 'b1' }, { Name: 'b2' }, { Name: 'b3' }]);
  assert.equal(appended.inserted_row_count, 3);
  const rows = await app1.listRows('Table1');
  const ids = rows.filter((r) => /^b\d$/.test(r.Name ?? '')).map((r) => r._id);
  assert.equal(ids.length, 3);
  await app1.batchUpdateRows('Table1', ids.map((id) => ({ row_id: id, row: { Name: 'batch updated' } })));
  assert.equal((await app1.listRows('Table1')).filter((r) => r.Name === 'batch updated').length, 3);
  await app1.batchDeleteRows('Table1', ids.slice(0, 2));
  return ids;
});

await step('listRows pages and orders', async () => {
  const ordered = await app1.listRows('Table1', 'Default View', 'Name', true, 0, 2);
  assert.equal(ordered.length, 2);
  assert.equal(ordered[0].Name, 'by app2');
  assert.equal(ordered[1].Name, 'batch updated');
});

await step('the read-only token reads but gets 403 on writes', async () => {
  assert.equal((await reader.listRows('Table1')).length, 5);
  assert.equal(await failureStatus(() => reader.appendRow('Table1', { Name: 'nope' })), 403);
  assert.equal(await failureStatus(() => reader.updateRow('Table1', row._id, { Name: 'nope' })), 403);
  assert.equal(await failureStatus(() => reader.deleteRow('Table1', row._id)), 403);
});

await step('deleteRow removes the rows', async () => {
  await app1.deleteRow('Table1', row._id);
  await app1.deleteRow('Table1', batchIds[2]);
  const rows = await app1.listRows('Table1');
  assert.equal(rows.length, 3);
  assert.ok(!rows.some((r) => r._id === row._id));
});

await step('a deleted API token: its already-issued base token is refused within seconds', async () => {
  await api.deleteTableAPIToken(workspaceId, baseName, 'e2e-app2');
  const deadline = Date.now() + 10_000;
  for (;;) {
    let status;
    try {
      await app2.listRows('Table1');
      status = 200;
    } catch (error) {
      status = error?.response?.status;
    }
    if (status === 403) break;
    if (Date.now() > deadline) throw new Error(`still answered ${status} 10 s after the delete`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

await step('delete the base', () => api.deleteTable(workspaceId, baseName));
stepsPassed();
process.exit(0);
