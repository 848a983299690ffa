import { compareObjects, differences, existence, valueAt } from "../../../provider/drift/compare";
import { parseManifest } from "../../../provider/manifest/objects";

const manifest = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {tier: front}}
spec:
  replicas: 2
  template: {spec: {containers: [{name: web, image: "a:1"}]}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config}
data: {greeting: hello}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Secret
metadata: {name: web-credentials}
stringData: {password: S3cret-unit-1}
`;
const objects = parseManifest(manifest, "ns");
const b64 = (s: string) => Buffer.from(s).toString("base64");
/** As the API server returns them: namespace set, defaults and bookkeeping added. */
const served = (o: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...o,
  metadata: { ...(o.metadata as object), namespace: "ns", resourceVersion: "7", uid: "u", managedFields: [{ manager: "helm" }] },
  status: { observed: 1 },
  ...extra,
});
const deployment = (replicas: number, image = "a:1") => served({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", labels: { tier: "front" } }, spec: { replicas, progressDeadlineSeconds: 600, template: { spec: { containers: [{ name: "web", image, imagePullPolicy: "IfNotPresent" }] } } } });
const configMap = (greeting: string) => served({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-config" }, data: { greeting } });
const service = () => served({ apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { ports: [{ port: 80, protocol: "TCP" }], clusterIP: "10.0.0.1" } });
const secret = (password: string) => served({ apiVersion: "v1", kind: "Secret", metadata: { name: "web-credentials" }, data: { password: b64(password) }, type: "Opaque" });
const expected = [deployment(2), configMap("hello"), service(), secret("S3cret-unit-1")];

describe("compareObjects", () => {
  it("reports nothing when the live objects are what the dry run says (defaults, status and bookkeeping aside)", () => {
    const live = [deployment(2), configMap("hello"), service(), { ...secret("S3cret-unit-1"), metadata: { name: "web-credentials", namespace: "ns", resourceVersion: "9", generation: 3 }, status: { other: true } }];
    expect(compareObjects({ objects, expected, live })).toEqual([]);
  });

  it("reports a scaled Deployment, an edited ConfigMap value and a deleted Service, each field by JSON pointer", () => {
    const live = [deployment(5), configMap("tampered"), secret("S3cret-unit-1")];
    expect(compareObjects({ objects, expected, live })).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "ns", name: "web", fields: [{ path: "/spec/replicas", expected: 2, live: 5 }] },
      { apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: "web-config", fields: [{ path: "/data/greeting", expected: "hello", live: "tampered" }] },
      { apiVersion: "v1", kind: "Service", namespace: "ns", name: "web", missing: true },
    ]);
  });

  it("points into lists by index and escapes '/' and '~' in keys (RFC 6901)", () => {
    const cm = (v: string) => served({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-config", annotations: { "a/b~c": v } }, data: { greeting: "hello" } });
    const live = [deployment(2, "b:2"), cm("y"), service(), secret("S3cret-unit-1")];
    const drift = compareObjects({ objects, expected: [deployment(2), cm("x"), service(), secret("S3cret-unit-1")], live });
    expect(drift.map((d) => d.fields)).toEqual([
      [{ path: "/spec/template/spec/containers/0/image", expected: "a:1", live: "b:2" }],
      [{ path: "/metadata/annotations/a~1b~0c", expected: "x", live: "y" }],
    ]);
  });

  it("never shows a Secret's data: a changed value reads [secret] → [secret, changed]", () => {
    const drift = compareObjects({ objects, expected, live: [deployment(2), configMap("hello"), service(), secret("hand-set-value-42")] });
    expect(drift).toEqual([{ apiVersion: "v1", kind: "Secret", namespace: "ns", name: "web-credentials", fields: [{ path: "/data/password", expected: "[secret]", live: "[secret, changed]" }] }]);
    const text = JSON.stringify(drift);
    for (const s of ["hand-set-value-42", b64("hand-set-value-42"), "S3cret-unit-1", b64("S3cret-unit-1")]) expect(text).not.toContain(s);
  });

  it("masks every form of a secret input in other objects' values", () => {
    const drift = compareObjects({ objects, expected, live: [deployment(2), configMap("S3cret-unit-1!"), service(), secret("S3cret-unit-1")], secrets: ["S3cret-unit-1"] });
    expect(drift[0].fields).toEqual([{ path: "/data/greeting", expected: "hello", live: "[secret]!" }]);
  });

  it("ignores a user rule's pointers on the objects its target selects (kind, name regex, labels, * segments)", () => {
    const live = [deployment(5, "b:2"), configMap("tampered"), service(), secret("S3cret-unit-1")];
    const ignore = [
      { paths: ["/spec/replicas"], target: { kind: "Deployment", labels: { tier: "front" } } },
      { paths: ["/spec/template/spec/containers/*/image"], target: { name: "w.b" } },
      { paths: ["/data/greeting"], target: { kind: "Secret" } },
    ];
    expect(compareObjects({ objects, expected, live, ignore }).map((d) => [d.kind, d.fields?.map((f) => f.path)])).toEqual([["ConfigMap", ["/data/greeting"]]]);
    const wrongLabel = [{ paths: ["/spec/replicas"], target: { labels: { tier: "back" } } }];
    expect(compareObjects({ objects, expected, live: [deployment(5), configMap("hello"), service(), secret("S3cret-unit-1")], ignore: wrongLabel })).toHaveLength(1);
  });

  it('a rule with the pointer "" ignores the whole object, even deleted', () => {
    expect(compareObjects({ objects, expected, live: [deployment(2), configMap("hello"), secret("S3cret-unit-1")], ignore: [{ paths: [""], target: { kind: "Service" } }] })).toEqual([]);
  });

  it("leaves the replicas of an HPA's target to the HPA", () => {
    const hpa = parseManifest("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}\n", "ns");
    const hpaLive = served(hpa[0].body);
    const all = [...objects, ...hpa];
    expect(compareObjects({ objects: all, expected: [...expected, hpaLive], live: [deployment(7), configMap("hello"), service(), secret("S3cret-unit-1"), hpaLive] })).toEqual([]);
  });

  it("without a dry-run result, compares the manifest's own fields only", () => {
    const live = [deployment(2), configMap("hello"), service(), secret("S3cret-unit-1")];
    expect(compareObjects({ objects: objects.slice(0, 3), expected: [], live })).toEqual([]);
    expect(compareObjects({ objects: objects.slice(1, 2), expected: [], live: [configMap("x")] })[0].fields).toEqual([{ path: "/data/greeting", expected: "hello", live: "x" }]);
  });

  it("finds cluster-scoped objects of kinds the manifest parser does not know (returned without a namespace)", () => {
    const crs = parseManifest("apiVersion: example.com/v1\nkind: ClusterThing\nmetadata: {name: t}\nspec: {a: 1}\n", "ns");
    const back = { apiVersion: "example.com/v1", kind: "ClusterThing", metadata: { name: "t" }, spec: { a: 2 } };
    expect(existence(crs, [back])).toEqual([true]);
    expect(compareObjects({ objects: crs, expected: [{ ...back, spec: { a: 1 } }], live: [back] })[0].fields).toEqual([{ path: "/spec/a", expected: 1, live: 2 }]);
  });
});

describe("differences and valueAt", () => {
  it("lists the leaves that differ; an element or key on one side only is a difference of its own", () => {
    expect(differences({ a: [1, 2], b: { c: 1 } }, { a: [1], b: { c: 1, d: 2 } }, [], [])).toEqual([["a", "1"], ["b", "d"]]);
    expect(differences({ a: 1 }, { a: 1 }, [], [])).toEqual([]);
    expect(differences({ a: { x: 1 } }, { a: "s" }, [], [])).toEqual([["a"]]);
  });
  it("reads values by segments", () => {
    expect(valueAt({ a: [{ b: 3 }] }, ["a", "0", "b"])).toBe(3);
    expect(valueAt({ a: 1 }, ["a", "b"])).toBeUndefined();
  });
});
