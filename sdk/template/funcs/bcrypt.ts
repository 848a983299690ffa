/** bcrypt as golang.org/x/crypto/bcrypt generates it ($2a$, cost 10, 16-byte random salt), for sprig bcrypt/htpasswd. */
import * as crypto from "node:crypto";
import { P, S0, S1, S2, S3 } from "./blowfish-const";

const ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** bcrypt's base64 (its own alphabet, no padding). */
export function bcryptBase64(b: Uint8Array): string {
  const std = Buffer.from(b).toString("base64").replace(/=+$/, "");
  let out = "";
  for (const c of std) out += ALPHABET[STD.indexOf(c)];
  return out;
}

class Blowfish {
  p = new Uint32Array(P);
  s0 = new Uint32Array(S0);
  s1 = new Uint32Array(S1);
  s2 = new Uint32Array(S2);
  s3 = new Uint32Array(S3);
  private lr = new Uint32Array(2);

  private f(x: number): number {
    return ((((this.s0[x >>> 24] + this.s1[(x >>> 16) & 0xff]) >>> 0) ^ this.s2[(x >>> 8) & 0xff]) + this.s3[x & 0xff]) >>> 0;
  }

  /** encryptBlock: result in this.lr. */
  encrypt(l: number, r: number): void {
    const p = this.p;
    let xl = (l ^ p[0]) >>> 0;
    let xr = r >>> 0;
    for (let i = 1; i <= 16; i += 2) {
      xr = (xr ^ this.f(xl) ^ p[i]) >>> 0;
      xl = (xl ^ this.f(xr) ^ p[i + 1]) >>> 0;
    }
    xr = (xr ^ p[17]) >>> 0;
    this.lr[0] = xr;
    this.lr[1] = xl;
  }

  private fill(salt: Uint8Array | null, pos: { j: number }): void {
    let l = 0;
    let r = 0;
    const boxes = [this.p, this.s0, this.s1, this.s2, this.s3];
    for (const box of boxes) {
      for (let i = 0; i < box.length; i += 2) {
        if (salt) {
          l = (l ^ nextWord(salt, pos)) >>> 0;
          r = (r ^ nextWord(salt, pos)) >>> 0;
        }
        this.encrypt(l, r);
        l = this.lr[0];
        r = this.lr[1];
        box[i] = l;
        box[i + 1] = r;
      }
    }
  }

  expandKey(key: Uint8Array): void {
    const pos = { j: 0 };
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i] ^ nextWord(key, pos)) >>> 0;
    this.fill(null, pos);
  }

  expandKeyWithSalt(key: Uint8Array, salt: Uint8Array): void {
    const pos = { j: 0 };
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i] ^ nextWord(key, pos)) >>> 0;
    this.fill(salt, { j: 0 });
  }
}

function nextWord(b: Uint8Array, pos: { j: number }): number {
  let w = 0;
  let j = pos.j;
  for (let i = 0; i < 4; i++) {
    w = ((w << 8) | b[j]) >>> 0;
    j++;
    if (j >= b.length) j = 0;
  }
  pos.j = j;
  return w;
}

/** The bcrypt hash string for `password` with a given 16-byte salt and cost. */
export function bcryptWithSalt(password: Uint8Array, salt: Uint8Array, cost: number): string {
  const ckey = new Uint8Array(password.length + 1);
  ckey.set(password);
  const c = new Blowfish();
  c.expandKeyWithSalt(ckey, salt);
  const rounds = 2 ** cost;
  for (let i = 0; i < rounds; i++) {
    c.expandKey(ckey);
    c.expandKey(salt);
  }
  const data = Buffer.from("OrpheanBeholderScryDoubt", "latin1");
  for (let i = 0; i < 24; i += 8) {
    let l = data.readUInt32BE(i);
    let r = data.readUInt32BE(i + 4);
    for (let j = 0; j < 64; j++) {
      c.encrypt(l, r);
      l = (c as unknown as { lr: Uint32Array }).lr[0];
      r = (c as unknown as { lr: Uint32Array }).lr[1];
    }
    data.writeUInt32BE(l, i);
    data.writeUInt32BE(r, i + 4);
  }
  const costStr = String(cost).padStart(2, "0");
  return `$2a$${costStr}$${bcryptBase64(salt)}${bcryptBase64(data.subarray(0, 23))}`;
}

/** bcrypt.GenerateFromPassword(password, DefaultCost). Throws Go's error for passwords over 72 bytes. */
export function bcryptHash(password: string): string {
  const pw = Buffer.from(password, "utf8");
  if (pw.length > 72) throw new Error("bcrypt: password length exceeds 72 bytes");
  return bcryptWithSalt(pw, crypto.randomBytes(16), 10);
}
