import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { dirname, join } from "node:path";
import { findDockerCliPlugin } from "./tools.js";

/**
 * A Docker daemon of the tests' own (Debian's docker.io), apart from any the machine runs: its own
 * data root, exec root (with the containerd it starts there), pidfile, configuration file and a
 * unix socket in the given directory, its own containerd namespaces, and no networking of its
 * own (no bridge, no iptables rules): the containers the tests run talk to it through the socket.
 */
export interface Dockerd {
  /** `unix://DIR/docker.sock`, for DOCKER_HOST. */
  host: string;
  /** The socket's path on this machine. */
  socket: string;
  /** The environment for the docker CLI the tests run: this daemon, and a CLI configuration of the tests' own. */
  env: NodeJS.ProcessEnv;
  /** Where the daemon logs. */
  log: string;
  stop(): Promise<void>;
}

export async function startDockerd(dir: string): Promise<Dockerd> {
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, "docker.sock");
  const log = join(dir, "dockerd.log");
  // An empty configuration file of its own: the machine's /etc/docker/daemon.json is not read.
  writeFileSync(join(dir, "daemon.json"), "{}\n");
  const namespace = `buildpush-e2e-${process.pid}`;
  const argv = [
    "--config-file", join(dir, "daemon.json"),
    "--data-root", join(dir, "data"),
    "--exec-root", join(dir, "exec"),
    "--pidfile", join(dir, "docker.pid"),
    "--host", `unix://${socket}`,
    "--containerd-namespace", namespace,
    "--containerd-plugins-namespace", `${namespace}-plugins`,
    "--bridge", "none",
    "--iptables=false",
    "--ip6tables=false",
  ];
  const out = openSync(log, "a");
  // A process group of its own, so stopping it reaches the containerd it starts.
  const child = spawn("dockerd", argv, { stdio: ["ignore", out, out], detached: true });
  const config = join(dir, "client");
  mkdirSync(config, { recursive: true });
  const daemon: Dockerd = {
    host: `unix://${socket}`,
    socket,
    env: { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: config },
    log,
    stop: async () => {
      await stopDaemon(child);
      unmountUnder(dir);
    },
  };
  if (await ready(socket, child)) return daemon;
  await daemon.stop();
  throw new Error(`dockerd did not start within 60 s; its log (${log}) ends:\n${readFileSync(log, "utf8").split("\n").slice(-15).join("\n")}`);
}

function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: "/_ping", timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

async function ready(socket: string, child: ChildProcess): Promise<boolean> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (await ping(socket)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** SIGTERM (dockerd stops its containers and its containerd), SIGKILL to its group if it has not ended in 30 s. */
function stopDaemon(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 30_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * What the daemon leaves mounted in its directories when it ends (the default network
 * namespace's file under the exec root, an overlay it had not unmounted): unmounted, deepest
 * first, so the directory can be removed.
 */
function unmountUnder(dir: string): void {
  const mountPoints = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    // The fifth field is the mount point, with spaces and the like written as octal escapes.
    .map((line) => line.split(" ")[4]?.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))))
    .filter((point): point is string => point !== undefined && point.startsWith(`${dir}/`));
  for (const point of mountPoints.sort((a, b) => b.length - a.length)) spawnSync("umount", [point]);
}

/** The program's path on the PATH (`which`), or undefined. */
function which(program: string): string | undefined {
  const result = spawnSync("sh", ["-c", 'command -v "$1"', "which", program], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The shared libraries a program loads, its ELF interpreter among them, as ldd lists them (none for a static program). */
function sharedLibraries(program: string): string[] {
  const result = spawnSync("ldd", [program], { encoding: "utf8" });
  if (result.status !== 0) return [];
  return result.stdout.split("\n").flatMap((line) => {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    return match ? [match[1]!] : [];
  });
}

/**
 * An image of the Docker CLI with buildx, as `docker:cli` is, made from this machine's own
 * programs (Docker Hub, where `docker:cli` lives, is out of reach): the `docker` on the PATH, the
 * buildx plugin where the CLI finds it, `sh` and `printenv` (the chain script's), each with the
 * libraries it loads, imported into the daemon as `name`.
 */
export function importDockerCliImage(daemon: Dockerd, dir: string, name: string): void {
  const docker = which("docker");
  const buildx = findDockerCliPlugin("docker-buildx");
  const sh = which("sh");
  const printenv = which("printenv");
  if (docker === undefined || buildx === undefined || sh === undefined || printenv === undefined) throw new Error("the Docker CLI image needs docker, its buildx plugin, sh and printenv on this machine");
  const rootfs = join(dir, "rootfs");
  const files: [from: string, to: string][] = [
    [docker, "/usr/local/bin/docker"],
    [buildx, "/usr/libexec/docker/cli-plugins/docker-buildx"],
    [sh, "/bin/sh"],
    [printenv, "/usr/bin/printenv"],
  ];
  for (const [from] of [...files]) for (const library of sharedLibraries(from)) files.push([library, library]);
  for (const [from, to] of files) {
    mkdirSync(join(rootfs, dirname(to)), { recursive: true });
    // copyFileSync follows symbolic links (/bin/sh → dash): the image gets the program itself.
    copyFileSync(from, join(rootfs, to));
    chmodSync(join(rootfs, to), 0o755);
  }
  mkdirSync(join(rootfs, "tmp"), { recursive: true });
  chmodSync(join(rootfs, "tmp"), 0o1777);
  const tar = spawnSync("tar", ["-C", rootfs, "-cf", join(dir, "rootfs.tar"), "."], { encoding: "utf8" });
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  importImage(daemon, join(dir, "rootfs.tar"), name);
}

function importImage(daemon: Dockerd, tarFile: string, name: string): void {
  const result = spawnSync("docker", ["import", "--change", "ENV PATH=/usr/local/bin:/usr/bin:/bin", tarFile, name], { encoding: "utf8", env: daemon.env });
  if (result.status !== 0) throw new Error(`docker import failed: ${result.stderr}`);
}
