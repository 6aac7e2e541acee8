// Membership over real sockets: datagrams over UDP, stream messages over short TCP connections, both on one
// host and port number (UDP and TCP ports are separate namespaces). A stream message is one frame: the
// 4-byte GOSSIP_STREAM_MAGIC, a 4-byte big-endian length, then the message; the connection closes after it.
// When gossip shares the broker's port, the broker's listener takes the stream connections and hands the
// frames over (listenTcp false).
//
// Limits: datagrams over maxDatagramBytes are neither sent nor accepted; a stream frame over maxStreamBytes
// closes its connection; at most maxStreamConnections inbound stream connections are open at once (more are
// closed on accept); a stream connection idle for streamTimeoutMs is closed; an outbound connect or write
// taking longer is abandoned (the message is lost, as a lost datagram would be).
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect, createServer, isIPv6, type Server, type Socket } from 'node:net';
import { type LogSink, SILENT_LOG } from '../../logger.js';
import type { MembershipTransport } from './membership.js';

/**
 * First four bytes of every gossip stream: negative as a Kafka size prefix, so a broker sharing its port
 * with gossip (the default) tells a gossip stream from a Kafka connection by them.
 */
export const GOSSIP_STREAM_MAGIC = 0xff524753 | 0;

export interface SocketTransportOptions {
  /**
   * Accept stream connections on a TCP listener of our own (default). False when streams arrive through
   * the broker's listener on the same port (handed over with receiveStream).
   */
  listenTcp?: boolean;
  host: string;
  /** 0 picks a free port (the same number is then taken for TCP; bind fails if it is busy there). */
  port: number;
  maxDatagramBytes: number;
  maxStreamBytes: number;
  maxStreamConnections?: number;
  streamTimeoutMs?: number;
  log?: LogSink;
}

export interface TransportReceiver {
  receiveDatagram(from: string, bytes: Uint8Array): void;
  receiveStream(from: string, bytes: Uint8Array): void;
}

