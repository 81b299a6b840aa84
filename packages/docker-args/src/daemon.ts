// The dockerd command the plugin starts unless PLUGIN_DAEMON_OFF is true (docker.go
// commandDaemon). Each option remembers the variable that asked for it, so that the options a
// PLUGIN_DAEMON_OFF=true run silently drops can be named.

import { DOCKERD_EXE } from "./constants.js";
import type { DaemonSettings } from "./settings.js";

export interface DaemonOption {
  variable: string;
  args: string[];
}

/** The daemon options after the data root, in the plugin's order; `registry` is the login registry (PLUGIN_REGISTRY). */
export function daemonOptions(daemon: DaemonSettings, registry: string): DaemonOption[] {
  const options: DaemonOption[] = [];
  const add = (variable: string, ...args: string[]): void => void options.push({ variable, args });
  if (daemon.storageDriver !== "") add("PLUGIN_STORAGE_DRIVER", "-s", daemon.storageDriver);
  // Even for the default Docker Hub URL: --insecure-registry https://index.docker.io/v1/.
  if (daemon.insecure && registry !== "") add("PLUGIN_INSECURE", "--insecure-registry", registry);
  if (daemon.ipv6) add("PLUGIN_IPV6", "--ipv6");
  if (daemon.mirror.value !== "") add(daemon.mirror.variable ?? "PLUGIN_MIRROR", "--registry-mirror", daemon.mirror.value);
  if (daemon.bip !== "") add("PLUGIN_BIP", "--bip", daemon.bip);
  for (const dns of daemon.dns ?? []) add("PLUGIN_CUSTOM_DNS", "--dns", dns);
  for (const search of daemon.dnsSearch ?? []) add("PLUGIN_CUSTOM_DNS_SEARCH", "--dns-search", search);
  if (daemon.mtu !== "") add("PLUGIN_MTU", "--mtu", daemon.mtu);
  if (daemon.experimental) add("PLUGIN_EXPERIMENTAL", "--experimental");
  // Debug only shows the daemon's output; it changes no argument but is a daemon option all the same.
  if (daemon.debug) add("PLUGIN_DEBUG");
  return options;
}

/** The dockerd argv: data root and socket first, then each option. */
export function daemonArgv(daemon: DaemonSettings, registry: string): string[] {
  const argv = [DOCKERD_EXE, "--data-root", daemon.storagePath, "--host=unix:///var/run/docker.sock"];
  for (const option of daemonOptions(daemon, registry)) argv.push(...option.args);
  return argv;
}
