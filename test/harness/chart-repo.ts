/**
 * A classic HTTP chart repository: `helm package` + `helm repo index` into a directory served by a small Node server
 * on 127.0.0.1 that can require basic auth, counts every request, and can be paused to simulate an outage.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";

export interface ChartRepoOptions {
  /** Directory to serve (charts are packaged into it). */
  dir: string;
  /** Chart source directories to package. */
  charts: string[];
  /** helm binary used for `package` and `repo index`. */
  helm: string;
  auth?: { username: string; password: string };
  /** Port to listen on. @default a free one */
  port?: number;
}

export interface ChartRepo {
  url: string;
  /** Requests received, by path (e.g. "/index.yaml", "/web-0.1.0.tgz"). */
  requests: Map<string, number>;
  /** Count of requests whose path matches. */
  count(match: (p: string) => boolean): number;
  /** Answer 503 to everything while true. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** Package `charts` into `dir` and index them (URLs pointing at the server). */
function packageCharts(o: ChartRepoOptions, url: string): void {
  fs.mkdirSync(o.dir, { recursive: true });
  const env = { ...process.env, HELM_CACHE_HOME: path.join(o.dir, ".helm"), HELM_CONFIG_HOME: path.join(o.dir, ".helm") };
  for (const c of o.charts) execFileSync(o.helm, ["package", c, "-d", o.dir], { env, stdio: "pipe" });
  execFileSync(o.helm, ["repo", "index", o.dir, "--url", url], { env, stdio: "pipe" });
}

export async function startChartRepo(o: ChartRepoOptions): Promise<ChartRepo> {
  const requests = new Map<string, number>();
  let down = false;
  const expectedAuth = o.auth ? "Basic " + Buffer.from(`${o.auth.username}:${o.auth.password}`).toString("base64") : undefined;
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent((req.url ?? "/").split("?")[0]);
    requests.set(p, (requests.get(p) ?? 0) + 1);
    if (down) {
      res.writeHead(503).end("unavailable");
      return;
    }
    if (expectedAuth && req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="charts"' }).end("unauthorized");
      return;
    }
    const file = path.join(o.dir, path.normalize(p).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(o.dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": file.endsWith(".yaml") ? "text/yaml" : "application/gzip" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, "127.0.0.1", resolve));
  const addr = server.address();
  if (addr === null || typeof addr === "string") throw new Error("chart repo: no address");
  const url = `http://127.0.0.1:${addr.port}`;
  packageCharts(o, url);
  return {
    url,
    requests,
    count: (match) => [...requests.entries()].filter(([p]) => match(p)).reduce((a, [, n]) => a + n, 0),
    setDown: (d) => (down = d),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
