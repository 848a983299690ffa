/** A tiny client for the testbed's Kubernetes API: lets tests see what helm really created, without kubectl. */
import * as fs from "node:fs";
import * as https from "node:https";

/** How to reach the API server (what the testbed's kubeconfig holds). */
export interface KubeEndpoint {
  server: string; // https://127.0.0.1:<port>
  token: string;
  caFile: string;
}

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    message: string,
  ) {
    super(message);
  }
}

/** One HTTP request to the API; resolves the parsed JSON body; rejects with KubeApiError on a non-2xx status. */
export function kubeRequest<T = unknown>(ep: KubeEndpoint, method: string, path: string, body?: unknown): Promise<T> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, ep.server),
      {
        method,
        ca: fs.readFileSync(ep.caFile),
        headers: {
          Authorization: `Bearer ${ep.token}`,
          Accept: "application/json",
          ...(data ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) } : {}),
        },
        timeout: 10_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new KubeApiError(status, text, `${method} ${path}: HTTP ${status}: ${text.slice(0, 300)}`));
            return;
          }
          try {
            resolve((text ? JSON.parse(text) : {}) as T);
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timeout`)));
    if (data) req.write(data);
    req.end();
  });
}

/** GET an object; undefined when it does not exist (404). */
export async function kubeGet<T = Record<string, unknown>>(ep: KubeEndpoint, path: string): Promise<T | undefined> {
  try {
    return await kubeRequest<T>(ep, "GET", path);
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return undefined;
    throw e;
  }
}

/** Poll `fn` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
