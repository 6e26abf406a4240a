// End-to-end test: drives a running server with SeaTable's own web client, dtable-web-api.
//
// Environment:
//   SERVER_URL  base address of the server, e.g. http://127.0.0.1:5000
//   USERNAME    login (contact email or user id) of an existing account
//   PASSWORD    its password
//
// Steps: a wrong password is rejected; login; create a base in the caller's personal workspace;
// the workspace listing shows it; a second base of the same name is refused; delete the base;
// the listing no longer shows it; the system admin listings (all, user, organization, trash) show the
// bases and restore the deleted one. Exits 0 when every step passes, 1 otherwise.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DTableWebAPI, describe, fail, limitRunTime, personalWorkspace, serverFromEnv, step, stepsPassed } from './harness.mjs';

async function main() {
  const { server, username, password } = serverFromEnv();
  const baseName = `e2e-${randomBytes(6).toString('hex')}`;
  console.log(`server ${server}, user ${username}, base ${baseName}`);

  await step('login with a wrong password is rejected', async () => {
    const wrong = new DTableWebAPI();
    wrong.init({ server, username, password: `${password}-wrong` });
    let rejected;
    try {
      await wrong.login();
    } catch (error) {
      rejected = error;
    }
    assert.ok(rejected, 'login with a wrong password succeeded');
    assert.ok(rejected.response, `login with a wrong password failed without an HTTP answer: ${describe(rejected)}`);
    assert.equal(rejected.response.status, 400, `wrong password: ${describe(rejected)}`);
    assert.ok(wrong.token === undefined, 'a token was stored after a failed login');
  });

  const api = new DTableWebAPI();
  api.init({ server, username, password });

  await step('login', async () => {
    await api.login();
    assert.equal(typeof api.token, 'string', 'login stored no token');
    assert.ok(api.token.length > 0, 'login stored an empty token');
  });

  const account = await step('account info', async () => {
    const response = await api.getAccountInfo();
    assert.equal(response.status, 200, 'getAccountInfo status');
    assert.equal(typeof response.data?.email, 'string', `account info has no email (user id): ${JSON.stringify(response.data)}`);
    return response.data;
  });
  // The web app passes the user id (not the contact email) as the owner of a personal base.
  const owner = account.email;

  const before = await step('list workspaces before creating the base', async () => {
    const workspace = personalWorkspace(await api.listWorkspaces());
    assert.ok(!workspace.table_list.some((t) => t?.name === baseName), `base ${baseName} exists before it was created`);
    return workspace;
  });

  const created = await step(`create base ${baseName} owned by ${owner}`, async () => {
    const response = await api.createTable(baseName, owner);
    assert.equal(response.status, 201, 'createTable status');
    const table = response.data?.table;
    assert.ok(table, `createTable answered no "table": ${JSON.stringify(response.data)}`);
    assert.equal(table.name, baseName, 'created table name');
    assert.equal(table.workspace_id, before.id, 'created table workspace_id is not the personal workspace');
    return table;
  });

  await step('the personal workspace lists the new base', async () => {
    const workspace = personalWorkspace(await api.listWorkspaces());
    assert.equal(workspace.id, before.id, 'personal workspace id changed');
    const table = workspace.table_list.find((t) => t?.name === baseName);
    assert.ok(table, `base ${baseName} missing from table_list: ${JSON.stringify(workspace.table_list)}`);
    assert.equal(table.id, created.id, 'listed base id differs from the created one');
    assert.equal(table.uuid, created.uuid, 'listed base uuid differs from the created one');
  });

  await step('creating a second base with the same name is refused', async () => {
    let rejected;
    try {
      await api.createTable(baseName, owner);
    } catch (error) {
      rejected = error;
    }
    assert.ok(rejected, 'a duplicate base name was accepted');
    assert.ok(rejected.response, `duplicate create failed without an HTTP answer: ${describe(rejected)}`);
    assert.equal(rejected.response.status, 400, `duplicate create: ${describe(rejected)}`);
  });

  await step(`delete base ${baseName}`, async () => {
    const response = await api.deleteTable(before.id, baseName);
    assert.equal(response.status, 200, 'deleteTable status');
    assert.equal(response.data?.success, true, `deleteTable answered ${JSON.stringify(response.data)}`);
  });

  await step('the personal workspace no longer lists the base', async () => {
    const workspace = personalWorkspace(await api.listWorkspaces());
    assert.ok(
      !workspace.table_list.some((t) => t?.name === baseName),
      `base ${baseName} still listed after delete: ${JSON.stringify(workspace.table_list)}`,
    );
  });

  // System admin listings (E9-E13): the caller is a system admin.
  const orgAdminEmail = `org-admin-${randomBytes(4).toString('hex')}@e2e.local`;
  const orgAdminPassword = `Org-${randomBytes(8).toString('hex')}`;
  const org = await step('sysAdminAddOrg creates an organization with its admin', async () => {
    const response = await api.sysAdminAddOrg(`E2E Org ${baseName}`, orgAdminEmail, 'E2E Org Admin', orgAdminPassword);
    assert.equal(response.status, 200, 'sysAdminAddOrg status');
    assert.ok(Number.isInteger(response.data?.org_id), `sysAdminAddOrg answered no org_id: ${JSON.stringify(response.data)}`);
    return response.data;
  });

  const orgBaseName = `${baseName}-org`;
  const orgBase = await step('the organization admin creates a base', async () => {
    const orgApi = new DTableWebAPI();
    orgApi.init({ server, username: orgAdminEmail, password: orgAdminPassword });
    await orgApi.login();
    const info = (await orgApi.getAccountInfo()).data;
    const response = await orgApi.createTable(orgBaseName, info.email);
    assert.equal(response.status, 201, 'createTable status');
    return response.data.table;
  });

  await step('sysAdminListOrgDTables lists the organization\'s base', async () => {
    const response = await api.sysAdminListOrgDTables(org.org_id, 1, 25);
    assert.equal(response.status, 200, 'sysAdminListOrgDTables status');
    assert.equal(response.data.count, 1, `org count: ${JSON.stringify(response.data)}`);
    assert.equal(response.data.dtable_list[0].uuid, orgBase.uuid, 'listed org base');
    assert.equal(response.data.dtable_list[0].org_id, org.org_id, 'listed org base org_id');
  });

  await step('sysAdminListAllDTables pages through every live base', async () => {
    const response = await api.sysAdminListAllDTables(1, 100);
    assert.equal(response.status, 200, 'sysAdminListAllDTables status');
    assert.equal(typeof response.data.page_info?.has_next_page, 'boolean', `page_info: ${JSON.stringify(response.data)}`);
    const listed = response.data.dtables.find((t) => t.uuid === orgBase.uuid);
    assert.ok(listed, `org base missing from all bases: ${JSON.stringify(response.data.dtables)}`);
    assert.equal(listed.org_id, org.org_id, 'org_id of the org base');
    assert.ok(!response.data.dtables.some((t) => t.uuid === created.uuid), 'a trashed base is listed as live');
  });

  await step('sysAdminListUserDTables lists a user\'s live bases by id and by contact email', async () => {
    const byId = await api.sysAdminListUserDTables(owner, 1, 25);
    assert.equal(byId.status, 200, 'sysAdminListUserDTables status');
    assert.ok(!byId.data.dtable_list.some((t) => t.uuid === created.uuid), 'trashed base listed as the user\'s live base');
    const byEmail = await api.sysAdminListUserDTables(orgAdminEmail, 1, 25);
    assert.equal(byEmail.data.count, 1, `org admin's bases: ${JSON.stringify(byEmail.data)}`);
    assert.equal(byEmail.data.dtable_list[0].uuid, orgBase.uuid, 'org admin base by contact email');
  });

  const trashed = await step('sysAdminListTrashDTables lists the deleted base with its days left', async () => {
    const response = await api.sysAdminListTrashDTables(1, 25);
    assert.equal(response.status, 200, 'sysAdminListTrashDTables status');
    const entry = response.data.trash_dtable_list.find((t) => t.uuid === created.uuid);
    assert.ok(entry, `deleted base missing from the trash: ${JSON.stringify(response.data)}`);
    assert.equal(entry.deleted, true, 'trash entry deleted flag');
    assert.equal(typeof entry.delete_time, 'string', 'trash entry delete_time');
    assert.ok(entry.days_left > 0, `days_left: ${entry.days_left}`);
    return entry;
  });

  await step('sysAdminRestoreTrashDTable restores the base with its uuid', async () => {
    const response = await api.sysAdminRestoreTrashDTable(trashed.id, false);
    assert.equal(response.status, 200, 'sysAdminRestoreTrashDTable status');
    assert.equal(response.data?.success, true, `restore answered ${JSON.stringify(response.data)}`);
    const workspace = personalWorkspace(await api.listWorkspaces());
    const table = workspace.table_list.find((t) => t?.name === baseName);
    assert.ok(table, `restored base ${baseName} not listed`);
    assert.equal(table.uuid, created.uuid, 'restored base uuid');
    let rejected;
    try {
      await api.sysAdminRestoreTrashDTable(trashed.id, false);
    } catch (error) {
      rejected = error;
    }
    assert.equal(rejected?.response?.status, 404, `restoring again: ${describe(rejected)}`);
  });

  stepsPassed();
}

limitRunTime(90_000);

main().then(
  () => process.exit(0),
  (error) => fail(describe(error)),
);
