/**
 * Counting Kubernetes API requests where the server sees them: the benchmark cluster's audit log (one JSON line per
 * completed request, with the client's user agent and time). Every client counts (helm is `Helm/<version>`, helmfile
 * `helmfile/…`) except the testbed cluster's own components: the API server itself, controller-manager, scheduler, kwok.
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

const CLUSTER_OWN = /^(kube-apiserver|kube-controller-manager|kube-scheduler|kwok)\//;

/** Requests made by clients other than the cluster's own components, in the audit log after byte `from`. */
export function clientRequestsSince(auditLog: string, from: number): AuditedRequest[] {
  const out: AuditedRequest[] = [];
  for (const line of fs.readFileSync(auditLog).subarray(from).toString("utf8").split("\n")) {
    const agent = /"userAgent":"([^"]*)"/.exec(line)?.[1];
    if (!agent || CLUSTER_OWN.test(agent)) continue;
    const at = Date.parse(/"requestReceivedTimestamp":"([^"]*)"/.exec(line)?.[1] ?? "");
    out.push({ agent, at });
  }
  return out;
}

/** How many of `requests` were received in [start, end] (epoch ms). */
export function requestsWithin(requests: AuditedRequest[], [start, end]: [number, number]): number {
  return requests.filter((r) => r.at >= start && r.at <= end).length;
}
