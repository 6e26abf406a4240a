"""The Python client's Account and Base calls of issue 14 items 5-6 against a real server.

Run by tests/Account/PythonClientEndToEndTests.cs (through tests/Infrastructure/PythonClient.cs) with SERVER_URL, USERNAME, PASSWORD (the admin) and
PYTHONPATH pointing at seatable-api-python. Exits non-zero on the first failed check.
"""
import json
import os
import sys
import tempfile
import uuid

import requests
from seatable_api import Account

server = os.environ["SERVER_URL"]
admin = Account(os.environ["USERNAME"], os.environ["PASSWORD"], server)
admin.auth()
admin.load_account_info()


def check(condition, message):
    if not condition:
        print("FAILED: " + message)
        sys.exit(1)
    print("ok: " + message)


def personal_workspace(account):
    return next(w["id"] for w in account.list_workspaces()["workspace_list"] if w.get("type") == "personal")


# A second user, to share with and copy into.
email = "py-%s@e2e.local" % uuid.uuid4().hex[:8]
created = requests.post(server + "/api/v2.1/admin/users/", headers=admin.token_headers,
                        data={"email": email, "password": "Second-Passw0rd", "name": "Second"})
check(created.status_code in (200, 201), "admin creates a second user (%s)" % created.status_code)
second = Account(email, "Second-Passw0rd", server)
second.auth()
second.load_account_info()

ws = personal_workspace(admin)
name = "py-e2e-" + uuid.uuid4().hex[:6]
check(admin.add_base(name)["name"] == name, "add_base")

# Account.get_base: temp-api-token/, then Base.auth() with it.
base = admin.get_base(ws, name)
check(base.dtable_name == name and base.workspace_id == ws, "get_base authenticates with a temporary API token")
row = base.append_row("Table1", {"Name": "from python"})
check(any(r["_id"] == row["_id"] for r in base.list_rows("Table1")), "the temporary token's base token reads and writes rows")

share = requests.post("%s/api/v2.1/workspace/%s/dtable/%s/share/" % (server, ws, name), headers=admin.token_headers,
                      data={"email": second.username, "permission": "r"})
check(share.status_code == 201, "the share POST answers 201 (%s)" % share.status_code)

users = base.get_related_users()
check(sorted(u["email"] for u in users) == sorted([admin.username, second.username]), "get_related_users lists owner and share holder")
info = base.get_user_info(second.username)
check(info["email"] == second.username and info["name"] == "Second", "get_user_info finds the share holder")

# Custom folder.
folder = tempfile.mkdtemp()
local = os.path.join(folder, "report.txt")
with open(local, "wb") as f:
    f.write(b"custom folder content")
uploaded = base.upload_local_file_to_custom_folder(local, "/e2e")
check(uploaded["name"] == "report.txt" and uploaded["url"].startswith("custom-asset://") and uploaded["size"] == 21,
      "upload_local_file_to_custom_folder: %s" % json.dumps(uploaded))
listing = base.list_custom_assets("/e2e")
check([f["name"] for f in listing["file"]] == ["report.txt"], "list_custom_assets")
check([d["name"] for d in base.list_custom_assets("/")["dir"]] == ["e2e"], "list_custom_assets of the root shows the folder")
saved = os.path.join(folder, "back.txt")
base.download_custom_file("/e2e/report.txt", saved)
with open(saved, "rb") as f:
    check(f.read() == b"custom folder content", "download_custom_file")
info = base.get_custom_file_info("/e2e", "report.txt")
check(info["url"] == uploaded["url"], "get_custom_file_info gives the same asset url")
refused = requests.get(server + "/api/v2.1/dtable/custom/app-download-link/", headers={"Authorization": "Token " + base.token},
                       params={"path": "/../../etc/passwd"})
check(refused.status_code == 400, "a path leaving the custom folder is refused (%s)" % refused.status_code)

# Account.copy_base: the share holder copies the base into their own workspace.
second_ws = personal_workspace(second)
copy = second.copy_base(ws, name, second_ws)
check(copy["name"] == name and copy["workspace_id"] == second_ws and copy["uuid"] != base.dtable_uuid, "copy_base: %s" % json.dumps(copy))
copied = second.get_base(second_ws, name)
check(any(r.get("Name") == "from python" for r in copied.list_rows("Table1")), "the copy has the rows")
check([f["name"] for f in copied.list_custom_assets("/e2e")["file"]] == ["report.txt"], "the copy has the custom folder's files")
again = second.copy_base(ws, name, second_ws)
check(again["name"] == name + "(copy)", "a second copy_base is named after the first: %s" % json.dumps(again))
taken = requests.post(server + "/api/v2.1/dtable-copy/", headers=second.token_headers,
                      data={"src_workspace_id": ws, "name": name, "dst_workspace_id": second_ws, "dst_dtable": name})
check(taken.status_code == 400 and "already exists" in taken.json()["error_msg"], "a copy onto a taken name it was given is 400")
print("all checks passed")
