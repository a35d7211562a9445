// Network stand-ins for the tests: a forwarding HTTP proxy that counts what passes through it, a TLS
// endpoint (with a CA made at test time) in front of the sandbox, and a socket that never answers.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { join } from "node:path";
import tls from "node:tls";

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: net.Server, scheme: string, sockets: Set<net.Socket>): Promise<Listening> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return sockets;
}

export interface CountingProxy extends Listening {
  /** Targets of CONNECT requests (host:port), in order. */
  connects: string[];
  /** Absolute URIs of plain HTTP requests forwarded. */
  forwarded: string[];
}

/** A forward proxy: CONNECT tunnels for https://, absolute-URI forwarding for http://. */
export async function countingProxy(): Promise<CountingProxy> {
  const connects: string[] = [];
  const forwarded: string[] = [];
  const server = http.createServer((req, res) => {
    forwarded.push(req.url ?? "");
    const target = new URL(req.url ?? "");
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  const sockets = track(server);
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  return { ...(await listen(server, "http", sockets)), connects, forwarded };
}

export interface TestCa {
  caFile: string;
  key: string;
  cert: string;
}

/** A CA and a certificate for 127.0.0.1 signed by it, made with openssl into `dir`. */
export function makeCa(dir: string): TestCa {
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  run("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=rootsweep test CA");
  run("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  writeFileSync(join(dir, "san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
  return { caFile: join(dir, "ca.pem"), key: readFileSync(join(dir, "server.key"), "utf8"), cert: readFileSync(join(dir, "server.pem"), "utf8") };
}

/** Terminates TLS with the test CA's certificate and passes the bytes on to `upstreamPort` on 127.0.0.1. */
export async function tlsFront(ca: TestCa, upstreamPort: number): Promise<Listening> {
  const server = tls.createServer({ key: ca.key, cert: ca.cert }, (client) => {
    const upstream = net.connect(upstreamPort, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  const sockets = new Set<net.Socket>();
  server.on("secureConnection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return listen(server, "https", sockets);
}

export interface SilentServer extends Listening {
  /** When each connection was accepted (Date.now()). */
  accepted: number[];
}

/** Accepts connections and never writes a byte. */
export async function silentServer(): Promise<SilentServer> {
  const accepted: number[] = [];
  const server = net.createServer(() => accepted.push(Date.now()));
  return { ...(await listen(server, "http", track(server))), accepted };
}

/** Accepts connections and resets each one at once (what clients see while an endpoint restarts). */
export async function resettingServer(): Promise<SilentServer> {
  const accepted: number[] = [];
  const server = net.createServer((socket) => {
    accepted.push(Date.now());
    socket.resetAndDestroy();
  });
  return { ...(await listen(server, "http", track(server))), accepted };
}
