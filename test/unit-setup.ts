import { createTestTempRoot } from "./harness/temp";

/** Jest global setup (unit): the run's temp root (test/harness/temp.ts), nothing else. */
export default async function unitSetup(): Promise<void> {
  createTestTempRoot();
}
