/** Releases stuck in pending-install/-upgrade/-rollback (a helm process died mid-operation): a clear error, or recovery. */
import { PulumiHelmfileError } from "../errors";
import { HelmDriver } from "../helm/driver";
import type { ReleaseRef } from "../helm/types";
import { progress } from "./context";

export class PendingReleaseError extends PulumiHelmfileError {
  override readonly name: string = "PendingReleaseError";
}

const PENDING = new Set(["pending-install", "pending-upgrade", "pending-rollback"]);

/** Whether helm refuses to change a release in this status until it is rolled back or uninstalled. */
export function isPending(status: string): boolean {
  return PENDING.has(status);
}

/**
 * If the release is stuck in a pending state: with `recover`, roll back to the last deployed revision (or uninstall a
 * release that was never deployed) and return; without it, throw an error naming the option.
 */
export async function handlePending(helm: HelmDriver, ref: ReleaseRef, status: string, recover: boolean | undefined): Promise<void> {
  if (!isPending(status)) return;
  const id = `${ref.namespace}/${ref.name}`;
  if (!recover) {
    throw new PendingReleaseError(
      `release ${id} is stuck in '${status}' (a previous helm operation was interrupted); helm refuses to change it. ` +
        `Set \`recoverPending: true\` on the release to roll it back to its last deployed revision (or uninstall it if it was never deployed), then run again.`,
    );
  }
  const history = (await helm.history(ref)) ?? [];
  const lastDeployed = [...history].reverse().find((h) => h.status === "deployed" || h.status === "superseded");
  if (lastDeployed) {
    progress(`release ${id} is stuck in '${status}': rolling back to revision ${lastDeployed.revision} (recoverPending)`);
    await helm.rollback({ ...ref, revision: lastDeployed.revision });
  } else {
    progress(`release ${id} is stuck in '${status}' and was never deployed: uninstalling it (recoverPending)`);
    await helm.uninstall(ref);
  }
}
