import { HelmError, helmReason, isNameInUse, isTransient } from "../../../provider/helm/errors";

describe("isTransient: every form of a dropped connection or overloaded server helm prints is retried", () => {
  const transient: [string, string][] = [
    ["closed idle connection", 'Error: failed to do request: Head "http://127.0.0.1:5000/v2/charts/raw/manifests/0.1.0": http: server closed idle connection'],
    ["connection reset", "Error: read tcp 127.0.0.1:40000->127.0.0.1:5000: read: connection reset by peer"],
    ["connection refused", "Error: dial tcp 127.0.0.1:5000: connect: connection refused"],
    ["unexpected EOF", 'Error: Get "http://127.0.0.1:8080/index.yaml": unexpected EOF'],
    ["bare EOF", 'Error: Head "http://127.0.0.1:5000/v2/": EOF'],
    ["TLS handshake timeout", 'Error: Get "https://charts.example.com/index.yaml": net/http: TLS handshake timeout'],
    ["i/o timeout", "Error: dial tcp 10.0.0.1:443: i/o timeout"],
    ["closed network connection", "Error: read tcp 127.0.0.1:1->127.0.0.1:2: use of closed network connection"],
    ["GOAWAY", "Error: http2: server sent GOAWAY and closed the connection; LastStreamID=1, ErrCode=NO_ERROR"],
    ["response headers timeout", "Error: net/http: timeout awaiting response headers"],
    ["503", "Error: failed to fetch http://x/index.yaml : 503 Service Unavailable"],
    ["429", "Error: unexpected status code 429"],
  ];
  it.each(transient)("%s", (_name, stderr) => expect(isTransient(stderr)).toBe(true));

  const permanent: [string, string][] = [
    ["unauthorized", "Error: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to http://x/token: 401 Unauthorized"],
    ["not found", 'Error: chart "web" version "9.9.9" not found in http://127.0.0.1:8080 repository'],
    ["bad values", "Error: values don't meet the specifications of the schema(s)"],
  ];
  it.each(permanent)("not %s", (_name, stderr) => expect(isTransient(stderr)).toBe(false));
});

describe("helmReason", () => {
  it("joins helm 3's multi-error causes", () => {
    expect(helmReason("Error: 2 errors occurred:\n\t* a\n\t* b\n")).toBe("a; b");
  });
  it("takes the last Error: line", () => {
    expect(helmReason("walk.go:74: warning\nError: INSTALLATION FAILED: boom\n")).toBe("INSTALLATION FAILED: boom");
  });
});

describe("isNameInUse", () => {
  const err = (stderr: string) => new HelmError("install", "helm install web", 1, stderr, stderr);
  it.each([
    ["helm 3 name check", "Error: INSTALLATION FAILED: cannot re-use a name that is still in use"],
    ["helm 4 name check", "Error: INSTALLATION FAILED: cannot reuse a name that is still in use"],
    ["lost the race to the release record", "Error: INSTALLATION FAILED: release: already exists"],
  ])("%s", (_n, stderr) => expect(isNameInUse(err(stderr))).toBe(true));
  it("other failures", () => {
    expect(isNameInUse(err('Error: INSTALLATION FAILED: configmaps "web-config" already exists'))).toBe(false);
    expect(isNameInUse(new Error("cannot reuse a name that is still in use"))).toBe(false);
  });
});
