/** The errors of refused operations on a release this resource does not own: what was found and how to proceed. */
import { PulumiHelmfileError } from "../errors";
import type { ReleaseMetadata } from "../helm/types";
import type { ReleaseInputs } from "./inputs";
import { Claim, describeOwner, Owner, ownerLabels } from "./ownership";

/** An install, upgrade or uninstall refused because the release belongs to someone else. Nothing was changed. */
export class OwnershipError extends PulumiHelmfileError {
  override readonly name: string = "OwnershipError";
}

/** `org/project/stack` of an owner. */
export function stackOf(o: Pick<Owner, "organization" | "project" | "stack">): string {
  return `${o.organization}/${o.project}/${o.stack}`;
}

/**
 * Whether `adopt` lets this resource take over a release with this claim: `true` takes a release nobody owns; a
 * stack name (`org/project/stack`) also takes one that stack owns (moving a release between stacks).
 */
export function adoptAllows(adopt: ReleaseInputs["adopt"], claim: Claim): boolean {
  if (claim.kind === "unowned") return adopt === true || typeof adopt === "string";
  if (claim.kind === "other-stack" && typeof adopt === "string") {
    const named = adopt.split("/");
    const want = ownerLabels({ organization: named[0] ?? "", project: named[1] ?? "", stack: named[2] ?? "", resource: "" });
    const got = ownerLabels({ ...claim.owner, resource: "" });
    return named.length === 3 && Object.keys(want).every((k) => want[k] === got[k]);
  }
  return false;
}

function facts(m: ReleaseMetadata): string {
  return `revision ${m.revision}, chart ${m.chart}-${m.version}, status ${m.status}`;
}

/** The refusal of `verb` on release `id` found as `existing` with `claim`, phrased for the user. */
export function refusal(verb: "install" | "upgrade" | "uninstall", id: string, existing: ReleaseMetadata, claim: Claim, i: Pick<ReleaseInputs, "owner">): OwnershipError {
  const me = i.owner;
  const nothing = "nothing was changed";
  switch (claim.kind) {
    case "other-stack":
      return new OwnershipError(
        `release ${id} (${facts(existing)}) is owned by ${describeOwner(claim.owner)}; ` +
          `${me ? `stack ${stackOf(me)}` : "this stack"} does not ${verb} another stack's release: ${nothing}. ` +
          `To move it here: in stack ${stackOf(claim.owner)} run \`pulumi state delete <urn of ${claim.owner.resource}>\` ` +
          `(the release stays installed), then set \`adopt: "${stackOf(claim.owner)}"\` on this release and run \`pulumi up\`.`,
      );
    case "other-resource":
      return new OwnershipError(
        `release ${id} (${facts(existing)}) is owned by resource ${claim.owner.resource} of this stack; two resources cannot manage ` +
          `one release: ${nothing}. If you renamed that resource, give the new one \`aliases: [{ name: "${claim.owner.resource}" }]\` ` +
          `so it stays one resource.`,
      );
    case "unowned":
    case "ours":
      return new OwnershipError(
        `release ${id} already exists (${facts(existing)}) and no stack owns it (installed by helm, helmfile or another tool): ${nothing}. ` +
          `Set \`adopt: true\` on the release (or on the Helmfile component) to take it over in place — it is upgraded ` +
          `(revision ${existing.revision + 1}), not reinstalled — or choose another release name or namespace.`,
      );
  }
}
