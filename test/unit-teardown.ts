import { removeTestTempRoot } from "./harness/temp";

/** Jest global teardown (unit): remove the run's temp root. */
export default async function unitTeardown(): Promise<void> {
  removeTestTempRoot();
}
