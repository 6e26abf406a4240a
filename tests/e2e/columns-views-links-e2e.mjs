// End-to-end test of the column, view and link calls of SeaTable's JS base client (npm seatable-api), as a
// setup script makes them: a table, typed columns with options and cascade settings, renamed / resized /
// frozen / moved / retyped / deleted columns, views added, read, renamed and deleted, and rows linked,
// re-linked and unlinked through a link column made by insertColumn. A read-only token is refused writes.
//
// Environment: SERVER_URL, USERNAME, PASSWORD (an existing account). Exits 0 when every step passes.

import assert from 'node:assert/strict';
import { Base, failureStatus, limitRunTime, loginAndCreateBase, serverFromEnv, step, stepsPassed } from './harness.mjs';

const env = serverFromEnv();
const { server } = env;
limitRunTime(120_000);

const { api, baseName, workspaceId, apiToken: token } = await loginAndCreateBase(env, 'cvl-e2e');
const [writerToken, readerToken] = await step('two API tokens (rw, r)', () => Promise.all([token('cvl-writer', 'rw'), token('cvl-reader', 'r')]));
const base = new Base({ server, APIToken: writerToken });
const reader = new Base({ server, APIToken: readerToken });
await step('Base.auth() for both', () => Promise.all([base.auth(), reader.auth()]));

const T = 'Projects';
const P = 'People';
await step('addTable twice', async () => {
  await base.addTable(T);
  await base.addTable(P);
});

const columnKey = async (name) => (await base.getColumnByName(T, name)).key;

await step('insertColumn: number with its format, single select, multiple select, date, text', async () => {
  const number = await base.insertColumn(T, 'Budget', 'number', undefined, { format: 'euro', decimal: 'comma', thousands: 'dot' });
  assert.equal(number.name, 'Budget');
  assert.equal(number.type, 'number');
  assert.equal(number.data.format, 'euro');
  await base.insertColumn(T, 'Stage', 'single-select');
  await base.insertColumn(T, 'Labels', 'multiple-select');
  await base.insertColumn(T, 'Start', 'date', undefined, { format: 'YYYY-MM-DD' });
  await base.insertColumn(T, 'Memo', 'text');
});

const linkId = await step('insertColumn: a link column, seen on both tables with one link id', async () => {
  await base.insertColumn(T, 'Team', 'link', undefined, { table: T, other_table: P });
  const id = await base.getColumnLinkId(T, 'Team');
  assert.ok(id, 'getColumnLinkId answered nothing');
  const other = (await base.listColumns(P)).filter((c) => c.type === 'link');
  assert.equal(other.length, 1, 'no counterpart link column on the other table');
  assert.equal(other[0].data.link_id, id);
  return id;
});

await step('getColumnsByType and listColumns', async () => {
  assert.equal((await base.getColumnsByType(T, 'number')).length, 1);
  const names = (await base.listColumns(T)).map((c) => c.name);
  for (const name of ['Name', 'Budget', 'Stage', 'Labels', 'Start', 'Memo', 'Team']) assert.ok(names.includes(name), `${name} not listed`);
});

await step('renameColumn, resizeColumn, freezeColumn', async () => {
  await base.renameColumn(T, await columnKey('Memo'), 'Remarks');
  const key = await columnKey('Remarks');
  await base.resizeColumn(T, key, 321);
  await base.freezeColumn(T, key, true);
  const column = await base.getColumnByName(T, 'Remarks');
  assert.equal(column.width, 321);
  assert.equal(column.frozen, true);
});

await step('moveColumn puts a column in its target\'s place', async () => {
  const before = (await base.listColumns(T)).map((c) => c.name);
  await base.moveColumn(T, await columnKey('Remarks'), await columnKey('Budget'));
  const names = (await base.listColumns(T)).map((c) => c.name);
  assert.equal(names.indexOf('Remarks'), before.indexOf('Budget'), `order before: ${before}, after the move: ${names}`);
  assert.equal(names.length, before.length);
});

await step('modifyColumnType converts the cells: text to number', async () => {
  await base.appendRow(T, { Name: 'converted', Remarks: '42' });
  await base.modifyColumnType(T, await columnKey('Remarks'), 'number');
  const column = await base.getColumnByName(T, 'Remarks');
  assert.equal(column.type, 'number');
  const row = (await base.listRows(T)).find((r) => r.Name === 'converted');
  assert.equal(row.Remarks, 42);
});

