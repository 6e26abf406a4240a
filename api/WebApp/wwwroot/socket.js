// The base's live events, over the same Socket.IO endpoint SeaTable's clients use. Hand-written rather than the
// socket.io-client package: the pages load nothing from a CDN and have no build step, and what they need is
// a small part of the protocol (Engine.IO 4 over WebSocket: open, ping/pong, connect "/", one "join-room"
// emit with its ack, then "update-dtable" events), which fits in this file.

export class BaseSocket {
  constructor(uuid, token, { onUpdate, onState }) {
    this.uuid = uuid;
    this.token = token;
    this.onUpdate = onUpdate;
    this.onState = onState || (() => {});
    this.closed = false;
    this.retry = 500;
    this.connect();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/socket.io/?EIO=4&transport=websocket&dtable_uuid=${encodeURIComponent(this.uuid)}`);
    this.ws = ws;
    ws.onmessage = event => this.receive(String(event.data));
    ws.onclose = () => {
      this.onState(false);
      if (this.closed) return;
      // Another silo answers the next attempt when this one went away: retry with a growing pause.
      setTimeout(() => !this.closed && this.connect(), this.retry);
      this.retry = Math.min(this.retry * 2, 10000);
    };
  }

  receive(packet) {
    const type = packet[0];
    if (type === '0') { this.ws.send('40'); return; }
    if (type === '2') { this.ws.send('3'); return; }
    if (type !== '4') return;
    const kind = packet[1];
    const body = packet.slice(2);
    if (kind === '0') {
      this.ws.send(`420${JSON.stringify(['join-room', this.uuid, this.token])}`);
    } else if (kind === '3') {
      const [answer] = JSON.parse(body.replace(/^\d+/, ''));
      const joined = answer && answer.success !== false;
      if (joined) this.retry = 500;
      this.onState(joined);
    } else if (kind === '2') {
      const [name, ...args] = JSON.parse(body.replace(/^\d+/, ''));
      if (name === 'update-dtable') this.onUpdate(args);
    }
  }

  close() {
    this.closed = true;
    try { this.ws.send('41'); } catch { /* already closed */ }
    this.ws.close();
  }
}
