import { createTestTempRoot } from "./harness/temp";
import { startTestbed } from "./harness/testbed";

/** Jest global setup (integration): the run's temp root, then one shared cluster + OCI registry for the whole run. */
export default async function globalSetup(): Promise<void> {
  createTestTempRoot();
  await startTestbed();
}
