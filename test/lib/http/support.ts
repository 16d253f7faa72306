// Test support for the HTTP layer: virtual time and small local servers.
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../../lib/http";

/** Virtual time: `sleep` records the delay and advances the clock at once. */
export function fakeClock(start = Date.now()): Clock & { sleeps: number[]; advance(ms: number): void; time: number } {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
    advance: (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

/** A plain TCP server on 127.0.0.1 that drops every connection as soon as a request arrives. */
export async function startDroppingServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.once("data", () => socket.destroy());
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
