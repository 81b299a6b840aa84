import { BuildpushError, ConnectorSet, isBuildpushError, parseConnectorFile, type Connector, type Infrastructure, type LayerCache, type Problem } from "@buildpush/core";
import { defaultInputLimits, tooLargeProblem, withLimitFlag, type InputLimits } from "./input-limits.js";
import { UsageError, type CliIo } from "./io.js";
import { FileTooLarge, NoWriter } from "./read-file.js";

/** A file that cannot be read for a reason the message says in full: exit 2 with that line alone. */
export class InputError extends UsageError {}

/**
 * The text of an input file, never more than `limits.maxBytes` of it: a larger file is a
 * problem at its first line (exit 1), refused while it is read.
 */
export function readInput(io: CliIo, path: string, limits: InputLimits = defaultInputLimits): string {
  let text: string;
  try {
    text = io.readFile(path, limits.maxBytes);
  } catch (error) {
    if (error instanceof FileTooLarge) throw new BuildpushError([tooLargeProblem(path, limits)]);
    if (error instanceof NoWriter) throw new InputError(`cannot read ${path}: it is a pipe (FIFO) that nothing was written to and that no process has open for writing; start the writer first, or pass a file`);
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
  // An io that does not bound its reads (tests pass strings) is held to the same limit.
  if (text.length > limits.maxBytes || (text.length * 3 > limits.maxBytes && Buffer.byteLength(text) > limits.maxBytes)) {
    throw new BuildpushError([tooLargeProblem(path, limits)]);
  }
  return text;
}

/** Parse every connector file; problems of all files are collected, not just the first. */
export function loadConnectors(io: CliIo, files: readonly string[], problems: Problem[], limits: InputLimits = defaultInputLimits): ConnectorSet {
  const connectors: Connector[] = [];
  for (const file of files) {
    try {
      const text = readInput(io, file, limits);
      for (const connector of parseConnectorFile(text, file, limits.yamlLimits)) connectors.push(connector);
    } catch (error) {
      if (!isBuildpushError(error)) throw error;
      for (const problem of error.problems) problems.push(withLimitFlag(problem));
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
