/**
 * sprig's certificate functions (genCA, genCAWithKey, genSelfSignedCert[WithKey], genSignedCert[WithKey],
 * buildCustomCert): X.509 v3 certificates built like Go's x509.CreateCertificate from sprig's template (random
 * 128-bit serial, KeyUsage, ExtKeyUsage server+client auth, basic constraints, SANs, RFC 7093 subject key id for CAs,
 * authority key id from the signer), signed with SHA-256, PEM-encoded.
 */
import * as crypto from "node:crypto";
import { isIP } from "node:net";
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { formatV } from "../format/printf";
import { GoObject, GoValue } from "../value";
import * as D from "./der";
import { goBase64Decode } from "./strings";

/** sprig's certificate struct {Cert, Key string}. */
export class Certificate extends GoObject {
  readonly goType = "sprig.certificate";
  readonly goKind = "struct";
  constructor(
    readonly cert: string,
    readonly key: string,
  ) {
    super();
  }
  goString(): string {
    return `{${this.cert} ${this.key}}`;
  }
  goMethods() {
    return { Cert: { params: [], fn: () => this.cert }, Key: { params: [], fn: () => this.key } };
  }
}

function pem(type: string, der: Buffer): string {
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN ${type}-----\n${b64}\n-----END ${type}-----\n`;
}

function pemBlockForKey(k: crypto.KeyObject): string {
  switch (k.asymmetricKeyType) {
    case "rsa":
      return k.export({ type: "pkcs1", format: "pem" }).toString();
    case "ec":
      return k.export({ type: "sec1", format: "pem" }).toString();
    default:
      return k.export({ type: "pkcs8", format: "pem" }).toString();
  }
}

/** sprig parsePrivateKeyPEM (RSA / EC / PKCS#8; DSA is not supported by Node). */
function parsePrivateKeyPEM(block: string): crypto.KeyObject {
  const m = /-----BEGIN ([^-]+)-----/.exec(block);
  if (!m) fail("no PEM data in input");
  const type = m[1];
  if (type !== "PRIVATE KEY" && !type.endsWith(" PRIVATE KEY")) fail(`no private key data in PEM block of type ${type}`);
  if (type === "DSA PRIVATE KEY") fail("DSA private keys are not supported by the TypeScript template engine");
  if (type !== "PRIVATE KEY" && type !== "RSA PRIVATE KEY" && type !== "EC PRIVATE KEY") fail(`invalid private key type ${type}`);
  try {
    return crypto.createPrivateKey(block);
  } catch (e) {
    fail(`parsing private key from PEM: ${(e as Error).message}`);
  }
}

function getNetIPs(ips: GoValue[] | null): Buffer[] {
  return (ips ?? []).map((ip) => {
    if (typeof ip !== "string") fail(`error parsing ip: ${formatV(ip ?? null)} is not a string`);
    const v = isIP(ip);
    if (v === 0) fail(`error parsing ip: ${ip}`);
    if (v === 4) return Buffer.from(ip.split(".").map(Number));
    const full = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
    const groups = full.split("::");
    const head = groups[0] ? groups[0].split(":") : [];
    const tail = groups.length > 1 && groups[1] ? groups[1].split(":") : [];
    const words = [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
    return Buffer.from(words.flatMap((w) => [parseInt(w, 16) >> 8, parseInt(w, 16) & 0xff]));
  });
}

function getDNSNames(names: GoValue[] | null): string[] {
  return (names ?? []).map((n) => {
    if (typeof n !== "string") fail(`error processing alternate dns name: ${formatV(n ?? null)} is not a string`);
    return n;
  });
}

const OID = {
  cn: "2.5.4.3",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  basicConstraints: "2.5.29.19",
  skid: "2.5.29.14",
  akid: "2.5.29.35",
  san: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
};

interface Template {
  cn: string;
  ips: Buffer[];
  dns: string[];
  days: number;
  isCA: boolean;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return D.seq(D.oid(id), ...(critical ? [D.bool(true)] : []), D.octets(value));
}

/** x509.CreateCertificate for sprig's templates. */
function createCertificate(t: Template, signee: crypto.KeyObject, parent: { subject: Buffer; skid: Buffer | null } | null, signer: crypto.KeyObject): string {
  const pub = crypto.createPublicKey(signee);
  const spki = pub.export({ type: "spki", format: "der" }) as Buffer;
  const spkiNode = D.read(spki, 0);
  const pubBits = D.content(spki, D.children(spki, spkiNode)[1]).subarray(1);
  const subject = D.seq(D.set(D.seq(D.oid(OID.cn), D.dirString(t.cn))));
  const issuer = parent ? parent.subject : subject;
  const serial = BigInt("0x" + crypto.randomBytes(16).toString("hex"));
  const sigAlg = signer.asymmetricKeyType === "rsa" ? D.seq(D.oid(OID.sha256WithRSA), D.nul()) : D.seq(D.oid(OID.ecdsaWithSHA256));
  if (signer.asymmetricKeyType !== "rsa" && signer.asymmetricKeyType !== "ec") fail(`x509: unsupported signing key type ${signer.asymmetricKeyType}`);
  const now = new Date();
  const notAfter = new Date(now.getTime() + t.days * 24 * 3600 * 1000);
  // KeyUsage bits: digitalSignature(0), keyEncipherment(2), certSign(5)
  const ku = t.isCA ? 0b10100100 : 0b10100000;
  const unused = t.isCA ? 2 : 5;
  const exts: Buffer[] = [
    extension(OID.keyUsage, true, D.tlv(0x03, Buffer.from([unused, ku]))),
    extension(OID.extKeyUsage, false, D.seq(D.oid(OID.serverAuth), D.oid(OID.clientAuth))),
    extension(OID.basicConstraints, true, t.isCA ? D.seq(D.bool(true)) : D.seq()),
  ];
  if (t.isCA) exts.push(extension(OID.skid, false, D.octets(crypto.createHash("sha256").update(pubBits).digest().subarray(0, 20))));
  if (parent && !parent.subject.equals(subject) && parent.skid) exts.push(extension(OID.akid, false, D.seq(D.tlv(0x80, parent.skid))));
  if (t.dns.length > 0 || t.ips.length > 0) {
    exts.push(extension(OID.san, false, D.seq(...t.dns.map((n) => D.tlv(0x82, Buffer.from(n, "latin1"))), ...t.ips.map((ip) => D.tlv(0x87, ip)))));
  }
  const tbs = D.seq(
    D.explicit(0, D.integer(2n)),
    D.integer(serial),
    sigAlg,
    issuer,
    D.seq(D.time(now), D.time(notAfter)),
    subject,
    spki,
    D.explicit(3, D.seq(...exts)),
  );
  const signature = crypto.sign("sha256", tbs, signer);
  return pem("CERTIFICATE", D.seq(tbs, sigAlg, D.bitString(signature)));
}

/** Subject name and subject key id of a PEM certificate (the signer of genSignedCert). */
function parseSigner(certPem: string): { subject: Buffer; skid: Buffer | null } {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(certPem);
  if (!m) fail("unable to decode certificate");
  const der = Buffer.from(m[1].replace(/\s+/g, ""), "base64");
  try {
    new crypto.X509Certificate(der);
  } catch (e) {
    fail(`error parsing certificate: decodedSignerCert.Bytes: ${(e as Error).message}`);
  }
  const cert = D.read(der, 0);
  const tbsNode = D.children(der, cert)[0];
  const fields = D.children(der, tbsNode);
  const off = fields[0].tag === 0xa0 ? 1 : 0;
  const subject = Buffer.from(D.raw(der, fields[off + 4]));
  let skid: Buffer | null = null;
  const extWrap = fields.find((x) => x.tag === 0xa3);
  if (extWrap) {
    for (const ext of D.children(der, D.children(der, extWrap)[0])) {
      const parts = D.children(der, ext);
      const id = D.content(der, parts[0]);
      if (id.equals(D.content(D.oid(OID.skid), D.read(D.oid(OID.skid), 0)))) {
        const octet = D.content(der, parts[parts.length - 1]);
        skid = Buffer.from(D.content(octet, D.read(octet, 0)));
      }
    }
  }
  return { subject, skid };
}

const newRSA = () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

function selfSigned(cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: number, key: crypto.KeyObject, isCA: boolean): Certificate {
  const t: Template = { cn, ips: getNetIPs(ips), dns: getDNSNames(dns), days, isCA };
  return new Certificate(createCertificate(t, key, null, key), pemBlockForKey(key));
}

function signed(cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: number, ca: Certificate, key: crypto.KeyObject): Certificate {
  const parent = parseSigner(ca.cert);
  let signer: crypto.KeyObject;
  try {
    signer = parsePrivateKeyPEM(ca.key);
  } catch (e) {
    fail(`error parsing private key: ${(e as Error).message}`);
  }
  const t: Template = { cn, ips: getNetIPs(ips), dns: getDNSNames(dns), days, isCA: false };
  return new Certificate(createCertificate(t, key, parent, signer), pemBlockForKey(key));
}

function withPEMKey(pemKey: string): crypto.KeyObject {
  try {
    return parsePrivateKeyPEM(pemKey);
  } catch (e) {
    fail(`parsing private key: ${(e as Error).message}`);
  }
}

function buildCustomCert(b64cert: string, b64key: string): Certificate {
  const cert = goBase64Decode(b64cert);
  if (typeof cert === "string") fail("unable to decode base64 certificate");
  const key = goBase64Decode(b64key);
  if (typeof key === "string") fail("unable to decode base64 private key");
  const certPem = cert.toString("utf8");
  parseSigner(certPem);
  try {
    parsePrivateKeyPEM(key.toString("utf8"));
  } catch (e) {
    fail(`error parsing private key: ${(e as Error).message}`);
  }
  return new Certificate(certPem, key.toString("utf8"));
}

export function certFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("genCA", f(["string", "int"], (cn: string, days: number) => selfSigned(cn, null, null, days, newRSA(), true)));
  m.set("genCAWithKey", f(["string", "int", "string"], (cn: string, days: number, k: string) => selfSigned(cn, null, null, days, withPEMKey(k), true)));
  m.set("genSelfSignedCert", f(["string", "list", "list", "int"], (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: number) =>
    selfSigned(cn, ips, dns, days, newRSA(), false),
  ));
  m.set("genSelfSignedCertWithKey", f(["string", "list", "list", "int", "string"], (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: number, k: string) =>
    selfSigned(cn, ips, dns, days, withPEMKey(k), false),
  ));
  m.set("genSignedCert", f(["string", "list", "list", "int", "certificate"], (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: number, ca: Certificate) =>
    signed(cn, ips, dns, days, ca, newRSA()),
  ));
  m.set("genSignedCertWithKey", f(["string", "list", "list", "int", "certificate", "string"], (cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: number, ca: Certificate, k: string) =>
    signed(cn, ips, dns, days, ca, withPEMKey(k)),
  ));
  m.set("buildCustomCert", f(["string", "string"], buildCustomCert));
  return m;
}
