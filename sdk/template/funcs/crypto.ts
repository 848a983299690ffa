/** sprig crypto.go functions Node can do faithfully: hashes, adler32, uuidv4, randBytes, AES-CBC. The rest are rejected. */
import * as crypto from "node:crypto";
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { goBase64Decode } from "./strings";
import { bcryptHash } from "./bcrypt";

/** sprig bcrypt: errors are returned as text, like sprig does. */
function bcrypt(input: string): string {
  try {
    return bcryptHash(input);
  } catch (e) {
    return `failed to encrypt string with bcrypt: ${(e as Error).message}`;
  }
}

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

const MASTER_PASSWORD_SEED = "com.lyndir.masterpassword";
const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
  long: [
    "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno", "CvcvnoCvccCvcv",
    "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv",
    "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
  ],
  medium: ["CvcnoCvc", "CvcCvcno"],
  short: ["Cvcn"],
  basic: ["aaanaaan", "aannaaan", "aaannaaa"],
  pin: ["nnnn"],
};
const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: "AEIOU",
  C: "BCDFGHJKLMNPQRSTVWXYZ",
  v: "aeiou",
  c: "bcdfghjklmnpqrstvwxyz",
  A: "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
  a: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
  n: "0123456789",
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
};

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** sprig derivePassword (Master Password algorithm: scrypt N=32768 r=8 p=2, HMAC-SHA256 template selection). */
function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[passwordType];
  if (!templates) return `cannot find password template ${passwordType}`;
  const userB = Buffer.from(user, "utf8");
  const salt = Buffer.concat([Buffer.from(MASTER_PASSWORD_SEED), u32(userB.length), userB]);
  const key = crypto.scryptSync(Buffer.from(password, "utf8"), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const siteB = Buffer.from(site, "utf8");
  const msg = Buffer.concat([Buffer.from(MASTER_PASSWORD_SEED), u32(siteB.length), siteB, u32(counter)]);
  const seed = crypto.createHmac("sha256", key).update(msg).digest();
  const temp = templates[seed[0] % templates.length];
  let out = "";
  for (let i = 0; i < temp.length; i++) {
    const chars = TEMPLATE_CHARACTERS[temp[i]];
    out += chars[seed[i + 1] % chars.length];
  }
  return out;
}

/** sprig genPrivateKey: PEM like Go's x509 encoders (PKCS#1 RSA, SEC 1 EC, PKCS#8 otherwise). DSA is rejected. */
function genPrivateKey(typ: string): string {
  switch (typ) {
    case "":
    case "rsa":
      return crypto.generateKeyPairSync("rsa", { modulusLength: 4096 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    case "ecdsa":
      return crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "sec1", format: "pem" }).toString();
    case "ed25519":
      return crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    case "dsa":
      fail("genPrivateKey \"dsa\" is not supported by the TypeScript template engine: Node cannot produce Go's DSA PRIVATE KEY encoding");
    default:
      return "Unknown type " + typ;
  }
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
  m.set("genPrivateKey", f(["string"], genPrivateKey));
  m.set("bcrypt", f(["string"], bcrypt));
  m.set("htpasswd", f(["string", "string"], (user: string, password: string) =>
    user.includes(":") ? `invalid username: ${user}` : `${user}:${bcrypt(password)}`,
  ));
  m.set("derivePassword", f(["uint32", "string", "string", "string", "string"], derivePassword));
  m.set("decryptAES", f(["string", "string"], decryptAES));
  return m;
}
