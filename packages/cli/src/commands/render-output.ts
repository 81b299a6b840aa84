import {
  atStep,
  isDnsSubdomain,
  stageOf,
  stagePlatform,
  stepFileName,
  toDockerRun,
  toKubernetesJobs,
  toKubernetesPods,
  type DockerRunOptions,
  type KubernetesJobOptions,
  type RequiredSecret,
  type SecretKeySelector,
  type TranslatedStage,
  type TranslatedStep,
} from "@buildpush/core";
import { yamlText } from "./yaml-text.js";
import { UsageError } from "../io.js";

/** `translate --format kubernetes|docker`: the engine formats, and the options only they take. */
export const renderFormats = ["kubernetes", "docker"] as const;
export type RenderFormat = (typeof renderFormats)[number];

export const renderOptions = {
  job: { type: "boolean" },
  namespace: { type: "string" },
  "service-account": { type: "string" },
  "workspace-claim": { type: "string" },
  secret: { type: "string", multiple: true },
  workspace: { type: "string" },
  "env-file-dir": { type: "string" },
  "credentials-dir": { type: "string" },
} as const;

export interface RenderOptionValues {
  job?: boolean | undefined;
  namespace?: string | undefined;
  "service-account"?: string | undefined;
  "workspace-claim"?: string | undefined;
  secret?: string[] | undefined;
  workspace?: string | undefined;
  "env-file-dir"?: string | undefined;
  "credentials-dir"?: string | undefined;
}

const kubernetesOnly = ["job", "namespace", "service-account", "workspace-claim", "secret"] as const;
const dockerOnly = ["workspace", "env-file-dir", "credentials-dir"] as const;

export function isRenderFormat(format: string | undefined): format is RenderFormat {
  return (renderFormats as readonly string[]).includes(format ?? "");
}

/** Options of the other format, or of none, are a usage mistake rather than silently ignored. */
export function checkRenderOptions(format: string | undefined, values: RenderOptionValues): void {
  for (const name of [...kubernetesOnly, ...dockerOnly]) {
    if (values[name] === undefined) continue;
    const owner = (kubernetesOnly as readonly string[]).includes(name) ? "kubernetes" : "docker";
    if (format !== owner) throw new UsageError(`--${name} goes with --format ${owner}`);
  }
}

/** The steps of a translation, rendered with their stages' infrastructure. */
export interface RenderInput {
  stages: readonly TranslatedStage[];
  steps: readonly TranslatedStep[];
}

export function renderSteps(format: RenderFormat, translation: RenderInput, values: RenderOptionValues): string {
  return format === "kubernetes" ? kubernetesYaml(translation, values) : dockerLines(translation, values);
}

/**
 * Multi-document YAML, a Pod per stage or (`--job`) a Job per step, led by comments naming the
 * Secrets the objects read. Every string that a YAML 1.1 reader such as kubectl, a YAML 1.2 one
 * or Go's number parsing could take for another type (`yes`, `1:20`, `0o17`, `0X1F`) is quoted
 * (yaml-text.ts).
 */
function kubernetesYaml({ stages, steps }: RenderInput, values: RenderOptionValues): string {
  const options: Omit<KubernetesJobOptions, "name"> = {
    stages,
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    ...(values["service-account"] !== undefined ? { serviceAccountName: values["service-account"] } : {}),
    ...(values["workspace-claim"] !== undefined ? { workspace: { persistentVolumeClaim: { claimName: values["workspace-claim"] } } } : {}),
    ...(values.secret ? { secrets: secretTable(values.secret) } : {}),
  };
  const { objects, secrets } = values.job ? toKubernetesJobs(steps, options) : toKubernetesPods(steps, options);
  const documents = objects.map((object) => yamlText(object));
  return `${secretComments(secrets)}${documents.join("---\n")}`;
}

