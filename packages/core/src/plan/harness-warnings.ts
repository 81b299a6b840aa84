import { parseGoBool } from "@buildpush/kaniko-args";
import type { Connector } from "../connectors/connectors.js";
import type { ProblemCollector } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import type { StageContext } from "../pipeline/stage.js";
import { containersAuthKey } from "../rules/docker-hub.js";
import type { Infrastructure, RegistryCredentials } from "./build-plan.js";
import { pluginReadsFlag, runtimeFlagDocs } from "./runtime-flag-docs.js";
import type { StepHandler } from "./step-handler.js";

/**
 * Warnings: what Harness accepts and runs, but will not do what the author expects (sources:
 * the Build and Push docs in ../shared/seeds/, kaniko-plugin.md, docker-plugin.md). A warning
 * never stops a step; each is checked whatever else is wrong with the step.
 */
export interface WarningContext {
  handler: StepHandler;
  infrastructure: Infrastructure;
  stage: StageContext;
  /** The step's envVariables, as read. */
  envVariables: readonly (readonly [string, string])[];
  /** The step takes Harness's buildx path on a VM (it asks for layer caching). */
  buildxPath: boolean;
  runAsUser?: number;
  /** The connector the step pushes with, when it was found (not a stand-in). */
  connector?: Connector;
  connectorRef?: string;
  /** The registry the step pushes to (its host), when known. */
  pushRegistry?: string;
  baseImageRef?: string;
  baseImageCredentials?: RegistryCredentials;
  specPath: Path;
  collector: ProblemCollector;
}

export function harnessWarnings(context: WarningContext): void {
  ignoredRuntimeFlags(context);
  kanikoNeedsRoot(context);
  baseImageSharesPrefix(context);
  unsupportedInfrastructure(context);
  connectorThroughDelegate(context);
}

const vmWords = (stage: StageContext): string => (stage.runtime === "Cloud" ? "Harness Cloud" : stage.runtime === "Docker" ? "the local runner" : "VM infrastructure");

/** A PLUGIN_* variable the step's plugin does not read (a false or empty value changes nothing, and is not reported). */
function ignoredRuntimeFlags({ handler, infrastructure, stage, envVariables, buildxPath, specPath, collector }: WarningContext): void {
  // On the buildx path Harness runs a buildx plugin (plugins/buildx, buildx-ecr…), not drone-docker:
  // which runtime flags its release reads is not confirmed (docs/conformance.md), so none is called ignored.
  if (buildxPath && handler.plugin.images.vmBuildx !== undefined) return;
  const variant = handler.plugin.variant;
  const unread = (name: string): boolean => name.startsWith("PLUGIN_") && pluginReadsFlag(name, infrastructure, variant) === false;
  // Most steps set no variable their plugin does not read: then there is nothing to order or word.
  if (!envVariables.some(([name]) => unread(name)) && !Object.keys(stage.variables ?? {}).some(unread)) return;
  const fromStep = new Map(envVariables.map(([name, value]) => [name, value]));
  const variables = new Map<string, { value: string; fromStep: boolean }>();
  for (const [name, value] of Object.entries(stage.variables ?? {})) variables.set(name, { value, fromStep: false });
  for (const [name, value] of fromStep) variables.set(name, { value, fromStep: true });
  const plugin = infrastructure === "kubernetes" ? `the kaniko plugin (${handler.plugin.images.kubernetes.name})` : `drone-docker (${handler.plugin.images.vm.name})`;
  for (const [name, { value, fromStep: set }] of variables) {
    if (!unread(name)) continue;
    const bool = parseGoBool(value);
    if (value === "" || (bool.ok && !bool.value)) continue;
    const doc = runtimeFlagDocs[name]!;
    const instead = doc.instead?.[infrastructure];
    collector.add(
      set ? [...specPath, "envVariables", name] : [],
      {
        code: "ignored-runtime-flag",
        severity: "warning",
        message: `${name} has no effect: ${plugin}, which Harness runs for a ${handler.type} step on ${infrastructure === "kubernetes" ? "Kubernetes" : vmWords(stage)}, does not read it${set ? "" : " (it is set by a stage or pipeline variable)"}`,
        value,
        rule: `each plugin reads its own runtime flags: ${name} is read ${readersOf(name)}`,
        ...(instead ? { hint: instead } : {}),
      },
      "key",
    );
  }
}

function readersOf(name: string): string {
  const doc = runtimeFlagDocs[name]!;
  const where = (reader: { variants?: readonly string[] } | undefined, plugin: string): string | undefined =>
    reader ? `${reader.variants ? `${reader.variants.join(", ")} variant${reader.variants.length > 1 ? "s" : ""} of ` : ""}${plugin}` : undefined;
  const readers = [where(doc.kaniko, "the kaniko plugin on Kubernetes"), where(doc.docker, "drone-docker on VMs")].filter(Boolean);
  return readers.length > 0 ? `by ${readers.join(" and by ")}` : "by neither the kaniko plugins nor drone-docker";
}

