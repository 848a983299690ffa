import * as crypto from "node:crypto";
import { summarize } from "../../../provider/manifest/summary";
import { parseManifest } from "../../../provider/manifest/objects";

const secret = "Sup3r-secret-value";
const manifest = `
apiVersion: v1
kind: Secret
metadata: { name: creds }
data:
  password: ${Buffer.from(secret).toString("base64")}
stringData:
  token: ${secret}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg }
data:
  url: https://user:${encodeURIComponent(secret)}@db.example.com
  plain: hello
`;

describe("summarize", () => {
  const objects = parseManifest(manifest, "ns");

  it("Secret data values are masked, keys visible; the summary holds no form or digest of them", () => {
    const { summary } = summarize(objects, [secret]);
    expect(summary["v1/Secret/ns/creds"]).toMatchObject({ data: { password: "[secret]" }, stringData: { token: "[secret]" } });
    expect(summary["v1/ConfigMap/ns/cfg"]).toMatchObject({ data: { url: "https://user:[secret]@db.example.com", plain: "hello" } });
    const text = JSON.stringify(summary);
    const b64 = Buffer.from(secret).toString("base64");
    for (const v of [secret, b64]) {
      for (const algo of ["sha1", "sha256"]) expect(text).not.toContain(crypto.createHash(algo).update(v).digest("hex").slice(0, 8));
      expect(text).not.toContain(v);
    }
  });

  it("a Secret's data change shows in secretDigests only", () => {
    const a = summarize(objects, []);
    const b = summarize(parseManifest(manifest.replace(Buffer.from(secret).toString("base64"), Buffer.from("other").toString("base64")), "ns"), []);
    expect(b.summary).toEqual(a.summary);
    expect(b.secretDigests["v1/Secret/ns/creds"]).not.toBe(a.secretDigests["v1/Secret/ns/creds"]);
    expect(Object.keys(a.secretDigests)).toEqual(["v1/Secret/ns/creds"]);
  });
});

describe("checksum annotations (an unkeyed hash over a Secret's template)", () => {
  const deployment = (sum: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: app, annotations: { checksum/config: ${sum} } }
spec:
  template:
    metadata: { annotations: { checksum/secret: ${sum}, other: keep } }
`;
  it("are masked in the summary, keys visible; a change shows in secretDigests", () => {
    const a = summarize(parseManifest(deployment("a".repeat(64)), "ns"), []);
    const b = summarize(parseManifest(deployment("b".repeat(64)), "ns"), []);
    expect(a.summary["apps/v1/Deployment/ns/app"]).toMatchObject({
      metadata: { annotations: { "checksum/config": "[secret]" } },
      spec: { template: { metadata: { annotations: { "checksum/secret": "[secret]", other: "keep" } } } },
    });
    expect(JSON.stringify(a.summary)).not.toContain("a".repeat(16));
    expect(b.summary).toEqual(a.summary);
    expect(b.secretDigests["apps/v1/Deployment/ns/app#checksums"]).not.toBe(a.secretDigests["apps/v1/Deployment/ns/app#checksums"]);
  });
});
