"""seatable-api's Base.auth(with_socket_io=True) against a real server: connect (python-socketio opens on
Engine.IO polling and upgrades to a WebSocket, or stays on polling with mode "polling"), show connected in
api-tokens-status, receive update-dtable after a row append through the default handler's signature,
disconnect and show disconnected. Prints one JSON line with what it saw; exits non-zero on a failure.

Arguments: server_url api_token user_token workspace_id base_name app_name mode(default|polling)
"""
import json
import sys
import threading
import time

import requests
import socketio

from seatable_api import Base
from seatable_api.socket_io import SIO

server, api_token, user_token, workspace_id, base_name, app_name, mode = sys.argv[1:8]

if mode == 'polling':
    original_connect = SIO.connect

    def polling_only(self, *args, **kwargs):
        kwargs['transports'] = ['polling']
        return original_connect(self, *args, **kwargs)

    SIO.connect = polling_only


def connected():
    url = '%s/api/v2.1/workspace/%s/dtable/%s/api-tokens-status/' % (server, workspace_id, base_name)
    body = requests.get(url, headers={'Authorization': 'Token ' + user_token}, timeout=10).json()
    return {s['app_name']: s['connected'] for s in body['api_status_list']}.get(app_name)


def wait_for(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


result = {'socketio': socketio.__version__ if hasattr(socketio, '__version__') else '?'}
base = Base(api_token, server)
base.auth(with_socket_io=True)
sio = base.socketIO.sio
result['transport'] = sio.eio.current_transport
events = []
received = threading.Event()


def on_update(data, index, *args):
    # The library's default handler first: it takes (data, index) as dtable-server emits them.
    base.socketIO.on_update_dtable(data, index, *args)
    events.append((data, index))
    received.set()


base.socketIO.on('update-dtable', on_update)
result['connected_after_join'] = wait_for(lambda: connected() is True, 10)
row = base.append_row('Table1', {'Name': 'from python'})
result['event'] = received.wait(10)
if events:
    operation = json.loads(events[0][0])
    result['op_type'] = operation.get('op_type')
    result['row_id_matches'] = any(r.get('_id') == row['_id'] for r in operation.get('row_datas', []))
    result['version'] = events[0][1]
# Survive a few pings on the transport (the test server pings every second).
time.sleep(2.5)
result['still_connected'] = sio.connected and connected() is True
result['transport_at_end'] = sio.eio.current_transport
sio.disconnect()
result['disconnected_after_leave'] = wait_for(lambda: connected() is False, 10)
print(json.dumps(result))
ok = (result['connected_after_join'] and result['event'] and result.get('op_type') == 'append_rows'
      and result.get('row_id_matches') and result['still_connected'] and result['disconnected_after_leave'])
sys.exit(0 if ok else 1)
