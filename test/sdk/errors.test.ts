import * as util from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { PulumiHelmfileError } from "../../provider/errors";
import { HelmfileLoadError } from "../../sdk/loader/errors";
import { highestSatisfying } from "../../provider/cache/versions";
import { parseSetKey } from "../../provider/helm/set-values";
import { isUserError, reportable, withInspectableStack } from "../../sdk/errors";

describe("sdk/errors: user errors reported as their message, programming errors with their stack", () => {
  const loadError = () => new HelmfileLoadError('unknown key "bogusKey"', { file: "/p/bad.yaml", line: 5, column: 5, keyPath: "releases[0].bogusKey" });

  test("the package's error types are user errors; anything else is not", () => {
    expect(isUserError(loadError())).toBe(true);
    expect(isUserError(new PulumiHelmfileError("local chart './x' not found"))).toBe(true);
    expect(isUserError(new Error("bug"))).toBe(false);
    expect(isUserError(new pulumi.RunError("from someone else"))).toBe(false);
    expect(isUserError("a string")).toBe(false);
  });

  test("bad input found by the preview render is a user error: a set key, a version constraint", () => {
    const thrown = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      throw new Error("did not throw");
    };
    expect(isUserError(thrown(() => parseSetKey("a..b")))).toBe(true);
    expect(isUserError(thrown(() => parseSetKey("a[x]")))).toBe(true);
    expect(isUserError(thrown(() => highestSatisfying(["1.0.0"], ">=<1")))).toBe(true);
  });

  test("a user error becomes a RunError: the prefixed message, no stack, the original as cause", () => {
    const e = loadError();
    const r = reportable(e, { prefix: "release default/x: " }) as Error;
    expect(pulumi.RunError.isInstance(r)).toBe(true);
    expect(r.message).toBe('release default/x: /p/bad.yaml:5:5: releases[0].bogusKey: unknown key "bogusKey"');
    expect(r.stack).toBeUndefined();
    expect(r.cause).toBe(e);
  });

  test("with a resource, a ResourceError that hides its stack", () => {
    const resource = {} as pulumi.Resource;
    const r = reportable(loadError(), { resource }) as pulumi.ResourceError;
    expect(pulumi.ResourceError.isInstance(r)).toBe(true);
    expect(r.resource).toBe(resource);
    expect(r.hideStack).toBe(true);
  });

  test("one reportable error per user error, and a reportable error is its own", () => {
    const e = loadError();
    const r = reportable(e);
    expect(reportable(e)).toBe(r);
    expect(reportable(r, { prefix: "again: " })).toBe(r);
    // Two releases failing with one error (a shared chart download) are two messages.
    const other = reportable(e, { prefix: "release a/b: " }) as Error;
    expect(other).not.toBe(r);
    expect(other.message).toBe(`release a/b: ${e.message}`);
    expect(reportable(e, { prefix: "release a/b: " })).toBe(other);
  });

  test("its message is not rewritten (Pulumi prefixes the input property that failed), in strict mode too", () => {
    const r = reportable(new PulumiHelmfileError("missing chart"), { prefix: "release a/b: " }) as Error;
    (() => {
      "use strict";
      r.message = `error serializing property "chartDigest": ${r.message}`;
    })();
    expect(r.message).toBe("release a/b: missing chart");
  });

  test("a programming error is returned as it is, with its stack", () => {
    const e = new TypeError("cannot read x of undefined");
    const stack = e.stack;
    expect(reportable(e, { prefix: "release a/b: " })).toBe(e);
    expect(e.message).toBe("cannot read x of undefined");
    expect(e.stack).toBe(stack);
    expect(reportable("thrown string")).toBe("thrown string");
  });

  test("a stack with a frame of @pulumi/pulumi's top-level modules is rewritten so util.inspect with colours ends", () => {
    const e = new Error("bug");
    e.stack = "Error: bug\n    at /r/sdk/release.ts:148:17\n    at applyHelperAsync (/r/node_modules/@pulumi/output.ts:516:25)\n    at /r/node_modules/@pulumi/resource.ts:1:2";
    withInspectableStack(e);
    expect(e.stack).toBe(
      "Error: bug\n    at /r/sdk/release.ts:148:17\n    at applyHelperAsync (/r/node_modules/@pulumi/pulumi/output.ts:516:25)\n    at /r/node_modules/@pulumi/pulumi/resource.ts:1:2",
    );
    const started = Date.now();
    expect(util.inspect(e, { colors: true })).toContain("output.ts:516:25");
    expect(Date.now() - started).toBeLessThan(1000);
    // Other frames are left alone.
    const other = new Error("bug");
    other.stack = "Error: bug\n    at f (/r/node_modules/@pulumi/pulumi/runtime/rpc.js:1:1)\n    at g (/r/node_modules/execa/index.js:2:2)";
    const before = other.stack;
    expect(withInspectableStack(other).stack).toBe(before);
  });
});
