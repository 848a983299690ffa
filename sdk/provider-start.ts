/**
 * Starting the dynamic-provider process early. The engine starts a provider's process when the program first needs
 * it; for a HelmRelease that is its registration, which waits for the release's preview render (its `rendered`
 * input). The process then spends about a second loading `@pulumi/pulumi` (TypeScript and npm's arborist among it,
 * for a closure serializer it never runs) before the first check, diff or install can begin: measured at N = 50, a
 * cold `pulumi up` left a core idle for over a second between the last render and the first install.
 *
 * So the first HelmRelease of a program run asks the engine for the provider at once, with an invoke of a function
 * the dynamic-provider host does not have: the engine starts (and configures) the same default provider the releases
 * will use, the host answers "unknown function", and that answer is dropped. The provider loads while the program
 * renders. Nothing else happens: no resource, no state, no output. PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START
 * (Go's ParseBool: `true`, `1`, …) turns it off.
 */
import * as pulumi from "@pulumi/pulumi";
import { envFlag } from "./envFlags";

/** The token of the invoke: the dynamic providers' package, a function no dynamic-provider host implements. */
export const PROVIDER_START_TOKEN = "pulumi-nodejs:dynamic:pulumiHelmfileStartProvider";

type Invoke = (token: string, args: Record<string, never>) => Promise<unknown>;

const started = new WeakSet<object>();

/**
 * Ask the engine for the dynamic provider now, once per program run (per resource monitor: an Automation API process
 * runs the program several times). Not under `pulumi.runtime.setMocks` (a unit test's mocks would see the call).
 * `monitor` and `invoke` are the runtime's (parameters for tests).
 */
export function startProviderEarly(monitor: object | undefined = pulumi.runtime.getMonitor(), invoke: Invoke = pulumi.runtime.invoke): void {
  if (envFlag(process.env, "PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START")) return;
  // A real engine's monitor is a gRPC client; the mocks' MockMonitor is not.
  if (!monitor || typeof (monitor as { getChannel?: unknown }).getChannel !== "function" || started.has(monitor)) return;
  started.add(monitor);
  invoke(PROVIDER_START_TOKEN, {}).catch(() => undefined);
}
