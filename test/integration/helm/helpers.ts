/** Shared helpers of the helm driver's integration tests (real helm, real cluster, no mocks). */
import * as fs from "node:fs";
import * as path from "node:path";
import { HelmDriver, HelmDriverOptions } from "../../../provider/helm/driver";
import { homesUnder } from "../../../provider/helm/environment";
import { tempRoot } from "../../../provider/helm/temp-files";
import { Cluster } from "../../harness/cluster";
import { kubeGet, kubeRequest, KubeApiError } from "../../harness/kube";
import { tempDir, testbed } from "../../harness/testbed";

/** The driver's own test chart (see fixtures/probe): a ConfigMap `<release>-probe` whose `values.json` echoes .Values. */
export const probeChart = path.join(__dirname, "fixtures", "probe");

/**
 * Point the driver's private temp dirs at a directory of this test file (PULUMI_HELMFILE_TMPDIR is read on every call),
 * so "nothing left behind" is checked exactly, without racing other test files.
 */
export function privateTempRoot(label: string): string {
  const dir = tempDir(`helm-tmp-${label}`);
  process.env.PULUMI_HELMFILE_TMPDIR = dir;
  expect(tempRoot()).toBe(dir);
  return dir;
}

/** The driver's temp dirs currently in the temp root (`pulumi-helmfile-<pid>-<label>-…`). */
export function driverTempDirs(): string[] {
  return fs.readdirSync(tempRoot()).filter((e) => e.startsWith(`pulumi-helmfile-`));
}

/** A driver for one helm binary with isolated homes in a fresh directory. */
export function newDriver(binary: string, o: Partial<HelmDriverOptions> = {}): HelmDriver {
  return new HelmDriver({ binary, homes: homesUnder(path.join(tempDir("helm-homes"), "h")), ...o });
}

/** A namespace name unique to this helm major and test. */
export function ns(major: number, what: string): string {
  return `hd-${what}-v${major}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 63);
}

/** Delete a namespace (best effort; tests clean up what they created). */
export async function deleteNamespace(c: Cluster, name: string): Promise<void> {
  try {
    await kubeRequest(c, "DELETE", `/api/v1/namespaces/${name}`);
  } catch (e) {
    if (!(e instanceof KubeApiError && e.status === 404)) throw e;
  }
}

/** The probe ConfigMap's echoed values (undefined when the ConfigMap does not exist). */
export async function probeValues(c: Cluster, namespace: string, release: string): Promise<Record<string, unknown> | undefined> {
  const cm = await kubeGet<{ data: Record<string, string> }>(c, `/api/v1/namespaces/${namespace}/configmaps/${release}-probe`);
  return cm ? (JSON.parse(cm.data["values.json"]) as Record<string, unknown>) : undefined;
}

/** helm's release storage Secrets of a release (`sh.helm.release.v1.<name>.v<N>`), as the API lists them. */
export async function releaseSecrets(c: Cluster, namespace: string, release: string): Promise<{ name: string; labels: Record<string, string> }[]> {
  const list = await kubeGet<{ items: { metadata: { name: string; labels?: Record<string, string> } }[] }>(
    c,
    `/api/v1/namespaces/${namespace}/secrets?labelSelector=${encodeURIComponent(`owner=helm,name=${release}`)}`,
  );
  return (list?.items ?? []).map((i) => ({ name: i.metadata.name, labels: i.metadata.labels ?? {} })).sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
}

/**
 * Watches the machine while a call runs: every ~20 ms it records the command line of every process, and for every
 * helm process started by this test process that was given `--kubeconfig <file>` (or values files) it records the
 * file's mode. Stop it to get what was seen.
 */
export class ProcessWatch {
  readonly cmdlines = new Set<string>();
  /** path → mode (octal string) of the files helm was given, as seen while helm ran. */
  readonly fileModes = new Map<string, string>();
  private timer: NodeJS.Timeout;
  samples = 0;

  constructor(private readonly helmBinary?: string) {
    this.timer = setInterval(() => this.sample(), 20);
    this.sample();
  }

  private sample(): void {
    this.samples++;
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      let argv: string[];
      try {
        argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      } catch {
        continue; // exited
      }
      this.cmdlines.add(argv.join(" "));
      if (this.helmBinary && argv[0] === this.helmBinary) {
        for (let i = 0; i < argv.length - 1; i++) {
          if (argv[i] === "--kubeconfig" || argv[i] === "--values") {
            try {
              this.fileModes.set(argv[i + 1], (fs.statSync(argv[i + 1]).mode & 0o777).toString(8));
            } catch {
              /* already removed */
            }
          }
        }
      }
    }
  }

  stop(): this {
    clearInterval(this.timer);
    this.sample();
    return this;
  }

  /** Command lines of helm processes seen. */
  helmCommands(): string[] {
    return [...this.cmdlines].filter((c) => this.helmBinary && c.startsWith(this.helmBinary + " "));
  }

  /** Command lines containing `s`. */
  containing(s: string): string[] {
    return [...this.cmdlines].filter((c) => c.includes(s));
  }
}

/** Await a promise that must reject; returns the error (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/**
 * The scaffolding every driver test file shares, registered in the calling describe block: the testbed as target,
 * namespaces named per helm major and deleted after the block, and a check that no driver temp dir outlives a test.
 */
export function driverTestScope(major: number): { created: string[]; target: () => { kubeconfigPath: string }; namespace: (what: string) => string } {
  const created: string[] = [];
  afterEach(() => expect(driverTempDirs()).toEqual([]));
  afterAll(async () => {
    for (const n of created) await deleteNamespace(testbed().cluster, n);
  });
  return {
    created,
    target: () => ({ kubeconfigPath: testbed().cluster.kubeconfig }),
    namespace: (what) => {
      const n = ns(major, what);
      created.push(n);
      return n;
    },
  };
}
