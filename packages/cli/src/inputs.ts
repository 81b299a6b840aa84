import { ConnectorSet, isBuildpushError, parseConnectorFile, type Connector, type Infrastructure, type LayerCache, type Problem } from "@buildpush/core";
import { UsageError, type CliIo } from "./io.js";

export function readInput(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
}

/** Parse every connector file; problems of all files are collected, not just the first. */
export function loadConnectors(io: CliIo, files: readonly string[], problems: Problem[]): ConnectorSet {
  const connectors: Connector[] = [];
  for (const file of files) {
    const text = readInput(io, file);
    try {
      for (const connector of parseConnectorFile(text, file)) connectors.push(connector);
    } catch (error) {
      if (!isBuildpushError(error)) throw error;
      for (const problem of error.problems) problems.push(problem);
    }
  }
  try {
    return new ConnectorSet(connectors);
  } catch (error) {
    if (!isBuildpushError(error)) throw error;
    for (const problem of error.problems) problems.push(problem);
    return new ConnectorSet();
  }
}

export function parseInfrastructure(value: string | undefined): Infrastructure | undefined {
  if (value === undefined) return undefined;
  if (value === "kubernetes" || value === "vm") return value;
  throw new UsageError(`--infra takes kubernetes or vm, not ${JSON.stringify(value)}`);
}

/** `--image plugins/kaniko-ecr=registry.internal/kaniko-ecr:1.13.3`, repeatable. */
export function parseImageOverrides(values: readonly string[]): Record<string, string> {
  const images: [string, string][] = [];
  for (const value of values) {
    const at = value.indexOf("=");
    if (at <= 0 || at === value.length - 1) throw new UsageError(`--image takes NAME=REF, e.g. plugins/kaniko=registry.internal/kaniko:1.13.3, not ${JSON.stringify(value)}`);
    images.push([value.slice(0, at), value.slice(at + 1)]);
  }
  // fromEntries keeps `__proto__=x` as a name (refused as an unknown image); assigning it would drop it silently.
  return Object.fromEntries(images);
}

/** `--layer-cache REPOSITORY`: where `caching: true` keeps layers (the translator checks the repository). */
export function parseLayerCache(value: string | undefined): LayerCache | undefined {
  return value === undefined ? undefined : { repository: value };
}
