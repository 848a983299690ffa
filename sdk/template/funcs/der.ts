/** Minimal DER encoding/decoding for building X.509 certificates (sprig's genCA/genSelfSignedCert/genSignedCert). */

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}
export const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
export const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
export const octets = (b: Buffer) => tlv(0x04, b);
export const bitString = (b: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
export const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
export const nul = () => Buffer.from([0x05, 0x00]);
export const explicit = (n: number, b: Buffer) => tlv(0xa0 | n, b);

/** INTEGER from a non-negative bigint (minimal two's complement). */
export function integer(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  let b = Buffer.from(hex, "hex");
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

export function oid(s: string): Buffer {
  const parts = s.split(".").map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

/** encoding/asn1's string choice for pkix names: PrintableString when possible, else UTF8String. */
export function dirString(s: string): Buffer {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?*&]*$/.test(s);
  return tlv(printable ? 0x13 : 0x0c, Buffer.from(s, "utf8"));
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280), seconds precision, UTC. */
export function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const p2 = (n: number) => String(n).padStart(2, "0");
  const rest = p2(d.getUTCMonth() + 1) + p2(d.getUTCDate()) + p2(d.getUTCHours()) + p2(d.getUTCMinutes()) + p2(d.getUTCSeconds()) + "Z";
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(p2(y % 100) + rest, "latin1"));
  return tlv(0x18, Buffer.from(String(y).padStart(4, "0") + rest, "latin1"));
}

/** A parsed TLV: tag, header length and total length within the buffer. */
export interface Node {
  tag: number;
  start: number;
  headerLen: number;
  len: number;
}

export function read(b: Buffer, at: number): Node {
  const tag = b[at];
  let l = b[at + 1];
  let h = 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + b[at + 2 + i];
    h += n;
  }
  return { tag, start: at, headerLen: h, len: l };
}

/** Children of a constructed TLV. */
export function children(b: Buffer, n: Node): Node[] {
  const out: Node[] = [];
  let at = n.start + n.headerLen;
  const end = n.start + n.headerLen + n.len;
  while (at < end) {
    const c = read(b, at);
    out.push(c);
    at = c.start + c.headerLen + c.len;
  }
  return out;
}

export const raw = (b: Buffer, n: Node) => b.subarray(n.start, n.start + n.headerLen + n.len);
export const content = (b: Buffer, n: Node) => b.subarray(n.start + n.headerLen, n.start + n.headerLen + n.len);
