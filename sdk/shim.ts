/**
 * The provider Pulumi keeps in every HelmRelease's (and HelmfileHooks') state as `__provider`: the text of a module
 * whose `handler()` returns the provider object, loaded by the dynamic-provider host with require-from-string. It is
 * deliberately tiny and captures nothing: `handler()` requires the implementation by package name when the host first
 * needs it, so the helm driver, the chart cache and their locks live once per process in the installed package, and
 * upgrading the package changes the code that runs without changing any resource's state.
 *
 * Written here as text, not produced by Pulumi's closure serializer (what `pulumi.dynamic.Resource` runs): that
 * serializer loads TypeScript and an inspector session into the program (about half a second and tens of MB per
 * `pulumi up`/`preview`) and its output is 2.2 kB, stored twice per resource (inputs and outputs) and rewritten with
 * every checkpoint. The diff ignores `__provider` (provider/release/handlers.ts), so a state written with the
 * serializer's text moves to this one without an update. Keep these texts stable: they are part of the state.
 */
import * as pulumi from "@pulumi/pulumi";

/** `__provider` of a HelmRelease: the package's `provider` (provider/index.ts). */
export const releaseProviderText = 'exports.handler = () => require("pulumi-helmfile/provider").provider;\n';

/** `__provider` of a HelmfileHooks resource: the package's `stateHooksProvider` (provider/hooks/global.ts). */
export const stateHooksProviderText = 'exports.handler = () => require("pulumi-helmfile/provider").stateHooksProvider;\n';

/**
 * A resource served by the pulumi-helmfile dynamic provider: what `pulumi.dynamic.Resource` registers (type
 * `pulumi-nodejs:dynamic/pulumi-helmfile:<type>`, the provider module text as `__provider`), without serializing a
 * closure.
 */
export abstract class ShimResource extends pulumi.CustomResource {
  constructor(providerText: string, type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    if (props.__provider !== undefined) throw new Error("a pulumi-helmfile resource must not define the __provider key");
    // Pulumi wraps every property's promise with the stack of its creation (runtime/debuggable.ts), formatted at once
    // and read only by its promise-leak report (PULUMI_DEBUG_PROMISE_LEAKS): with ~35 properties a release, those
    // strings were an eighth of what a program allocates at N = 100 (bench "memory, N=100: program process"). Two frames
    // are kept; the resource's own source position and stack trace are taken with Pulumi's own limit (unaffected).
    const limit = Error.stackTraceLimit;
    if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 2;
    try {
      super(`pulumi-nodejs:dynamic/pulumi-helmfile:${type}`, name, { ...props, __provider: providerText }, opts);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}
