import { describeDrift, liveSummary } from "../../../provider/drift/report";

const drift = [
  { apiVersion: "apps/v1", kind: "Deployment", namespace: "ns", name: "web", fields: [{ path: "/spec/replicas", expected: 2, live: 5 }, { path: "/spec/paused", expected: true }] },
  { apiVersion: "v1", kind: "Service", namespace: "ns", name: "web", missing: true },
  { apiVersion: "v1", kind: "Secret", namespace: "ns", name: "s", fields: [{ path: "/data/password", expected: "[secret]", live: "[secret, changed]" }] },
];

describe("describeDrift", () => {
  it("one entry per object: deleted, or pointer expected → live", () => {
    expect(describeDrift(drift)).toBe(
      'apps/v1/Deployment/ns/web: /spec/replicas 2 → 5, /spec/paused true → (absent); v1/Service/ns/web: deleted; v1/Secret/ns/s: /data/password "[secret]" → "[secret, changed]"',
    );
  });
  it("shortens long values", () => {
    expect(describeDrift([{ ...drift[0], fields: [{ path: "/a", expected: "x".repeat(100), live: 1 }] }])).toMatch(/"x+… → 1$/);
  });
});

describe("liveSummary", () => {
  it("puts the live values in, leaves deleted objects out, keeps what the summary does not show", () => {
    const rendered = {
      "apps/v1/Deployment/ns/web": { spec: { replicas: 2, paused: true } },
      "v1/Service/ns/web": { spec: {} },
      "v1/Secret/ns/s": { stringData: { password: "[secret]" } },
      "v1/ConfigMap/ns/big": { digest: "d", bytes: 9 },
    };
    const before = structuredClone(rendered);
    expect(liveSummary(rendered, [...drift, { apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: "big", fields: [{ path: "/data/x", expected: 1, live: 2 }] }])).toEqual({
      "apps/v1/Deployment/ns/web": { spec: { replicas: 5 } },
      "v1/Secret/ns/s": { stringData: { password: "[secret]" } },
      "v1/ConfigMap/ns/big": { digest: "d", bytes: 9 },
    });
    expect(rendered).toEqual(before);
  });
});
