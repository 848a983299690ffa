/** sprig crypto.go functions Node can do faithfully: hashes, adler32, uuidv4, randBytes, AES-CBC. The rest are rejected. */
import * as crypto from "node:crypto";
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { goBase64Decode } from "./strings";

const hash = (alg: string) => (s: string) => crypto.createHash(alg).update(Buffer.from(s, "utf8")).digest("hex");

function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, "utf8")) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

function key32(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, "utf8").copy(key, 0, 0, 32);
  return key;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === "") return "";
  const content = Buffer.from(plaintext, "utf8");
  const padding = 16 - (content.length % 16);
  const padded = Buffer.concat([content, Buffer.alloc(padding, padding)]);
  const iv = crypto.randomBytes(16);
  const c = crypto.createCipheriv("aes-256-cbc", key32(password), iv);
  c.setAutoPadding(false);
  return Buffer.concat([iv, c.update(padded), c.final()]).toString("base64");
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === "") return "";
  const crypt = goBase64Decode(crypt64);
  if (typeof crypt === "string") fail(crypt);
  if (crypt.length < 16) fail("runtime error: slice bounds out of range [:16] with capacity " + crypt.length);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) fail("crypto/cipher: input not full blocks");
  const d = crypto.createDecipheriv("aes-256-cbc", key32(password), crypt.subarray(0, 16));
  d.setAutoPadding(false);
  const dec = Buffer.concat([d.update(body), d.final()]);
  if (dec.length === 0) fail("runtime error: index out of range [-1]");
  const pad = dec[dec.length - 1];
  if (pad > dec.length) fail(`runtime error: slice bounds out of range [:${dec.length - pad}]`);
  return dec.subarray(0, dec.length - pad).toString("utf8");
}

export function cryptoFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("sha1sum", f(["string"], hash("sha1")));
  m.set("sha256sum", f(["string"], hash("sha256")));
  m.set("sha512sum", f(["string"], hash("sha512")));
  m.set("adler32sum", f(["string"], adler32));
  m.set("uuidv4", f([], () => crypto.randomUUID()));
  m.set("randBytes", f(["int"], (n: number) => {
    if (n < 0) fail("runtime error: makeslice: len out of range");
    return crypto.randomBytes(n).toString("base64");
  }));
  m.set("encryptAES", f(["string", "string"], encryptAES));
  m.set("decryptAES", f(["string", "string"], decryptAES));
  return m;
}
