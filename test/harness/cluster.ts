/**
 * A real Kubernetes control plane on loopback: etcd + kube-apiserver, and (unless `controllers: false`)
 * kube-controller-manager, kube-scheduler and kwok with one fake Node, so Deployments become Ready and Jobs complete.
 * Writes a kubeconfig (token auth, the apiserver's self-signed certificate as CA).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { KubeEndpoint, kubeGet, kubeRequest, waitFor } from "./kube";
import { freePort } from "./ports";
import { RunningProcess, startProcess, stopProcess } from "./processes";
import { requireTool, toolPaths } from "./tools";

export interface ClusterOptions {
  /** Directory for data, certificates, logs and the kubeconfig (created). */
  dir: string;
  /** Run controller-manager, scheduler and kwok (Deployments become Ready). @default true */
  controllers?: boolean;
  /**
   * Write an audit log of every request (metadata only: verb, resource, user agent) to `<dir>/audit.log`, one JSON
   * line per completed request, so that a caller can count the API requests a client made.
   * @default false
   */
  auditLog?: boolean;
  /** Keep the cluster running after this process exits (see StartOptions.outliveOwner). @default false */
  outliveOwner?: boolean;
}

export interface Cluster extends KubeEndpoint {
  kubeconfig: string;
  /** Name of the kubeconfig's context. */
  context: string;
  dir: string;
  processes: RunningProcess[];
  /** The audit log, when started with `auditLog: true`. */
  auditLog?: string;
}

const NODE_NAME = "kwok-node-0";

