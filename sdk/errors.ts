/**
 * How the SDK's failures reach `pulumi preview`/`up`.
 *
 * A user error (the package's own types: {@link HelmfileLoadError} from the loader, {@link PulumiHelmfileError} from
 * the provider) is reported as its message alone, Pulumi's RunError/ResourceError style: no stack, no dumped fields.
 * Anything else is a programming error and keeps its stack.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PulumiHelmfileError } from "../provider/errors";
import { HelmfileLoadError } from "./loader/errors";

/** Bad input the user can fix, as opposed to a bug. */
export function isUserError(e: unknown): e is Error {
  return e instanceof HelmfileLoadError || e instanceof PulumiHelmfileError;
}

/** The reportable errors made for each user error (one per prefix and resource: two releases may share a failure). */
const reportables = new WeakMap<object, { prefix: string; resource?: pulumi.Resource; error: Error }[]>();
const made = new WeakSet<object>();

/**
 * The error to throw or reject with for `e`. For a user error: a `pulumi.ResourceError` on `resource` (or a
 * `pulumi.RunError` without one) whose message is `prefix` + e's message, with `cause` e. The same object for the same
 * `e`, prefix and resource: Pulumi's runner reports an error once by identity, so the component's promises, the
 * program's exports and Pulumi's own chains built on them produce one message. A programming error is returned as it
 * is (its stack made safe to format, see {@link withInspectableStack}).
 *
 * The error has no stack, so Pulumi's runner prints the message and never formats the error with
 * `util.inspect(err, {colors: true})`, which it does for every uncaught error (even a RunError, for its tracing span).
 * Its message cannot be rewritten: Pulumi prefixes `error serializing property "<key>": ` onto the message of an error
 * that fails a resource input, and the key is an internal property of the SDK, not the user's.
 *
 * `resource` must be one whose URN resolves (a component that registered): Pulumi logs a ResourceError only once the
 * URN of its resource is known, and a custom resource whose inputs failed never gets one.
 */
export function reportable(e: unknown, o: { resource?: pulumi.Resource; prefix?: string } = {}): unknown {
  if (typeof e !== "object" || e === null) return e;
  if (made.has(e)) return e;
  if (!isUserError(e)) return withInspectableStack(e);
  const prefix = o.prefix ?? "";
  const known = reportables.get(e) ?? [];
  const same = known.find((k) => k.prefix === prefix && k.resource === o.resource);
  if (same) return same.error;
  const message = `${prefix}${e.message}`;
  // Loaded here: the CLI imports isUserError, and loading @pulumi/pulumi costs it about half a second.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ResourceError, RunError } = require("@pulumi/pulumi") as typeof pulumi;
  const r = o.resource ? new ResourceError(message, o.resource, true) : new RunError(message);
  Object.defineProperty(r, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
  Object.defineProperty(r, "stack", { value: undefined, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(r, "cause", { value: e, writable: true, enumerable: false, configurable: true });
  made.add(r);
  reportables.set(e, [...known, { prefix, resource: o.resource, error: r }]);
  return r;
}

/**
 * `e` with its stack made safe for Node 20's `util.inspect(err, {colors: true})`. @pulumi/pulumi's source maps name
 * `../output.ts`, so source-map-support turns a frame of its top-level modules (every `apply` callback has one) into
 * `…/node_modules/@pulumi/output.ts:516:25`, and on a scoped `node_modules/@scope/` segment with no separator after it
 * Node 20.20's `markNodeModules` loops until the string is too long (nodejs/node#64011, fixed in #64022, not in 20):
 * about 20 s and 3.5 GB before Pulumi's runner falls back to plain `util.inspect`. The frame is rewritten to the
 * source's real place, `@pulumi/pulumi/output.ts`.
 */
export function withInspectableStack<T>(e: T): T {
  if (!(e instanceof Error) || typeof e.stack !== "string") return e;
  const fixed = e.stack.replace(/([/\\]node_modules[/\\]@pulumi)([/\\])(?=[^/\\\s()]+:\d+(?::\d+)?\)?$)/gm, "$1$2pulumi$2");
  if (fixed !== e.stack) {
    try {
      e.stack = fixed;
    } catch {
      // a frozen error keeps its stack
    }
  }
  return e;
}
