// End-to-end test of SQL with SeaTable's JS base client (npm seatable-api): Base.query through dtable-db's
// /dtable-db/api/v1/query/ (what app-access-token's use_api_gateway=false selects) and the client's APIGateway.query
// through /api-gateway/api/v2/dtables/{uuid}/sql/, both passing the answer through the client's formatQueryResult
// (so every result key needs its metadata entry); getLinkedRecords through dtable-db's linked-records and the
// gateway's query-links; an UPDATE through dtable-db with an "rw" token read back, refused with an "r" token.
//
// Environment: SERVER_URL, USERNAME, PASSWORD (an existing account). Exits 0 when every step passes.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Base, failureStatus, limitRunTime, loginAndCreateBase, serverFromEnv, step, stepsPassed } from './harness.mjs';

const require = createRequire(import.meta.url);
const axios = require('axios');
const gatewayModule = require('seatable-api/lib/api-gateway');
const APIGateway = gatewayModule.default ?? gatewayModule;

const env = serverFromEnv();
const { server } = env;
limitRunTime(120_000);

const { api, baseName, workspaceId, apiToken: token } = await loginAndCreateBase(env, 'sql-e2e');
const [writerToken, readerToken] = await step('two API tokens (rw, r)', () => Promise.all([token('sql-writer', 'rw'), token('sql-reader', 'r')]));
const base = new Base({ server, APIToken: writerToken });
const reader = new Base({ server, APIToken: readerToken });
await step('Base.auth() for both', () => Promise.all([base.auth(), reader.auth()]));
const gateway = new APIGateway({ token: base.accessToken, server, dtable_uuid: base.dtableUuid });

const T = 'Scores';
const P = 'Players';
/** A statement through dtable-db as a plain POST: UPDATE answers metadata null, which formatQueryResult cannot read. */
const rawQuery = (client, sql) => axios.post(`${client.dtableDB.replace(/\/+$/, '')}/api/v1/query/${client.dtableUuid}/`, { sql },
  { headers: { Authorization: `Token ${client.accessToken}` } });

const { linkKey, tableId, scores, players } = await step('a table with number, single-select and link columns, and rows', async () => {
  await base.addTable(T);
  await base.addTable(P);
  await base.insertColumn(T, 'Points', 'number');
  await base.insertColumn(T, 'Level', 'single-select');
  await base.addColumnOptions(T, 'Level', [{ name: 'gold', color: '#fc0', textColor: '#000' }, { name: 'silver', color: '#ccc', textColor: '#000' }]);
  await base.insertColumn(T, 'Team', 'link', undefined, { table: T, other_table: P });
  await base.batchAppendRows(T, [
    { Name: 'a', Points: 10, Level: 'gold' },
    { Name: 'b', Points: 20, Level: 'silver' },
    { Name: 'c', Points: 30, Level: 'gold' },
    { Name: 'd', Points: 40 },
  ]);
  await base.batchAppendRows(P, [{ Name: 'Ada' }, { Name: 'Bob' }]);
  const rows = await base.listRows(T);
  const people = await base.listRows(P);
  const linkId = await base.getColumnLinkId(T, 'Team');
  const byName = Object.fromEntries(rows.map((r) => [r.Name, r._id]));
  await base.addLink(linkId, T, P, byName.a, people.find((p) => p.Name === 'Ada')._id);
  await base.addLink(linkId, T, P, byName.a, people.find((p) => p.Name === 'Bob')._id);
  return {
    linkKey: (await base.getColumnByName(T, 'Team')).key,
    tableId: (await base.getTableByName(T))._id,
    scores: byName,
    players: Object.fromEntries(people.map((p) => [p.Name, p._id])),
  };
});

const expectedLinks = () => ({
  [scores.a]: [{ row_id: players.Ada, display_value: 'Ada' }, { row_id: players.Bob, display_value: 'Bob' }],
  [scores.b]: [],
});
await step('getLinkedRecords through dtable-db: each row with its linked rows and display values, paged', async () => {
  assert.deepEqual(await base.getLinkedRecords(tableId, linkKey, [{ row_id: scores.a, offset: 0, limit: 10 }, { row_id: scores.b }]), expectedLinks());
  assert.deepEqual(await base.getLinkedRecords(tableId, linkKey, [{ row_id: scores.a, offset: 1, limit: 1 }]),
    { [scores.a]: [{ row_id: players.Bob, display_value: 'Bob' }] });
  assert.deepEqual(await reader.getLinkedRecords(tableId, linkKey, [{ row_id: scores.b }]), { [scores.b]: [] });
});

await step('getLinkedRecords through the gateway (query-links)', async () => {
  assert.deepEqual(await gateway.getLinkedRecords(tableId, linkKey, [{ row_id: scores.a }, { row_id: scores.b }]), expectedLinks());
});

for (const [label, client] of [['Base.query (dtable-db)', base], ['APIGateway.query (gateway sql)', gateway]]) {
  await step(`${label}: select * answers every row, keyed by column name`, async () => {
    const rows = await client.query(`select * from ${T}`);
    assert.equal(rows.length, 4, JSON.stringify(rows));
    assert.deepEqual(rows.map((r) => r.Name).sort(), ['a', 'b', 'c', 'd']);
    assert.ok(rows.every((r) => typeof r._id === 'string'), 'rows without _id');
  });

  await step(`${label}: WHERE, ORDER BY, LIMIT, select options by name`, async () => {
    const rows = await client.query(`SELECT Name, Points, Level FROM ${T} WHERE Points > 10 ORDER BY Points DESC LIMIT 2`);
    assert.deepEqual(rows.map((r) => [r.Name, r.Points]), [['d', 40], ['c', 30]]);
    assert.equal(rows[1].Level, 'gold');
  });

  await step(`${label}: GROUP BY with COUNT(*) and SUM`, async () => {
    const rows = await client.query(`select Level, COUNT(*), SUM(Points) from ${T} where Level is not null group by Level`);
    const groups = Object.fromEntries(rows.map((r) => [r.Level, [r['COUNT(*)'], r['SUM(Points)']]]));
    assert.deepEqual(groups, { gold: [2, 40], silver: [1, 20] }, JSON.stringify(rows));
  });

  await step(`${label}: a syntax error is refused with SQL's error body`, async () => {
    try {
      await client.query(`SELEC * FORM ${T}`);
    } catch (error) {
      assert.equal(error.response?.status, 400);
      assert.equal(error.response.data.success, false);
      assert.ok(error.response.data.error_message, JSON.stringify(error.response.data));
      return;
    }
    throw new Error('the syntax error was answered as a success');
  });
}

await step('UPDATE with the rw token, read back by SQL and by the row API', async () => {
  const answer = await rawQuery(base, `UPDATE ${T} SET Points = 99 WHERE Name = 'b'`);
  assert.equal(answer.data.success, true, JSON.stringify(answer.data));
  assert.deepEqual((await base.query(`select Name from ${T} where Points = 99`)).map((r) => r.Name), ['b']);
  assert.equal((await base.getRow(T, scores.b)).Points, 99);
});

await step('the r token reads with SQL and is refused an UPDATE and a DELETE', async () => {
  assert.equal((await reader.query(`select Name from ${T}`)).length, 4);
  assert.equal(await failureStatus(() => rawQuery(reader, `UPDATE ${T} SET Points = 1`)), 403);
  assert.equal(await failureStatus(() => rawQuery(reader, `DELETE FROM ${T}`)), 403);
  assert.equal((await base.getRow(T, scores.a)).Points, 10);
});

await step('delete the base', () => api.deleteTable(workspaceId, baseName));
stepsPassed();
