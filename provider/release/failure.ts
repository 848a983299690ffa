/**
 * Failures of create/update. When the release exists after the failure, the error carries `id`, `properties` and
 * `reasons`: the dynamic-provider host then records the resource as partially created (the next `up` retries).
 */
import { PulumiHelmfileError } from "../errors";
import { HelmError } from "../helm/errors";
import { ChartResolutionError } from "../cache";

/** A create/update failure the engine records as partial state. */
export class PartialReleaseError extends PulumiHelmfileError {
  override readonly name: string = "PartialReleaseError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

/** A create/update/delete of a release failed (helm, the chart, a hook): the message names the release; `cause` kept. */
export class ReleaseOperationError extends PulumiHelmfileError {
  override readonly name: string = "ReleaseOperationError";
}

/** The user-facing message of a release operation failure: names the release and, for helm, the redacted command. */
export function failureMessage(id: string, verb: string, e: unknown): string {
  if (e instanceof HelmError) {
    const timeout = e.timedOut ? " (timed out)" : "";
    return `release ${id}: helm ${verb} failed${timeout}: ${e.message}\n  command: ${e.command}`;
  }
  if (e instanceof ChartResolutionError) return `release ${id}: ${e.message}`;
  return `release ${id}: ${verb} failed: ${(e as Error)?.message ?? String(e)}`;
}
