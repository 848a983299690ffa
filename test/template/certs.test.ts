/**
 * sprig's certificate functions produce random keys and serials, so they are checked semantically: every certificate
 * is parsed and verified by Go's crypto/x509 (goref -x509-check) and by Node's X509Certificate.
 */
import * as crypto from "node:crypto";
import { renderTemplate } from "../../sdk/template";
import { x509CheckGo } from "./goref";

const opts = { name: "t", baseDir: __dirname };
const r = (t: string, data: unknown = {}) => renderTemplate(t, data, opts);
const split = (s: string) => {
  const [cert, key] = s.split("|||");
  return { cert, key };
};

test("genCA: self-signed CA with RSA key, verified by Go", () => {
  const ca = split(r(`{{ $ca := genCA "my-ca" 365 }}{{ $ca.Cert }}|||{{ $ca.Key }}`));
  expect(ca.key.startsWith("-----BEGIN RSA PRIVATE KEY-----\n")).toBe(true);
  const [go] = x509CheckGo([{ cert: ca.cert, key: ca.key }]);
  expect(go).toMatchObject({ cn: "my-ca", isCA: true, verified: true, validDays: 365, skid: 20, akid: 0, keyType: "RSA PRIVATE KEY" });
  expect(go.keyUsage).toBe(1 | 4 | 32); // DigitalSignature | KeyEncipherment | CertSign
  expect(go.extKeyUsage).toEqual([1, 2]); // ServerAuth, ClientAuth
  expect(go.serialBits as number).toBeLessThanOrEqual(128);
  const x = new crypto.X509Certificate(ca.cert);
  expect(x.ca).toBe(true);
  expect(x.checkPrivateKey(crypto.createPrivateKey(ca.key))).toBe(true);
}, 120_000);

test("genSignedCert: leaf signed by the CA with SANs, verified by Go against the CA", () => {
  const out = r(
    `{{ $ca := genCA "root" 30 }}{{ $c := genSignedCert "svc.ns.svc" (list "10.0.0.1" "::1") (list "svc" "svc.ns.svc") 10 $ca }}{{ $ca.Cert }}|||{{ $c.Cert }}|||{{ $c.Key }}`,
  );
  const [caCert, cert, key] = out.split("|||");
  const [go] = x509CheckGo([{ cert, key, ca: caCert }]);
  expect(go).toMatchObject({ cn: "svc.ns.svc", isCA: false, verified: true, validDays: 10, dns: ["svc", "svc.ns.svc"], ips: ["10.0.0.1", "::1"], akid: 20, skid: 0 });
  const x = new crypto.X509Certificate(cert);
  expect(x.checkIssued(new crypto.X509Certificate(caCert))).toBe(true);
  expect(x.verify(new crypto.X509Certificate(caCert).publicKey)).toBe(true);
  expect(x.subjectAltName).toContain("DNS:svc.ns.svc");
}, 120_000);

test("genSelfSignedCert / WithKey / genCAWithKey / genSignedCertWithKey reuse given keys", () => {
  const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "sec1", format: "pem" }).toString();
  const out = r(
    `{{ $s := genSelfSignedCertWithKey "self" (list) (list "a.example") 5 .k }}{{ $ca := genCAWithKey "ca2" 5 .k }}{{ $l := genSignedCertWithKey "leaf" nil nil 5 $ca .k }}{{ $s.Cert }}|||{{ $s.Key }}|||{{ $ca.Cert }}|||{{ $l.Cert }}|||{{ (genSelfSignedCert "plain" nil nil 1).Cert }}`,
    { k: ec },
  );
  const [selfCert, selfKey, caCert, leafCert, plain] = out.split("|||");
  expect(selfKey).toBe(ec);
  const [s, ca, leaf, p] = x509CheckGo([{ cert: selfCert }, { cert: caCert }, { cert: leafCert, ca: caCert }, { cert: plain }]);
  expect(s).toMatchObject({ cn: "self", dns: ["a.example"], isCA: false, verified: true });
  expect(ca).toMatchObject({ cn: "ca2", isCA: true, verified: true });
  expect(leaf).toMatchObject({ cn: "leaf", verified: true });
  expect(p).toMatchObject({ cn: "plain", isCA: false, validDays: 1 });
  expect(new crypto.X509Certificate(selfCert).checkPrivateKey(crypto.createPrivateKey(ec))).toBe(true);
}, 120_000);

test("buildCustomCert round-trips base64 PEM and rejects garbage", () => {
  const out = r(`{{ $ca := genCA "x" 1 }}{{ $c := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ eq $c.Cert $ca.Cert }} {{ eq $c.Key $ca.Key }}`);
  expect(out).toBe("true true");
  expect(() => r(`{{ buildCustomCert "!!" "x" }}`)).toThrow(/error calling buildCustomCert: unable to decode base64 certificate/);
  expect(() => r(`{{ buildCustomCert ("x" | b64enc) ("y" | b64enc) }}`)).toThrow(/unable to decode certificate/);
  expect(() => r(`{{ genSignedCert "x" nil nil 1 "notacert" }}`)).toThrow(/can't handle "notacert" for arg of type sprig.certificate/);
  expect(() => r(`{{ genSelfSignedCert "x" (list "not-an-ip") nil 1 }}`)).toThrow(/error parsing ip: not-an-ip/);
}, 120_000);
