import { startTestbed } from "./harness/testbed";

/** Jest global setup: one shared cluster + OCI registry for the whole run. */
export default async function globalSetup(): Promise<void> {
  await startTestbed();
}
