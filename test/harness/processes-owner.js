// Start `sleep 120` through the harness's startProcess (with or without outliveOwner), print its PID, and exit.
const { startProcess } = require("../../dist/test/harness/processes.js");
const [logFile, outlive] = process.argv.slice(2);
startProcess({ name: "sleeper", command: "sleep", args: ["120"], logFile, ready: async () => true, outliveOwner: outlive === "true" }).then((p) => {
  process.stdout.write(`${p.pid}\n`);
  process.exit(0);
});
