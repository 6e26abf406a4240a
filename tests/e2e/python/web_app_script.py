"""The script of the web app's journey: an app that connects to its base with SeaTable's Python client while a
person watches in the browser. Connects with Base.auth(with_socket_io=True), appends one row (which the open
grid must show without a reload), holds the socket until the release file exists (at most 120 s), then
disconnects and exits. Prints a line for each step.

Arguments: server_url api_token table_name row_text release_file
"""
import os
import sys
import time

from seatable_api import Base

server, api_token, table_name, row_text, release_file = sys.argv[1:6]

base = Base(api_token, server)
base.auth(with_socket_io=True)
print('connected', base.socketIO.sio.eio.current_transport, flush=True)
row = base.append_row(table_name, {'Name': row_text})
print('appended', row['_id'], flush=True)

deadline = time.time() + 120
while not os.path.exists(release_file) and time.time() < deadline:
    time.sleep(0.1)

base.socketIO.sio.disconnect()
print('disconnected', flush=True)
