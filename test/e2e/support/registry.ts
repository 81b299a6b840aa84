import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer, type Server } from "node:net";
import { join } from "node:path";

export interface RegistryOptions {
  /** A directory of its own: config, storage, password file, certificate and log go here. */
  dir: string;
  htpasswd?: { username: string; password: string };
  tls?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A CNCF distribution registry on 127.0.0.1, started and stopped by the tests. */
export interface Registry {
  /** `127.0.0.1:PORT`, the registry part of image names. */
  host: string;
  /** `http://127.0.0.1:PORT` or `https://...`. */
  url: string;
  /** The self-signed certificate, PEM, when the registry serves TLS. */
  certificate?: string;
  /** GET or HEAD on the registry's HTTP API, with the registry's login when it has one. */
  request(method: "GET" | "HEAD", path: string, accept?: string[]): Promise<HttpResponse>;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** A server that accepts connections and never answers: a registry that hangs. */
export async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function must(program: string, args: string[], input?: string): string {
  const result = spawnSync(program, args, { encoding: "utf8", ...(input !== undefined ? { input } : {}) });
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

export async function startRegistry(options: RegistryOptions): Promise<Registry> {
  mkdirSync(options.dir, { recursive: true });
  const lines = ["version: 0.1", "log:", "  level: info", "storage:", "  filesystem:", `    rootdirectory: ${join(options.dir, "data")}`, "http:"];
  let certificate: string | undefined;
  if (options.htpasswd) {
    // The password goes to htpasswd on stdin (-i), bcrypt-hashed (-B): the registry accepts only bcrypt.
    const entry = must("htpasswd", ["-niB", options.htpasswd.username], options.htpasswd.password);
    writeFileSync(join(options.dir, "htpasswd"), entry.trim() + "\n");
  }
  if (options.tls) {
    must("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(options.dir, "key.pem"), "-out", join(options.dir, "cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]);
    certificate = readFileSync(join(options.dir, "cert.pem"), "utf8");
  }
  // A free port can be taken between looking and listening: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = [...lines, `  addr: 127.0.0.1:${port}`];
    if (options.tls) config.push("  tls:", `    certificate: ${join(options.dir, "cert.pem")}`, `    key: ${join(options.dir, "key.pem")}`);
    if (options.htpasswd) config.push("auth:", "  htpasswd:", "    realm: buildpush-e2e", `    path: ${join(options.dir, "htpasswd")}`);
    writeFileSync(join(options.dir, "config.yml"), config.join("\n") + "\n");
    const log = openSync(join(options.dir, "registry.log"), "a");
    const child = spawn("docker-registry", ["serve", join(options.dir, "config.yml")], { stdio: ["ignore", log, log] });
    const registry = makeRegistry(child, port, options, certificate);
    if (await ready(registry, child)) return registry;
    await registry.stop();
    if (attempt === 3) throw new Error(`the registry did not start; see ${join(options.dir, "registry.log")}`);
  }
}

function makeRegistry(child: ChildProcess, port: number, options: RegistryOptions, certificate: string | undefined): Registry {
  const host = `127.0.0.1:${port}`;
  const url = `${options.tls ? "https" : "http"}://${host}`;
  const auth = options.htpasswd ? `Basic ${Buffer.from(`${options.htpasswd.username}:${options.htpasswd.password}`).toString("base64")}` : undefined;
  return {
    host,
    url,
    ...(certificate ? { certificate } : {}),
    request: (method, path, accept = []) =>
      new Promise((resolve, reject) => {
        const headers: Record<string, string> = {};
        if (auth) headers["authorization"] = auth;
        if (accept.length > 0) headers["accept"] = accept.join(", ");
        const send = options.tls ? httpsRequest : httpRequest;
        const req = send(`${url}${path}`, { method, headers, ...(certificate ? { ca: certificate } : {}), timeout: 5_000 }, (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
        req.on("error", reject);
        req.end();
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function ready(registry: Registry, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) return false;
    try {
      const { status } = await registry.request("GET", "/v2/");
      if (status === 200 || status === 401) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export const manifestTypes = ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];

/** What the registry holds for a repository: its tags, and per tag the digest and the image config. */
export async function inspect(registry: Registry, repository: string, tag: string): Promise<{ digest: string; labels: Record<string, string> }> {
  const head = await registry.request("HEAD", `/v2/${repository}/manifests/${tag}`, manifestTypes);
  if (head.status !== 200) throw new Error(`HEAD manifest ${repository}:${tag}: HTTP ${head.status}`);
  const manifest = JSON.parse((await registry.request("GET", `/v2/${repository}/manifests/${tag}`, manifestTypes)).body) as { config: { digest: string } };
  const config = JSON.parse((await registry.request("GET", `/v2/${repository}/blobs/${manifest.config.digest}`)).body) as { config?: { Labels?: Record<string, string> } };
  return { digest: String(head.headers["docker-content-digest"]), labels: config.config?.Labels ?? {} };
}

export async function tagsOf(registry: Registry, repository: string): Promise<{ status: number; tags: string[] }> {
  const response = await registry.request("GET", `/v2/${repository}/tags/list`);
  return { status: response.status, tags: response.status === 200 ? ((JSON.parse(response.body) as { tags: string[] | null }).tags ?? []) : [] };
}
