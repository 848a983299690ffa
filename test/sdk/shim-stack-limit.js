// Register a ShimResource under Pulumi's mocks and record Error.stackTraceLimit while Pulumi prepares its properties
// (a getter on the props, read when the constructor copies them) and after. Prints one JSON line.
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) }, "p", "s", true);
const { ShimResource } = require("../../dist/sdk/shim.js");

class Probe extends ShimResource {}
function construct(name) {
  let inside;
  const props = { value: "v" };
  Object.defineProperty(props, "probe", { enumerable: true, get: () => ((inside = Error.stackTraceLimit), "p") });
  new Probe("text", "Probe", name, props);
  return inside;
}
Error.stackTraceLimit = 10;
const inside = construct("a");
const after = Error.stackTraceLimit;
let threw;
try {
  new Probe("text", "Probe", "b", { __provider: "x" });
} catch (e) {
  threw = String(e.message);
}
const afterThrow = Error.stackTraceLimit;
process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
const insideDebug = construct("c");
process.stdout.write(JSON.stringify({ inside, after, threw, afterThrow, insideDebug }) + "\n");
