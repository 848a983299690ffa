/**
 * `deps`: resolve every lock-managed release chart (`repo/chart` of a declared repository) to the newest version its
 * constraint allows and write each state file's helmfile.lock, like `helmfile deps` (helm dependency update of a
 * temporary chart; provider/deps.ts). Locks already written are updated in place; the versions they pin are what
 * `template`, `list` and `pulumi up` then use.
 */
import type { LockDependency, LockUpdate } from "../../../provider";
import { registryHost, registryLogin, repositoryEntry } from "../../../provider/cache/credentials";
import type { HelmfileState } from "../../state/types";
import { collectArgs } from "../../loader/collectArgs";
import { boolFlag, stringFlag } from "../args";
import { cliHelmBinary } from "../templateInputs";
import type { Command } from "./command";

/** The lock updates of a state loaded `forDeps`: one per lock file, with the repositories helm may need. */
export function lockUpdates(state: HelmfileState, o: Pick<LockUpdate, "helmBinary" | "skipRefresh" | "extraArgs" | "writtenBy">): LockUpdate[] {
  const byLock = new Map<string, LockDependency[]>();
  for (const r of state.releases) {
    if (!r.lockable) continue;
    const deps = byLock.get(r.lockable.file) ?? [];
    deps.push({ name: r.lockable.name, repository: r.lockable.repository, version: r.lockable.constraint || "*", alias: `${r.namespace ?? ""}-${r.name}` });
    byLock.set(r.lockable.file, deps);
  }
  const repositories = state.repositories.filter((r) => !r.oci && r.url).map((r) => repositoryEntry(r.name ?? "repo", { ...r, url: r.url ?? "" }));
  const registries = state.repositories.flatMap((r) => {
    const login = r.oci && r.url ? registryLogin(registryHost(r.url), { ...r, url: r.url }) : undefined;
    return login ? [login] : [];
  });
  return [...byLock].map(([lockFile, dependencies]) => ({ lockFile, dependencies, repositories, registries, ...o }));
}

/** The deps subcommand. */
export const depsCommand: Command = {
  name: "deps",
  summary: "resolve repository charts to versions and write helmfile.lock (like helmfile deps)",
  async run(ctx) {
    const state = await ctx.loadState({ forDeps: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const provider = require("../../../provider") as typeof import("../../../provider");
    provider.setProgressSink((line) => ctx.stderr(`${line}\n`));
    const writtenBy = provider.HELMFILE_LOCK_VERSION;
    const updates = lockUpdates(state, {
      helmBinary: cliHelmBinary(ctx.args.flags, ctx.env, state.helmBinary),
      skipRefresh: boolFlag(ctx.args.flags, "skip-repos"),
      extraArgs: collectArgs(stringFlag(ctx.args.flags, "args") ?? ""),
      writtenBy,
    });
    if (updates.length === 0) ctx.stderr("no release has a chart of a declared repository: no lock file to write\n");
    for (const u of updates) {
      await provider.updateLockFile(u);
      ctx.stderr(`wrote ${u.lockFile} (${new Set(u.dependencies.map((d) => `${d.name}@${d.version}`)).size} charts)\n`);
    }
    return 0;
  },
};
