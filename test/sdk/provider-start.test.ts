import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_START_TOKEN, startProviderEarly } from "../../sdk/provider-start";

/** What a real engine's resource monitor looks like to startProviderEarly: a gRPC client. */
const grpcMonitor = () => ({ getChannel: () => ({}) });

describe("starting the dynamic provider early (sdk/provider-start.ts)", () => {
  const saved = process.env.PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START;
    else process.env.PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START = saved;
  });

  test("invokes the dynamic providers' package once per resource monitor (program run), with no arguments", () => {
    const invoke = jest.fn(() => Promise.resolve({}));
    const first = grpcMonitor();
    startProviderEarly(first, invoke);
    startProviderEarly(first, invoke);
    expect(invoke.mock.calls).toEqual([[PROVIDER_START_TOKEN, {}]]);
    startProviderEarly(grpcMonitor(), invoke);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(PROVIDER_START_TOKEN.startsWith("pulumi-nodejs:dynamic:")).toBe(true);
  });

  test("drops the host's answer: an unknown-function error is no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const invoke = jest.fn(() => Promise.reject(new Error("unknown function pulumi-nodejs:dynamic:pulumiHelmfileStartProvider")));
      startProviderEarly(grpcMonitor(), invoke);
      await new Promise((r) => setImmediate(r));
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("does nothing without an engine, under mocks, or when turned off with a Go boolean", async () => {
    const invoke = jest.fn(() => Promise.resolve({}));
    startProviderEarly(undefined, invoke);
    startProviderEarly({ invoke: () => undefined }, invoke); // not a gRPC client: a mock monitor
    for (const off of ["true", "1", "T"]) {
      process.env.PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START = off;
      startProviderEarly(grpcMonitor(), invoke);
    }
    expect(invoke).not.toHaveBeenCalled();
    process.env.PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START = "yes"; // not a Go boolean: the default (on)
    startProviderEarly(grpcMonitor(), invoke);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  test("a program under pulumi.runtime.setMocks never sees the call", async () => {
    const call = jest.fn(() => ({}));
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call }, "p", "s", true);
    startProviderEarly();
    await new Promise((r) => setImmediate(r));
    expect(pulumi.runtime.getMonitor()).toBeDefined();
    expect(call).not.toHaveBeenCalled();
  });
});