/** Kaniko needs root: a non-root Kubernetes stage must give the step `runAsUser: 0` (the docs' way). */
function kanikoNeedsRoot({ infrastructure, stage, runAsUser, specPath, collector }: WarningContext): void {
  if (infrastructure !== "kubernetes") return;
  const security = stage.containerSecurityContext ?? {};
  const user = runAsUser ?? security.runAsUser;
  const nonRoot = user !== undefined ? user !== 0 : security.runAsNonRoot === true;
  if (!nonRoot) return;
  const why = runAsUser !== undefined ? `the step runs as user ${runAsUser}` : security.runAsUser !== undefined && security.runAsUser !== 0 ? `the stage runs as user ${security.runAsUser}` : "the stage runs as non-root (runAsNonRoot: true)";
  collector.add(
    runAsUser !== undefined ? [...specPath, "runAsUser"] : [],
    {
      code: "kaniko-needs-root",
      severity: "warning",
      message: `${why}, and on Kubernetes Harness builds with kaniko, which needs root: the build will not start or will fail`,
      ...(runAsUser !== undefined ? { value: runAsUser } : {}),
      rule: "kaniko requires root access to build; Harness's docs tell non-root stages to set runAsUser: 0 on the build-and-push step",
      hint: "set runAsUser: 0 on the step, or build without root (--mode buildah, Harness's Buildah plugin)",
    },
    runAsUser !== undefined ? "value" : "key",
  );
}

/** Two connectors for one registry host: the second's login overwrites the first's in the Docker config file. */
function baseImageSharesPrefix({ connectorRef, pushRegistry, baseImageRef, baseImageCredentials, specPath, collector }: WarningContext): void {
  if (!pushRegistry || !baseImageCredentials || baseImageRef === undefined || baseImageRef === connectorRef) return;
  if (containersAuthKey(baseImageCredentials.registry) !== containersAuthKey(pushRegistry)) return;
  collector.add([...specPath, "baseImageConnectorRefs", 0], {
    code: "base-image-connector-shares-prefix",
    severity: "warning",
    message: `base image connector ${quote(baseImageRef)} is for ${quote(baseImageCredentials.registry)}, the registry the step pushes to (${quote(pushRegistry)}) through another connector: one login overwrites the other in the Docker config file`,
    value: baseImageRef,
    rule: "pushing to and pulling from two registries with the same URL prefix is not supported (Harness's Build and Push docs)",
    hint: "drop baseImageConnectorRefs (the push connector's login also pulls from that registry), or pull base images from a registry with a URL of its own",
  });
}

/** A step Harness documents for other infrastructure only (ACR: Kubernetes). */
function unsupportedInfrastructure({ handler, infrastructure, stage, collector }: WarningContext): void {
  const supported = handler.supportedInfrastructures;
  if (!supported || supported.includes(infrastructure)) return;
  collector.add(["type"], {
    code: "step-not-supported-on-infrastructure",
    severity: "warning",
    message: `Harness documents ${handler.type} for ${supported.map((name) => (name === "kubernetes" ? "Kubernetes" : "VM")).join(" and ")} build infrastructure only, and this stage runs on ${vmWords(stage)}`,
    value: handler.type,
    rule: `${handler.type} is supported on ${supported.join(", ")} infrastructure (Harness's docs); Harness runs it elsewhere all the same`,
    hint: "use BuildAndPushDockerRegistry with a Docker registry connector for the registry, or a Kubernetes stage",
  });
}

/** Harness Cloud has no delegate: an AWS connector must connect through the Harness Platform. */
function connectorThroughDelegate({ connector, connectorRef, stage, specPath, collector }: WarningContext): void {
  if (stage.runtime !== "Cloud" || connector?.type !== "Aws") return;
  const through = connector.credential.type !== "ManualConfig" ? `its credentials come from the delegate (${connector.credential.type})` : connector.executeOnDelegate === true ? "it connects through a delegate (executeOnDelegate: true)" : undefined;
  if (!through) return;
  collector.add([...specPath, "connectorRef"], {
    code: "connector-through-delegate",
    severity: "warning",
    message: `connector ${quote(connectorRef)} is used on Harness Cloud, but ${through}`,
    value: connectorRef,
    rule: "with Harness Cloud build infrastructure a connector's connectivity mode must be Connect through Harness Platform (Harness's docs)",
    hint: "connect the AWS connector through the Harness Platform (executeOnDelegate: false) with access keys",
  });
}
