// Load the HelmRelease and HelmfileHooks provider texts exactly as the dynamic-provider host does (require-from-string
// + handler()), and call check and diff through them. Prints one JSON line.
const requireFromString = require("require-from-string");
const { releaseProviderText, stateHooksProviderText } = require("../../dist/sdk/shim.js");

(async () => {
  const loaded = requireFromString(releaseProviderText).handler();
  const checked = await loaded.check({}, { name: "ok-name", namespace: "default", chart: "oci://example/charts/web" });
  const rejected = await loaded.check({}, { name: "Bad_Name", chart: "x" });
  const diffed = await loaded.diff("default/ok", { name: "a", namespace: "default", chart: "c", status: "deployed" }, { name: "b", namespace: "default", chart: "c" });
  const hooks = requireFromString(stateHooksProviderText).handler();
  const hooksDiffed = await hooks.diff("f#before", { phase: "before", hooks: [] }, { phase: "after", hooks: [] });
  process.stdout.write(
    JSON.stringify({ texts: [releaseProviderText, stateHooksProviderText], methods: Object.keys(loaded).sort(), hookMethods: Object.keys(hooks).sort(), checked, rejected, diffed, hooksDiffed }) + "\n",
  );
})().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String((e && e.stack) || e) }) + "\n");
  process.exit(1);
});