/** `--secret account.docker_pass=registry-creds/password`, repeatable. */
function secretTable(entries: readonly string[]): Record<string, SecretKeySelector> {
  const table: Record<string, SecretKeySelector> = {};
  for (const entry of entries) {
    const match = /^([^=]+)=([^/]+)\/(.+)$/.exec(entry);
    if (!match) throw new UsageError(`--secret takes REF=SECRET/KEY, e.g. account.docker_pass=registry-creds/password, not ${JSON.stringify(entry)}`);
    if (!isDnsSubdomain(match[2]!)) throw new UsageError(`--secret ${entry}: ${JSON.stringify(match[2])} is not a Secret name (lowercase letters, digits, '-' and '.')`);
    table[match[1]!] = { name: match[2]!, key: match[3]! };
  }
  return table;
}

function secretComments(secrets: readonly RequiredSecret[]): string {
  if (secrets.length === 0) return "";
  const lines = secrets.map((secret) => {
    if (secret.kind === "key") return `#   Secret ${secret.name}, key ${secret.key}: the value of ${secret.ref}`;
    const logins = secret.file.auths.map((auth) => `${auth.registry} as ${auth.usernameRef ?? auth.username ?? "(no user)"} with ${auth.passwordRef}`);
    const helpers = Object.entries(secret.file.credHelpers).map(([registry, helper]) => `${registry} through docker-credential-${helper}`);
    return `#   Secret ${secret.name}, type kubernetes.io/dockerconfigjson: ${[...logins, ...helpers].join("; ") || "no logins"}`;
  });
  return `# These objects read Secrets that must exist in their namespace first:\n${lines.join("\n")}\n`;
}

/**
 * One JSON argv per step and line, with `--platform` when the stage names its architecture.
 * Secrets come from the caller's environment (`--env NAME`)
 * or, with --env-file-dir, from `DIR/<stage>.<step>.env`; credentials files from
 * `DIR/<stage>.<step>/<file name>` under --credentials-dir (`<stage>.<group>.<step>` for a step
 * in a step group). --workspace is a host directory or
 * a named volume.
 */
function dockerLines({ stages, steps }: RenderInput, values: RenderOptionValues): string {
  const needsFiles = steps.find((step) => (step.container.files?.length ?? 0) > 0);
  const credentialsDir = values["credentials-dir"];
  if (needsFiles && credentialsDir === undefined) throw new UsageError(`step ${needsFiles.identifier} needs a credentials file: give --credentials-dir DIR, an absolute directory the files are written to`);
  for (const [name, path] of [["env-file-dir", values["env-file-dir"]], ["credentials-dir", credentialsDir]] as const) {
    if (path !== undefined && !path.startsWith("/")) throw new UsageError(`--${name} takes an absolute path, not ${JSON.stringify(path)}`);
  }
  return steps
    .map((step) => {
      // Identifiers only: a stage or step named ../x would put a file outside its directory.
      // The step groups too: steps of different groups may share an identifier.
      const base = stepFileName(step);
      const platform = stagePlatform(stageOf(step.stage, stages));
      const options: DockerRunOptions = {
        ...(platform !== undefined ? { platform } : {}),
        secrets: values["env-file-dir"] !== undefined ? { envFile: `${values["env-file-dir"]}/${base}.env` } : "inherit",
        ...(values.workspace !== undefined ? { workspace: values.workspace } : {}),
        files: hostFiles(step, `${credentialsDir}/${base}`),
      };
      return `${JSON.stringify(atStep(step, () => toDockerRun(step.container, options)))}\n`;
    })
    .join("");
}

/** Each credentials file's host path in `dir`: its file name, numbered when two share one. */
function hostFiles(step: TranslatedStep, dir: string): Record<string, string> {
  const files = step.container.files ?? [];
  const names = files.map((file) => file.path.split("/").pop()!);
  return Object.fromEntries(files.map((file, index) => [file.path, `${dir}/${names.indexOf(names[index]!) === index ? names[index] : `${index}-${names[index]}`}`]));
}