/** "host:port" -> [host, port]; IPv6 hosts may be bracketed ("[::1]:9093"). */
export function parseAddress(address: string): [string, number] | null {
  const i = address.lastIndexOf(':');
  if (i <= 0) return null;
  let host = address.slice(0, i);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = Number(address.slice(i + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return [host, port];
}

export function formatAddress(host: string, port: number): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

export class SocketTransport implements MembershipTransport {
  readonly #options: Required<Omit<SocketTransportOptions, 'log'>>;
  readonly #log: LogSink;
  #udp: UdpSocket | null = null;
  #tcp: Server | null = null;
  #receiver: TransportReceiver | null = null;
  readonly #inbound = new Set<Socket>();
  readonly #outbound = new Set<Socket>();
  #address = '';
  #closed = false;

  constructor(options: SocketTransportOptions) {
    this.#options = { maxStreamConnections: 64, streamTimeoutMs: 5000, listenTcp: true, ...options };
    this.#log = options.log ?? SILENT_LOG;
  }

  /** "host:port" the transport is bound to (after bind). */
  get address(): string {
    return this.#address;
  }

  /** Binds UDP and TCP on host:port; rejects (and holds nothing) if either cannot be bound. */
  async bind(receiver: TransportReceiver): Promise<string> {
    this.#receiver = receiver;
    // Port 0: the free UDP port the kernel picks may be taken for TCP; a few tries find one free for both.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#bindOnce();
      } catch (err) {
        if (this.#options.port !== 0 || attempt >= 5) throw err;
      }
    }
  }

  async #bindOnce(): Promise<string> {
    const { host, port } = this.#options;
    const udp = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: false });
    udp.on('message', (msg, rinfo) => this.#onDatagram(msg, rinfo));
    udp.on('error', (err) => this.#log.warn(`gossip UDP socket error: ${err.message}`));
    try {
      udp.bind(port, host);
      await Promise.race([once(udp, 'listening'), once(udp, 'error').then(([e]) => Promise.reject(e))]);
    } catch (err) {
      udp.close();
      throw err;
    }
    const bound = udp.address().port;
    if (this.#options.listenTcp === false) {
      udp.unref();
      this.#udp = udp;
      this.#address = formatAddress(host, bound);
      return this.#address;
    }
    const tcp = createServer((socket) => this.#onConnection(socket));
    try {
      tcp.listen(bound, host);
      await Promise.race([once(tcp, 'listening'), once(tcp, 'error').then(([e]) => Promise.reject(e))]);
    } catch (err) {
      udp.close();
      tcp.close();
      throw err;
    }
    tcp.on('error', (err) => this.#log.warn(`gossip TCP listener error: ${err.message}`));
    udp.unref();
    tcp.unref();
    this.#udp = udp;
    this.#tcp = tcp;
    this.#address = formatAddress(host, bound);
    return this.#address;
  }

  sendDatagram(to: string, bytes: Uint8Array): void {
    const udp = this.#udp;
    if (udp === null || this.#closed) return;
    if (bytes.length > this.#options.maxDatagramBytes) {
      this.#log.warn(
        `not sending a ${bytes.length}-byte gossip datagram (limit ${this.#options.maxDatagramBytes})`,
      );
      return;
    }
    const addr = parseAddress(to);
    if (addr === null) return;
    udp.send(bytes, addr[1], addr[0], (err) => {
      if (err) this.#log.debug(`gossip datagram to ${to} failed: ${err.message}`);
    });
  }

  sendStream(to: string, bytes: Uint8Array): void {
    if (this.#closed) return;
    if (bytes.length > this.#options.maxStreamBytes) {
      this.#log.warn(
        `not sending a ${bytes.length}-byte gossip stream message (limit ${this.#options.maxStreamBytes})`,
      );
      return;
    }
    const addr = parseAddress(to);
    if (addr === null) return;
    const socket = connect({ host: addr[0], port: addr[1] });
    this.#outbound.add(socket);
    socket.setTimeout(this.#options.streamTimeoutMs, () => socket.destroy());
    socket.on('error', (err) => this.#log.debug(`gossip stream to ${to} failed: ${err.message}`));
    socket.on('close', () => this.#outbound.delete(socket));
    socket.on('connect', () => {
      const header = Buffer.alloc(8);
      header.writeInt32BE(GOSSIP_STREAM_MAGIC, 0);
      header.writeUInt32BE(bytes.length, 4);
      socket.write(header);
      socket.end(bytes);
    });
  }

  /** Closes both sockets and every stream connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const s of [...this.#inbound, ...this.#outbound]) s.destroy();
    const udp = this.#udp;
    const tcp = this.#tcp;
    await Promise.all([
      udp === null ? undefined : new Promise<void>((r) => udp.close(() => r())),
      tcp === null ? undefined : new Promise<void>((r) => tcp.close(() => r())),
    ]);
  }

  #onDatagram(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.#closed || msg.length > this.#options.maxDatagramBytes) return;
    this.#receiver?.receiveDatagram(formatAddress(rinfo.address, rinfo.port), msg);
  }

  #onConnection(socket: Socket): void {
    if (this.#closed || this.#inbound.size >= this.#options.maxStreamConnections) {
      socket.destroy();
      return;
    }
    this.#inbound.add(socket);
    const from = formatAddress(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    socket.setTimeout(this.#options.streamTimeoutMs, () => socket.destroy());
    socket.on('error', () => {});
    socket.on('close', () => this.#inbound.delete(socket));
    const chunks: Buffer[] = [];
    let have = 0;
    let want = -1;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      have += chunk.length;
      if (want < 0 && have >= 8) {
        const head = Buffer.concat(chunks, have);
        if (head.readInt32BE(0) !== GOSSIP_STREAM_MAGIC) {
          socket.destroy();
          return;
        }
        want = head.readUInt32BE(4);
        if (want > this.#options.maxStreamBytes) {
          this.#log.warn(`closing a gossip stream from ${from}: ${want}-byte frame over the limit`);
          socket.destroy();
          return;
        }
      }
      if (want >= 0 && have >= 8 + want) {
        const frame = Buffer.concat(chunks, have);
        socket.destroy();
        if (have !== 8 + want) return; // one frame per connection
        this.#receiver?.receiveStream(from, frame.subarray(8));
      }
    });
  }
}