await step('addColumnOptions and addColumnCascadeSettings', async () => {
  await base.addColumnOptions(T, 'Stage', [{ name: 'plan', color: '#aaa', textColor: '#000' }, { name: 'done', color: '#bbb', textColor: '#000' }]);
  await base.addColumnOptions(T, 'Labels', [{ name: 'red', color: '#f00', textColor: '#fff' }, { name: 'blue', color: '#00f', textColor: '#fff' }]);
  await base.addColumnCascadeSettings(T, 'Labels', 'Stage', { plan: ['red'], done: ['blue'] });
  const stage = await base.getColumnByName(T, 'Stage');
  assert.deepEqual(stage.data.options.map((o) => o.name), ['plan', 'done']);
  const labels = await base.getColumnByName(T, 'Labels');
  assert.ok(labels.data.cascade_column_key || labels.data.cascade_settings, 'no cascade settings stored');
  const appended = await base.appendRow(T, { Name: 'selected', Stage: 'plan', Labels: ['red'] });
  const row = await base.getRow(T, appended._id);
  assert.equal(row.Stage, 'plan');
  assert.deepEqual(row.Labels, ['red']);
});

await step('deleteColumn removes a column; the first column cannot be deleted', async () => {
  await base.insertColumn(T, 'Temp', 'text');
  await base.deleteColumn(T, await columnKey('Temp'));
  assert.equal(await base.getColumnByName(T, 'Temp'), undefined);
  assert.equal(await failureStatus(async () => base.deleteColumn(T, await columnKey('Name'))), 400);
});

await step('views: listViews, addView, getViewByName, renameView, deleteView', async () => {
  assert.deepEqual((await base.listViews(T)).map((v) => v.name), ['Default View']);
  await base.addView(T, 'Open projects');
  assert.equal((await base.getViewByName(T, 'Open projects')).name, 'Open projects');
  await base.renameView(T, 'Open projects', 'Active');
  assert.deepEqual((await base.listViews(T)).map((v) => v.name), ['Default View', 'Active']);
  assert.ok(Array.isArray(await base.listRows(T, 'Active')));
  await base.deleteView(T, 'Active');
  assert.deepEqual((await base.listViews(T)).map((v) => v.name), ['Default View']);
});

await step('links: addLink, updateLink, removeLink, batchUpdateLinks', async () => {
  const [p1, p2, p3] = [await base.appendRow(P, { Name: 'Ada' }), await base.appendRow(P, { Name: 'Bob' }), await base.appendRow(P, { Name: 'Cy' })];
  const [r1, r2] = [await base.appendRow(T, { Name: 'alpha' }), await base.appendRow(T, { Name: 'beta' })];
  const linked = async (rowId) => ((await base.getRow(T, rowId)).Team ?? []).map((l) => l.row_id ?? l).sort();
  await base.addLink(linkId, T, P, r1._id, p1._id);
  assert.deepEqual(await linked(r1._id), [p1._id]);
  await base.updateLink(linkId, T, P, r1._id, [p2._id, p3._id]);
  assert.deepEqual(await linked(r1._id), [p2._id, p3._id].sort());
  await base.removeLink(linkId, T, P, r1._id, p2._id);
  assert.deepEqual(await linked(r1._id), [p3._id]);
  await base.batchUpdateLinks(linkId, T, P, [r1._id, r2._id], { [r1._id]: [], [r2._id]: [p1._id] });
  assert.deepEqual(await linked(r1._id), []);
  assert.deepEqual(await linked(r2._id), [p1._id]);
});

await step('a read-only token reads columns and views and is refused their writes', async () => {
  assert.ok((await reader.listColumns(T)).length > 0);
  assert.ok((await reader.listViews(T)).length > 0);
  assert.equal(await failureStatus(() => reader.insertColumn(T, 'Nope', 'text')), 403);
  assert.equal(await failureStatus(() => reader.addView(T, 'Nope')), 403);
  assert.equal(await failureStatus(() => reader.updateLink(linkId, T, P, 'x', [])), 403);
});

await step('delete the base', () => api.deleteTable(workspaceId, baseName));
stepsPassed();
