import * as net from 'node:net';

/*
 * Why a wire client of its own: `kgen doctor` needs DescribeConfigs (broker and topic settings) and the
 * Metadata fields librdkafka's binding does not expose (controller id, offline replicas per broker list). The
 * binding has no describeConfigs at all, so doctor speaks these two requests itself, in their classic
 * (non-flexible) versions every Kafka since 2.x answers: Metadata v8, DescribeConfigs v1. PLAINTEXT only.
 */

/** Big-endian request body builder for the classic Kafka encoding. */
export class WireWriter {
  readonly #parts: Buffer[] = [];
  int8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v);
    return this.#push(b);
  }
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    return this.#push(b);
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    return this.#push(b);
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const bytes = Buffer.from(v, 'utf8');
    return this.int16(bytes.length).#push(bytes);
  }
  array<T>(items: readonly T[] | null, each: (w: this, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) each(this, item);
    return this;
  }
  bytes(): Buffer {
    return Buffer.concat(this.#parts);
  }
  #push(b: Buffer): this {
    this.#parts.push(b);
    return this;
  }
}

/** Reader over one response body; throws on truncation instead of reading garbage. */
export class WireReader {
  #at = 0;
  constructor(private readonly buf: Buffer) {}
  int8(): number {
    return this.#take(1).readInt8();
  }
  int16(): number {
    return this.#take(2).readInt16BE();
  }
  int32(): number {
    return this.#take(4).readInt32BE();
  }
  bool(): boolean {
    return this.int8() !== 0;
  }
  string(): string | null {
    const n = this.int16();
    return n < 0 ? null : this.#take(n).toString('utf8');
  }
  array<T>(each: (r: WireReader) => T): T[] {
    const n = this.int32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(each(this));
    return out;
  }
  #take(n: number): Buffer {
    if (this.#at + n > this.buf.length)
      throw new Error(`truncated Kafka response (wanted ${n} bytes at ${this.#at})`);
    const b = this.buf.subarray(this.#at, this.#at + n);
    this.#at += n;
    return b;
  }
}

/** One request/response exchange over a fresh connection (doctor sends a handful; no pooling needed). */
export function wireRequest(
  broker: { host: string; port: number },
  apiKey: number,
  apiVersion: number,
  body: Buffer,
  timeoutMs: number,
): Promise<WireReader> {
  const header = new WireWriter().int16(apiKey).int16(apiVersion).int32(1).string('kgen-doctor').bytes();
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + body.length);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: broker.host, port: broker.port });
    let received = Buffer.alloc(0);
    const fail = (err: Error): void => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(new Error(`no answer from ${broker.host}:${broker.port} within ${timeoutMs} ms`)),
    );
    socket.on('error', fail);
    socket.on('connect', () => socket.write(Buffer.concat([size, header, body])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const length = received.readInt32BE(0);
      if (received.length < 4 + length) return;
      socket.end();
      // Skip the response header (correlation id).
      resolve(new WireReader(received.subarray(8, 4 + length)));
    });
    socket.on('close', () =>
      reject(new Error(`connection to ${broker.host}:${broker.port} closed before an answer`)),
    );
  });
}
