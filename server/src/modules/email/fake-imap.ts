import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

interface StoredMessage {
  uid: number;
  raw: Buffer;
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The first address of a header (From, To) as an IMAP ENVELOPE address list, or NIL. */
function envelopeAddress(raw: Buffer, header: string): string {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = new RegExp(`^${header}:\\s*(.*)$`, 'im').exec(head)?.[1];
  const m = line ? /<?([^<>\s@]+)@([^<>\s]+?)>?\s*$/.exec(line) : null;
  return m ? `((NIL NIL ${quote(m[1])} ${quote(m[2])}))` : 'NIL';
}

/**
 * A minimal IMAP4rev1 server for tests: one account, one mailbox (INBOX), plain LOGIN, SELECT/EXAMINE,
 * UID SEARCH, UID FETCH (UID, ENVELOPE, BODY[]), NOOP, LOGOUT: the commands Sapa's poller (imapflow) sends. UIDs
 * only grow; `setUidValidity` simulates a mailbox that was rebuilt.
 */
export class FakeImapServer {
  readonly messages: StoredMessage[] = [];
  readonly commands: string[] = [];
  uidValidity = 1000;
  private nextUid = 1;
  private server: Server;
  port = 0;

  constructor(
    readonly user = 'support@support.example',
    readonly password = 'imap-pass',
  ) {
    this.server = createServer((socket) => this.session(socket));
  }

  get url() {
    return `imap://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/INBOX`;
  }

  append(raw: Buffer): number {
    const uid = this.nextUid++;
    this.messages.push({ uid, raw });
    return uid;
  }

  /** The mailbox was recreated: new UIDVALIDITY, UIDs start again at 1. */
  rebuild() {
    this.uidValidity++;
    this.nextUid = 1;
    for (const m of this.messages) m.uid = this.nextUid++;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private session(socket: Socket) {
    const caps = 'IMAP4rev1 LITERAL+';
    let buffer = '';
    let authed = false;
    let selected = false;
    const send = (line: string | Buffer) => socket.write(line);
    send(`* OK [CAPABILITY ${caps}] fake IMAP ready\r\n`);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        this.command(line, { send, caps, authed: () => authed, setAuthed: () => (authed = true), selected: () => selected, select: () => (selected = true), end: () => socket.end() });
      }
    });
  }

  private command(
    line: string,
    s: { send: (l: string | Buffer) => void; caps: string; authed: () => boolean; setAuthed: () => void; selected: () => boolean; select: () => void; end: () => void },
  ) {
    const m = /^(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) return s.send('* BAD malformed\r\n');
    const [, tag, verb, rest] = m;
    const cmd = verb.toUpperCase();
    this.commands.push(cmd === 'LOGIN' ? 'LOGIN ***' : `${cmd} ${rest}`.trim());
    switch (cmd) {
      case 'CAPABILITY':
        return s.send(`* CAPABILITY ${s.caps}\r\n${tag} OK CAPABILITY completed\r\n`);
      case 'NOOP':
        return s.send(`${tag} OK NOOP completed\r\n`);
      case 'LOGOUT':
        s.send(`* BYE logging out\r\n${tag} OK LOGOUT completed\r\n`);
        return s.end();
      case 'LOGIN': {
        const args = [...rest.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((a) => (a[1] ?? a[2]).replace(/\\(.)/g, '$1'));
        if (args[0] !== this.user || args[1] !== this.password) return s.send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n`);
        s.setAuthed();
        return s.send(`${tag} OK [CAPABILITY ${s.caps}] Logged in\r\n`);
      }
      case 'LIST':
        if (!s.authed()) return s.send(`${tag} NO not authenticated\r\n`);
        return s.send(`* LIST (\\HasNoChildren) "/" "INBOX"\r\n${tag} OK LIST completed\r\n`);
      case 'SELECT':
      case 'EXAMINE': {
        if (!s.authed()) return s.send(`${tag} NO not authenticated\r\n`);
        if (!/^"?INBOX"?$/i.test(rest.trim())) return s.send(`${tag} NO [NONEXISTENT] no such mailbox\r\n`);
        s.select();
        return s.send(
          `* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* ${this.messages.length} EXISTS\r\n* 0 RECENT\r\n` +
            `* OK [UIDVALIDITY ${this.uidValidity}] UIDs valid\r\n* OK [UIDNEXT ${this.nextUid}] Predicted next UID\r\n` +
            `${tag} OK [${cmd === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] ${cmd} completed\r\n`,
        );
      }
      case 'UID':
        if (!s.selected()) return s.send(`${tag} NO no mailbox selected\r\n`);
        return this.uidCommand(tag, rest, s.send);
      default:
        return s.send(`${tag} BAD unknown command ${cmd}\r\n`);
    }
  }

  private matches(set: string): StoredMessage[] {
    const max = this.messages.length ? this.messages[this.messages.length - 1].uid : 0;
    const picked = new Set<number>();
    for (const part of set.split(',')) {
      const [a, b] = part.split(':');
      const lo = a === '*' ? max : Number(a);
      const hi = b === undefined ? lo : b === '*' ? max : Number(b);
      for (const msg of this.messages) if (msg.uid >= Math.min(lo, hi) && msg.uid <= Math.max(lo, hi)) picked.add(msg.uid);
    }
    return this.messages.filter((msg) => picked.has(msg.uid));
  }

  private uidCommand(tag: string, rest: string, send: (l: string | Buffer) => void) {
    const [sub, ...args] = rest.split(' ');
    if (sub.toUpperCase() === 'SEARCH') {
      const set = /UID\s+(\S+)/i.exec(args.join(' '))?.[1] ?? '1:*';
      return send(`* SEARCH ${this.matches(set).map((x) => x.uid).join(' ')}\r\n${tag} OK SEARCH completed\r\n`.replace('SEARCH \r\n', 'SEARCH\r\n'));
    }
    if (sub.toUpperCase() === 'FETCH') {
      for (const msg of this.matches(args[0])) {
        const seq = this.messages.indexOf(msg) + 1;
        const envelope = `(NIL NIL ${envelopeAddress(msg.raw, 'From')} NIL NIL ${envelopeAddress(msg.raw, 'To')} NIL NIL NIL NIL)`;
        send(`* ${seq} FETCH (UID ${msg.uid} ENVELOPE ${envelope} BODY[] {${msg.raw.length}}\r\n`);
        send(msg.raw);
        send(')\r\n');
      }
      return send(`${tag} OK FETCH completed\r\n`);
    }
    return send(`${tag} BAD unsupported UID command\r\n`);
  }
}
