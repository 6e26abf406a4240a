// End-to-end test of import and export with SeaTable's own web client, dtable-web-api.
//
// Environment: SERVER_URL, USERNAME and PASSWORD of a system admin (see web-api-e2e.mjs).
//
// Steps: build a .dtable archive in SeaTable's layout (content.json whose cells point at an asset by a
// bundle URL, plus the asset file); import it (addImportDTableTask) and poll queryDTableIOStatusByTaskId;
// export the base (addExportDTableTask), poll, download the archive; a second user imports that archive
// into their own workspace; exporting their copy gives the same rows and the same asset, with the asset
// URLs turned back into bundle URLs (so they pointed at the new base); cancelDTableIOTask deletes a
// finished export. Exits 0 when every step passes, 1 otherwise.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

import { DTableWebAPI, describe, fail, limitRunTime, personalWorkspace, serverFromEnv, step, stepsPassed } from './harness.mjs';

const ASSET_PATH = 'images/2025-10/e2e.png';
const BUNDLE_URL = `file://dtable-bundle/asset/${ASSET_PATH}`;

/** A zip with stored (uncompressed) entries: enough to hand the server an archive built here. */
function buildZip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The files of a zip (stored or deflated), read through its central directory. */
function readZip(zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    if (!name.endsWith('/')) {
      files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function sampleContent(rowCount) {
  const rows = [];
  for (let i = 0; i < rowCount; i++) {
    rows.push({
      _id: `e2eRow${String(i).padStart(16, '0')}`, _participants: [], _creator: 'e2e@auth.local',
      _ctime: '2025-10-01T10:00:00.000+00:00', _last_modifier: 'e2e@auth.local', _mtime: '2025-10-01T10:00:00.000+00:00',
      '0000': `row ${i}`, iMg0: [BUNDLE_URL],
    });
  }
  return {
    version: 1, format_version: 9, statistics: [], links: [], description: { text: '' }, plugin_settings: {}, plugins: [],
    scripts: [], collaborators: [], settings: {},
    tables: [{
      _id: '0000', name: 'Photos',
      columns: [{ key: '0000', name: 'Name', type: 'text' }, { key: 'iMg0', name: 'Photo', type: 'image' }],
      rows,
      views: [{ _id: '0000', name: 'Default View', type: 'table', rows: [] }],
      view_structure: { folders: [], view_ids: ['0000'] }, id_row_map: {},
    }],
  };
}

async function waitFinished(api, taskId) {
  for (let i = 0; i < 600; i++) {
    const response = await api.queryDTableIOStatusByTaskId(taskId);
    assert.equal(response.status, 200, 'queryDTableIOStatusByTaskId status');
    if (response.data.is_finished) {
      assert.equal(response.data.phase, 'finished', `task ended ${JSON.stringify(response.data)}`);
      return response.data;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${taskId} did not finish`);
}

async function exportBase(api, server, workspaceId, name, uuid) {
  const started = await api.addExportDTableTask(workspaceId, name, null, null);
  assert.equal(started.status, 200, 'addExportDTableTask status');
  assert.equal(started.data.table.uuid, uuid, 'export answered another base');
  await waitFinished(api, started.data.task_id);
  const download = await api.req.get(`${server}/api/v2.1/dtable-export-content/?task_id=${started.data.task_id}&dtable_uuid=${uuid}`,
    { responseType: 'arraybuffer' });
  assert.equal(download.status, 200, 'download status');
  assert.equal(download.headers['content-type'], 'application/x-zip-compressed');
  return { taskId: started.data.task_id, archive: Buffer.from(download.data) };
}

async function main() {
  const { server, username, password } = serverFromEnv();
  const name = `e2e-io-${randomBytes(5).toString('hex')}`;
  const folder = mkdtempSync(join(tmpdir(), 'e2e-io-'));
  const asset = randomBytes(4096);
  const rowCount = 250;

  try {
    const admin = new DTableWebAPI();
    admin.init({ server, username, password });
    await step('login', () => admin.login());
    const adminWorkspace = personalWorkspace(await admin.listWorkspaces());

    const source = join(folder, `${name}.dtable`);
    writeFileSync(source, buildZip([
      ['content.json', Buffer.from(JSON.stringify(sampleContent(rowCount)))],
      [`asset/${ASSET_PATH}`, asset],
    ]));

    const imported = await step('addImportDTableTask imports a .dtable built in SeaTable\'s layout', async () => {
      const response = await admin.addImportDTableTask(adminWorkspace.id, createReadStream(source));
      assert.equal(response.status, 200, 'addImportDTableTask status');
      assert.equal(response.data.table.name, name, 'imported base name');
      const status = await waitFinished(admin, response.data.task_id);
      assert.equal(status.rows_done, rowCount, 'rows imported');
      return response.data.table;
    });

    const exported = await step('addExportDTableTask, queryDTableIOStatusByTaskId and the download give the archive back', async () => {
      const { taskId, archive } = await exportBase(admin, server, adminWorkspace.id, name, imported.uuid);
      const files = readZip(archive);
      assert.ok(files.has('manifest.json'), 'no manifest.json');
      assert.deepEqual(files.get(`asset/${ASSET_PATH}`), asset, 'the asset differs');
      const content = JSON.parse(files.get('content.json').toString('utf8'));
      assert.equal(content.tables[0].rows.length, rowCount, 'exported rows');
      assert.deepEqual(content.tables[0].rows[0].iMg0, [BUNDLE_URL], 'the asset URL is not a bundle URL');
      return { taskId, archive, content };
    });

    const email = `e2e-io-${randomBytes(5).toString('hex')}@example.com`;
    const userPassword = `E2e-${randomBytes(8).toString('hex')}`;
    await step('a second user is created', async () => {
      const response = await admin.sysAdminAddUser(email, 'io receiver', 'default', userPassword);
      assert.equal(response.status, 200, 'sysAdminAddUser status');
    });
    const user = new DTableWebAPI();
    user.init({ server, username: email, password: userPassword });
    await user.login();
    const userWorkspace = personalWorkspace(await user.listWorkspaces());
    assert.notEqual(userWorkspace.id, adminWorkspace.id);

    const copy = await step('the second user imports the exported archive into their workspace', async () => {
      const file = join(folder, 'copy', `${name}.dtable`);
      rmSync(join(folder, 'copy'), { recursive: true, force: true });
      mkdirSync(join(folder, 'copy'));
      writeFileSync(file, exported.archive);
      const response = await user.addImportDTableTask(userWorkspace.id, createReadStream(file));
      assert.equal(response.status, 200, 'addImportDTableTask status');
      assert.notEqual(response.data.table.uuid, imported.uuid, 'the copy has the source\'s uuid');
      assert.equal(response.data.table.workspace_id, userWorkspace.id, 'the copy is in another workspace');
      await waitFinished(user, response.data.task_id);
      return response.data.table;
    });

    await step('the copy has the same tables, rows and asset, with its asset URLs on the new base', async () => {
      const { archive } = await exportBase(user, server, userWorkspace.id, name, copy.uuid);
      const files = readZip(archive);
      assert.deepEqual(files.get(`asset/${ASSET_PATH}`), asset, 'the copied asset differs');
      const content = JSON.parse(files.get('content.json').toString('utf8'));
      assert.deepEqual(content.tables.map((t) => t.name), exported.content.tables.map((t) => t.name));
      assert.deepEqual(content.tables[0].rows, exported.content.tables[0].rows, 'the copied rows differ');
    });

    await step('cancelDTableIOTask deletes a finished export', async () => {
      const response = await admin.cancelDTableIOTask(exported.taskId, imported.uuid, 'export');
      assert.equal(response.status, 200, 'cancelDTableIOTask status');
      assert.equal(response.data.success, true);
      let rejected;
      try {
        await admin.req.get(`${server}/api/v2.1/dtable-export-content/?task_id=${exported.taskId}&dtable_uuid=${imported.uuid}`);
      } catch (error) {
        rejected = error;
      }
      assert.equal(rejected?.response?.status, 404, 'the cancelled export still downloads');
    });

    stepsPassed();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

limitRunTime(90_000);

main().then(
  () => process.exit(0),
  (error) => fail(describe(error)),
);
