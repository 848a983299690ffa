import * as fs from "node:fs";
import * as path from "node:path";
import { loadHelmfile } from "../../sdk/loader";
import { releaseArgs, SHARED_RELEASE_OPTIONS, sharedOptionsOf } from "../../sdk/release-args";
import { tempDir } from "../harness/temp";

describe("releaseArgs: options a Helmfile component gives every release", () => {
  it("driftDetection reaches each release's arguments (the opt-out of a whole helmfile)", async () => {
    const dir = tempDir("release-args");
    try {
      fs.mkdirSync(path.join(dir, "chart"));
      fs.writeFileSync(path.join(dir, "chart", "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
      fs.writeFileSync(path.join(dir, "helmfile.yaml"), "releases:\n  - name: a\n    chart: ./chart\n  - name: b\n    chart: ./chart\n");
      const st = await loadHelmfile(path.join(dir, "helmfile.yaml"), { env: {} });
      const off = { mode: "disabled" as const };
      expect(st.releases.map((r) => releaseArgs(r, { driftDetection: off }).driftDetection)).toEqual([off, off]);
      expect(releaseArgs(st.releases[0], {}).driftDetection).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("sharedOptionsOf: what a Helmfile component passes on to its releases", () => {
  it("every shared option, set ones only, and nothing of the component's own arguments", () => {
    const set = { kubeconfig: "k", helmBinary: "/h", cacheDir: "/c", recoverPending: true, adopt: "org/p/s", preview: { render: false }, driftDetection: { mode: "warn" as const }, hooks: false };
    expect(Object.keys(set).sort()).toEqual([...SHARED_RELEASE_OPTIONS].sort());
    expect(sharedOptionsOf({ ...set, file: "helmfile.yaml", environment: "prod" } as never)).toEqual(set);
    expect(sharedOptionsOf({ kubeconfig: "k", cacheDir: undefined })).toEqual({ kubeconfig: "k" });
  });
});
