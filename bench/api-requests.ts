/**
 * Counting Kubernetes API requests where the server sees them: the benchmark cluster's audit log (one JSON line per
 * completed request, with the client's user agent and time). helm identifies itself as `Helm/<version>`; the
 * testbed's controllers, scheduler and kwok have agents of their own and are not counted.
 */
import * as fs from "node:fs";

/** One completed request: the client's user agent and when the server received it (epoch ms). */
export interface AuditedRequest {
  agent: string;
  at: number;
}

/** The audit log's current size: the offset to read from later. */
export function auditOffset(auditLog: string): number {
  return fs.existsSync(auditLog) ? fs.statSync(auditLog).size : 0;
}

/** Requests made by helm (user agent `Helm/…`) in the audit log after byte `from`. */
export function helmRequestsSince(auditLog: string, from: number): AuditedRequest[] {
  const out: AuditedRequest[] = [];
  for (const line of fs.readFileSync(auditLog).subarray(from).toString("utf8").split("\n")) {
    const agent = /"userAgent":"([^"]*)"/.exec(line)?.[1];
    if (!agent || !agent.toLowerCase().startsWith("helm/")) continue;
    const at = Date.parse(/"requestReceivedTimestamp":"([^"]*)"/.exec(line)?.[1] ?? "");
    out.push({ agent, at });
  }
  return out;
}

/** How many of `requests` were received in [start, end] (epoch ms). */
export function requestsWithin(requests: AuditedRequest[], [start, end]: [number, number]): number {
  return requests.filter((r) => r.at >= start && r.at <= end).length;
}
