// Bugs of settings the plugin drops silently: variables it never reads, daemon options with no
// daemon to give them to, the ECR, GCR and GAR wrappers' unparsable booleans, PLUGIN_SQUASH
// without PLUGIN_EXPERIMENTAL.

import { parseGoBool } from "@buildpush/kaniko-args";
import { bug, type DockerPluginBug } from "./bug.js";
import { daemonOptions } from "./daemon.js";
import type { RunFacts } from "./facts.js";
import { ignoredReason, pluginReads } from "./read-variables.js";
import { firstNonEmpty } from "./wrapper-getenv.js";

/** A value that changes nothing when ignored: empty, or a Go false. */
function harmless(value: string): boolean {
  const parsed = parseGoBool(value);
  return value === "" || (parsed.ok && !parsed.value);
}

function ignoredVariableBugs(facts: RunFacts): DockerPluginBug[] {
  const bugs: DockerPluginBug[] = [];
  for (const [name, value] of Object.entries(facts.env)) {
    if (value === undefined || !name.startsWith("PLUGIN_") || pluginReads(facts.variant, name) || harmless(value)) continue;
    bugs.push(bug("ignored-runtime-flag", name, `${name} is not read by the ${facts.variant} plugin on VMs and has no effect: ${ignoredReason(name)}`));
  }
  if (facts.settings.squash && !facts.settings.daemon.experimental) {
    bugs.push(bug("ignored-runtime-flag", "PLUGIN_SQUASH", "PLUGIN_SQUASH needs PLUGIN_EXPERIMENTAL: without it the plugin prints \"Ignoring...\" and builds without --squash"));
  }
  return bugs;
}

function daemonOffBugs(facts: RunFacts): DockerPluginBug[] {
  const { daemon, registry } = facts.settings;
  if (!daemon.off) return [];
  const seen = new Set<string>();
  const bugs: DockerPluginBug[] = [];
  const options = daemonOptions(daemon, registry);
  if (daemon.storagePath !== "/var/lib/docker") options.unshift({ variable: "PLUGIN_STORAGE_PATH", args: ["--data-root", daemon.storagePath] });
  for (const option of options) {
    if (seen.has(option.variable)) continue;
    seen.add(option.variable);
    const effect =
      option.variable === "PLUGIN_INSECURE"
        ? `it would add --insecure-registry ${registry} to the daemon the plugin starts; the VM's own daemon is used as it is, so a plain-HTTP or self-signed registry still fails`
        : `it only configures the daemon the plugin starts (${option.args.length > 0 ? option.args.join(" ") : "its output"}), and none is started`;
    bugs.push(bug("daemon-option-without-daemon", option.variable, `${option.variable} has no effect with PLUGIN_DAEMON_OFF=true (which Harness sets on every VM): ${effect}`));
  }
  return bugs;
}

/** The wrappers read these with parseBoolOrDefault: anything Go refuses is false, silently. */
const WRAPPER_BOOLS: Readonly<Partial<Record<RunFacts["variant"], ReadonlyArray<readonly string[]>>>> = {
  ecr: [["PLUGIN_CREATE_REPOSITORY", "ECR_CREATE_REPOSITORY"], ["PLUGIN_SCAN_ON_PUSH"], ["PLUGIN_SKIP_PUSH_IF_TAG_EXISTS"]],
  gcr: [["PLUGIN_WORKLOAD_IDENTITY"]],
  gar: [["PLUGIN_WORKLOAD_IDENTITY"]],
};

function wrapperBoolBugs(facts: RunFacts): DockerPluginBug[] {
  const bugs: DockerPluginBug[] = [];
  for (const names of WRAPPER_BOOLS[facts.variant] ?? []) {
    const value = firstNonEmpty(facts.env, ...names);
    if (value === "" || parseGoBool(value).ok) continue;
    const name = names.find((n) => facts.env[n] === value) ?? names[0]!;
    bugs.push(bug("wrapper-bool-ignored", name, `${name}=${JSON.stringify(value)} is not a boolean Go reads (true, false, 1, 0, ...): the ${facts.variant.toUpperCase()} plugin takes it as false without a word`));
  }
  return bugs;
}

export function settingBugs(facts: RunFacts): DockerPluginBug[] {
  return [...ignoredVariableBugs(facts), ...daemonOffBugs(facts), ...wrapperBoolBugs(facts)];
}
