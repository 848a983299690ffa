/** A TCP proxy on 127.0.0.1 in front of a test server: throttles bandwidth and can refuse connections (outages). */
import * as net from "node:net";

export interface TcpProxy {
  port: number;
  /** While down, new connections are closed at once and open ones are cut. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, o: { bytesPerSecond?: number } = {}): Promise<TcpProxy> {
  let down = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const cleanup = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", cleanup).on("close", cleanup);
    upstream.on("error", cleanup).on("close", cleanup);
    client.pipe(upstream);
    if (!o.bytesPerSecond) {
      upstream.pipe(client);
      return;
    }
    // Throttle the download direction: forward at most bytesPerSecond, in 50 ms slices.
    const slice = Math.max(1, Math.floor(o.bytesPerSecond / 20));
    const queue: Buffer[] = [];
    let ended = false;
    const timer = setInterval(() => {
      let budget = slice;
      while (budget > 0 && queue.length) {
        const b = queue[0];
        if (b.length <= budget) {
          client.write(queue.shift() as Buffer);
          budget -= b.length;
        } else {
          client.write(b.subarray(0, budget));
          queue[0] = b.subarray(budget);
          budget = 0;
        }
      }
      if (ended && queue.length === 0) {
        clearInterval(timer);
        client.end();
      }
    }, 50);
    upstream.on("data", (d: Buffer) => queue.push(d));
    upstream.on("end", () => (ended = true));
    upstream.on("close", () => clearInterval(timer));
    client.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address() as net.AddressInfo;
  return {
    port: addr.port,
    setDown(d) {
      down = d;
      if (d) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
