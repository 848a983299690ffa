// Serialize the HelmRelease provider exactly as Pulumi does for a dynamic resource, then load it exactly as the
// dynamic-provider host does (require-from-string + handler()), and call check through it. Prints one JSON line.
const pulumi = require("@pulumi/pulumi");
const requireFromString = require("require-from-string");
const { shimProvider } = require("../../dist/sdk/shim.js");

(async () => {
  const text = await pulumi.runtime.serializeFunction(() => shimProvider, { allowSecrets: true });
  const serialized = text.text;
  const loaded = requireFromString(serialized).handler();
  const checked = await loaded.check({}, { name: "ok-name", namespace: "default", chart: "oci://example/charts/web" });
  const rejected = await loaded.check({}, { name: "Bad_Name", chart: "x" });
  const diffed = await loaded.diff("default/ok", { name: "a", namespace: "default", chart: "c", status: "deployed" }, { name: "b", namespace: "default", chart: "c" });
  process.stdout.write(JSON.stringify({ serialized, methods: Object.keys(loaded).sort(), checked, rejected, diffed }) + "\n");
})().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + "\n");
  process.exit(1);
});
