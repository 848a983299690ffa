import { stopTestbed } from "./harness/testbed";

/** Jest global teardown: stop the shared testbed by PID. */
export default async function globalTeardown(): Promise<void> {
  await stopTestbed();
}
