import { removeTestTempRoot } from "./harness/temp";
import { stopTestbed } from "./harness/testbed";

/** Jest global teardown (integration): stop the shared testbed by PID, then remove the run's temp root. */
export default async function globalTeardown(): Promise<void> {
  await stopTestbed();
  removeTestTempRoot();
}