function probe(url: string, token?: string, ca?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(
      url,
      { headers: token ? { Authorization: `Bearer ${token}` } : {}, ca: ca ? fs.readFileSync(ca) : undefined, rejectUnauthorized: !!ca, timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

function httpProbe(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const req = require("node:http").get(url, (res: { statusCode?: number; resume(): void }) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
  });
}

export function kubeconfigText(server: string, caFile: string, token: string, context: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${context}`,
    "  cluster:",
    `    server: ${server}`,
    `    certificate-authority: ${caFile}`,
    "users:",
    "- name: admin",
    "  user:",
    `    token: ${token}`,
    "contexts:",
    `- name: ${context}`,
    "  context:",
    `    cluster: ${context}`,
    "    user: admin",
    `current-context: ${context}`,
    "",
  ].join("\n");
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const tools = toolPaths();
  const controllers = o.controllers ?? true;
  const bin = (n: string) => requireTool(path.join(tools.kubeBin, n), n);
  requireTool(tools.etcd, "etcd (Debian package etcd-server)");
  for (const d of ["etcd", "certs", "logs"]) fs.mkdirSync(path.join(o.dir, d), { recursive: true, mode: 0o700 });
  const processes: RunningProcess[] = [];
  const log = (n: string) => path.join(o.dir, "logs", `${n}.log`);
  try {
    // etcd
    const [ec, ep] = [await freePort(), await freePort()];
    processes.push(
      await startProcess({
        outliveOwner: o.outliveOwner,
        name: "etcd",
        command: tools.etcd,
        args: [
          "--name=t0",
          `--data-dir=${path.join(o.dir, "etcd")}`,
          `--listen-client-urls=http://127.0.0.1:${ec}`,
          `--advertise-client-urls=http://127.0.0.1:${ec}`,
          `--listen-peer-urls=http://127.0.0.1:${ep}`,
          `--initial-advertise-peer-urls=http://127.0.0.1:${ep}`,
          `--initial-cluster=t0=http://127.0.0.1:${ep}`,
          `--listen-metrics-urls=http://127.0.0.1:${await freePort()}`,
          "--unsafe-no-fsync",
        ],
        env: { PATH: process.env.PATH, ETCD_UNSUPPORTED_ARCH: process.env.ETCD_UNSUPPORTED_ARCH },
        logFile: log("etcd"),
        ready: () => httpProbe(`http://127.0.0.1:${ec}/health`),
      }),
    );

    // kube-apiserver
    const certs = path.join(o.dir, "certs");
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const saKey = path.join(certs, "sa.key");
    fs.writeFileSync(saKey, privateKey.export({ type: "pkcs1", format: "pem" }), { mode: 0o600 });
    const token = crypto.randomBytes(16).toString("hex");
    const tokenFile = path.join(certs, "tokens.csv");
    fs.writeFileSync(tokenFile, `${token},admin,admin-uid,system:masters\n`, { mode: 0o600 });
    const port = await freePort();
    const server = `https://127.0.0.1:${port}`;
    const caFile = path.join(certs, "apiserver.crt");
    const auditLog = o.auditLog ? path.join(o.dir, "audit.log") : undefined;
    const auditArgs: string[] = [];
    if (auditLog) {
      const policy = path.join(o.dir, "audit-policy.yaml");
      fs.writeFileSync(policy, ["apiVersion: audit.k8s.io/v1", "kind: Policy", "omitStages: [RequestReceived]", "rules:", "  - level: Metadata", ""].join("\n"));
      auditArgs.push(`--audit-policy-file=${policy}`, `--audit-log-path=${auditLog}`, "--audit-log-format=json", "--audit-log-maxsize=0");
    }
    processes.push(
      await startProcess({
        outliveOwner: o.outliveOwner,
        name: "kube-apiserver",
        command: bin("kube-apiserver"),
        args: [
          `--etcd-servers=http://127.0.0.1:${ec}`,
          "--bind-address=127.0.0.1",
          "--advertise-address=127.0.0.1",
          `--secure-port=${port}`,
          `--cert-dir=${certs}`,
          `--token-auth-file=${tokenFile}`,
          "--authorization-mode=RBAC",
          "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
          `--service-account-key-file=${saKey}`,
          `--service-account-signing-key-file=${saKey}`,
          "--service-cluster-ip-range=10.96.0.0/16",
          "--allow-privileged=true",
          "--endpoint-reconciler-type=none",
          // ServiceAccount: no token controller needed; TaintNodesByCondition: the fake node would keep its not-ready
          // taint (the node-lifecycle controller that lifts it is not run).
          "--disable-admission-plugins=ServiceAccount,TaintNodesByCondition",
          "--enable-priority-and-fairness=false",
          ...auditArgs,
        ],
        logFile: log("kube-apiserver"),
        ready: () => probe(`${server}/readyz`, token, fs.existsSync(caFile) ? caFile : undefined),
        timeoutMs: 90_000,
      }),
    );
    const context = "testbed";
    const kubeconfig = path.join(o.dir, "kubeconfig");
    fs.writeFileSync(kubeconfig, kubeconfigText(server, caFile, token, context), { mode: 0o600 });
    const cluster: Cluster = { server, token, caFile, kubeconfig, context, dir: o.dir, processes, auditLog };
    // The default namespace exists before anything is installed into it.
    await waitFor("namespace default", () => kubeGet(cluster, "/api/v1/namespaces/default"), 60_000);

    if (controllers) {
      const common = [`--kubeconfig=${kubeconfig}`, "--bind-address=127.0.0.1", "--leader-elect=false"];
      const cmPort = await freePort();
      processes.push(
        await startProcess({
          outliveOwner: o.outliveOwner,
          name: "kube-controller-manager",
          command: bin("kube-controller-manager"),
          args: [...common, `--secure-port=${cmPort}`, `--service-account-private-key-file=${saKey}`, `--root-ca-file=${caFile}`,
            "--controllers=*,-nodeipam,-nodelifecycle,-ttl,-bootstrapsigner,-tokencleaner", "--concurrent-deployment-syncs=10"],
          logFile: log("kube-controller-manager"),
          ready: () => probe(`https://127.0.0.1:${cmPort}/healthz`),
        }),
      );
      const schPort = await freePort();
      processes.push(
        await startProcess({
          outliveOwner: o.outliveOwner,
          name: "kube-scheduler",
          command: bin("kube-scheduler"),
          args: [...common, `--secure-port=${schPort}`],
          logFile: log("kube-scheduler"),
          ready: () => probe(`https://127.0.0.1:${schPort}/healthz`),
        }),
      );
      await kubeRequest(cluster, "POST", "/api/v1/nodes", {
        apiVersion: "v1",
        kind: "Node",
        metadata: {
          name: NODE_NAME,
          labels: { "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": NODE_NAME, type: "kwok" },
          annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
        },
        spec: {},
      });
      processes.push(
        await startProcess({
          outliveOwner: o.outliveOwner,
          name: "kwok",
          command: requireTool(tools.kwok, "kwok"),
          args: [`--kubeconfig=${kubeconfig}`, `--config=${tools.kwokStages}`, "--manage-all-nodes=true",
            "--cidr=10.244.0.0/24", "--node-ip=10.244.0.1", "--node-lease-duration-seconds=40"],
          logFile: log("kwok"),
          ready: async () => {
            const n = await kubeGet<{ status?: { conditions?: { type: string; status: string }[] } }>(cluster, `/api/v1/nodes/${NODE_NAME}`);
            return !!n?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
          },
        }),
      );
    }
    return cluster;
  } catch (e) {
    for (const p of processes.reverse()) await stopProcess(p);
    throw e;
  }
}

/** Stop every process of the cluster, newest first. */
export async function stopCluster(c: Pick<Cluster, "processes">): Promise<void> {
  for (const p of [...c.processes].reverse()) await stopProcess(p);
}

/** A Deployment's readiness as the API reports it. */
export async function deploymentReady(c: KubeEndpoint, namespace: string, name: string): Promise<boolean> {
  const d = await kubeGet<{ spec?: { replicas?: number }; status?: { readyReplicas?: number } }>(
    c,
    `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
  );
  return !!d && (d.status?.readyReplicas ?? 0) >= (d.spec?.replicas ?? 1);
}
