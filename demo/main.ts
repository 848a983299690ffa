/**
 * `npm run demo`: from a fresh clone to helm releases deployed by `pulumi up` into a running local cluster.
 *   npm run demo              provision tools if missing, start the local environment, `pulumi up` the quickstart
 *   npm run demo -- --down    destroy the quickstart stack and stop the local environment
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiEnv } from "../test/harness/pulumi-env";
import { repoRoot, toolPaths } from "../test/harness/tools";
import { demoDir, ensureEnv, runningEnv, stopEnv } from "./local-env";

const log = (m: string) => process.stdout.write(`[demo] ${m}\n`);
const quickstart = path.join(repoRoot, "examples", "quickstart");

/** Absolute path of a command on the given environment's PATH. */
function which(cmd: string, env: Record<string, string>): string {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return cmd;
}

function sh(cmd: string, args: string[], env: Record<string, string>, input?: string): void {
  const r = spawnSync(which(cmd, env), args, { cwd: quickstart, env, stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"], input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.error ? r.error.message : `exit ${r.status}`})`);
}

/**
 * What the demo needs from scripts/setup.sh: the local cluster (etcd and the registry from apt, Kubernetes, kwok),
 * helm 4, the Pulumi CLI and language host, and kubectl for the drift detection of the suggested `pulumi refresh` —
 * not the test suite's other tools (helm 3, helmfile, kustomize, sops, the kubernetes resource plugin: about half an
 * hour of Go builds on a fresh machine).
 */
const DEMO_TOOLS = ["apt", "helm4", "pulumi", "langhost", "kubernetes", "kubectl", "kwok"];

/** The environment for `pulumi` against the demo's file backend, and a script the user can source for later commands. */
function pulumiEnvironment(): Record<string, string> {
  const { env } = pulumiEnv(path.join(demoDir(), "pulumi"), { PULUMI_HELMFILE_HELM: toolPaths().helm4, PULUMI_HELMFILE_KUBECTL: toolPaths().kubectl });
  env.PATH = `${path.dirname(toolPaths().helm4)}${path.delimiter}${env.PATH}`;
  const script = path.join(demoDir(), "env.sh");
  const keys = ["PATH", "PULUMI_HOME", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_SKIP_UPDATE_CHECK",
    "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "PULUMI_DISABLE_REGISTRY_RESOLVE", "PULUMI_HELMFILE_HELM", "PULUMI_HELMFILE_KUBECTL"];
  fs.writeFileSync(script, keys.map((k) => `export ${k}='${env[k] ?? ""}'`).join("\n") + "\n");
  return env;
}

async function up(): Promise<void> {
  log("provisioning tools (skipped when cached)…");
  const setup = spawnSync("bash", [path.join(repoRoot, "scripts", "setup.sh"), ...DEMO_TOOLS], { stdio: "inherit" });
  if (setup.status !== 0) throw new Error("scripts/setup.sh failed");
  const local = await ensureEnv(log);
  const env = pulumiEnvironment();
  const stacks = spawnSync(which("pulumi", env), ["stack", "select", "demo", "--non-interactive"], { cwd: quickstart, env, stdio: "ignore" });
  if (stacks.status !== 0) sh("pulumi", ["stack", "init", "demo", "--non-interactive"], env);
  sh("pulumi", ["config", "set", "registry", local.registry.host], env);
  sh("pulumi", ["config", "set", "chartRepository", local.chartRepo.url], env);
  sh("pulumi", ["config", "set", "--secret", "kubeconfig"], env, fs.readFileSync(local.cluster.kubeconfig, "utf8"));
  log("pulumi up of examples/quickstart…");
  sh("pulumi", ["up", "--yes", "--non-interactive"], env);
  log("helm list --all-namespaces:");
  process.stdout.write(execFileSync(toolPaths().helm4, ["list", "--all-namespaces", "--kubeconfig", local.cluster.kubeconfig], { encoding: "utf8" }));
  log("stack outputs:");
  sh("pulumi", ["stack", "output", "--non-interactive"], env);
  const envScript = path.join(demoDir(), "env.sh");
  process.stdout.write(
    [
      "",
      "Next steps (the local cluster keeps running):",
      `  source ${envScript} && cd examples/quickstart`,
      "  pulumi config set greeting 'hello again' && pulumi preview --diff   # the per-object change, before applying it",
      "  pulumi up --yes                                                       # apply it",
      `  KUBECONFIG=${local.cluster.kubeconfig} helm list -A                 # what helm sees`,
      "  pulumi refresh --yes                                                  # detect out-of-band changes",
      "  npm run demo -- --down                                                # destroy the stack and stop the local cluster",
      "",
    ].join("\n"),
  );
}

async function down(): Promise<void> {
  if (runningEnv()) {
    const env = pulumiEnvironment();
    if (spawnSync(which("pulumi", env), ["stack", "select", "demo", "--non-interactive"], { cwd: quickstart, env, stdio: "ignore" }).status === 0) {
      log("pulumi destroy of examples/quickstart…");
      sh("pulumi", ["destroy", "--yes", "--non-interactive"], env);
      sh("pulumi", ["stack", "rm", "demo", "--yes", "--non-interactive"], env);
    }
  }
  await stopEnv(log);
}

(process.argv.includes("--down") ? down() : up()).catch((e: Error) => {
  process.stderr.write(`[demo] error: ${e.message}\n`);
  process.exit(1);
});
