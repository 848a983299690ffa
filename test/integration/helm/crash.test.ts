/**
 * A process using the driver is SIGKILLed while helm runs (with a kubeconfig given as content): its private temp dir
 * survives the crash, and the next process that creates a driver sweeps it, while the temp dirs of live processes
 * stay. With helm v4 and helm v3 (each in a fresh copy of the driver's modules: the sweep runs once per process).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { kubeconfigText } from "../../harness/cluster";
import { waitFor } from "../../harness/kube";
import { isAlive } from "../../harness/processes";
import { tempDir, testbed } from "../../harness/testbed";
import { helmBinaries, repoRoot } from "../../harness/tools";
import { privateTempRoot } from "./helpers";

const distDriver = path.join(repoRoot, "dist", "provider", "helm", "driver.js");

/** Pids of processes whose command line contains `s`. */
function pidsWith(s: string): number[] {
  const out: number[] = [];
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(s)) out.push(Number(pid));
    } catch {
      /* exited */
    }
  }
  return out;
}

describe.each(helmBinaries())("helm driver temp dirs after a crash, helm v$major", ({ major, path: bin }) => {
  test("a SIGKILLed process's temp dir (kubeconfig inside) is swept by the next driver; live processes' dirs are kept", async () => {
    expect(fs.existsSync(distDriver)).toBe(true); // the child runs the built driver (npm run build)
    const root = privateTempRoot(`crash-v${major}`);
    // An API server that never answers keeps helm (and the child) busy until we kill it.
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const kubeconfig = kubeconfigText(`https://127.0.0.1:${(server.address() as net.AddressInfo).port}`, testbed().cluster.caFile, `crash-token-v${major}`, "crash");
    const homes = tempDir(`helm-crash-homes-v${major}`);
    const script = `
      const { HelmDriver } = require(${JSON.stringify(distDriver)});
      const { homesUnder } = require(${JSON.stringify(path.join(repoRoot, "dist", "provider", "helm", "environment.js"))});
      const d = new HelmDriver({ binary: ${JSON.stringify(bin)}, homes: homesUnder(${JSON.stringify(homes)}) });
      d.list({ kubeconfig: ${JSON.stringify(kubeconfig)}, namespace: "default" }).then(() => process.exit(3), () => process.exit(4));
    `;
    const child = spawn(process.execPath, ["-e", script], { env: { ...process.env, PULUMI_HELMFILE_TMPDIR: root, NODE_OPTIONS: "" }, stdio: "ignore" });
    const childPid = child.pid!;
    const exited = new Promise<void>((r) => child.on("exit", () => r()));
    let helmPids: number[] = [];
    try {
      const leftover = await waitFor(
        "the child's helm to run with its private kubeconfig",
        async () => {
          const dir = fs.readdirSync(root).find((e) => e.startsWith(`pulumi-helmfile-${childPid}-list-`));
          if (!dir || !fs.existsSync(path.join(root, dir, "1-kubeconfig"))) return undefined;
          helmPids = pidsWith(path.join(root, dir, "1-kubeconfig"));
          return helmPids.length > 0 && sockets.length > 0 ? dir : undefined;
        },
        30_000,
      );
      expect((fs.statSync(path.join(root, leftover, "1-kubeconfig")).mode & 0o777).toString(8)).toBe("600");
      process.kill(childPid, "SIGKILL");
      await exited;
      // The crash left the dir behind (the kubeconfig with its token in it).
      expect(fs.readFileSync(path.join(root, leftover, "1-kubeconfig"), "utf8")).toContain(`crash-token-v${major}`);

      // Dirs of live processes: ours, and our parent's.
      const mine = path.join(root, `pulumi-helmfile-${process.pid}-upgrade-keep`);
      const parents = path.join(root, `pulumi-helmfile-${process.ppid}-template-keep`);
      const notOurs = path.join(root, "someone-elses-dir");
      for (const d of [mine, parents, notOurs]) fs.mkdirSync(d);

      let created = false;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { HelmDriver } = require("../../../provider/helm/driver") as typeof import("../../../provider/helm/driver");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { homesUnder } = require("../../../provider/helm/environment") as typeof import("../../../provider/helm/environment");
        new HelmDriver({ binary: bin, homes: homesUnder(tempDir(`helm-crash-next-v${major}`)) });
        created = true;
      });
      expect(created).toBe(true);
      expect(fs.existsSync(path.join(root, leftover))).toBe(false);
      for (const d of [mine, parents, notOurs]) expect(fs.existsSync(d)).toBe(true);
    } finally {
      if (isAlive(childPid)) process.kill(childPid, "SIGKILL");
      // The orphaned helm of the killed child (started by this test) is ended by its pid.
      for (const p of helmPids) if (isAlive(p)) process.kill(p, "SIGKILL");
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
