import { readFileSync } from "node:fs";
import { main, type CliIo } from "@buildpush/cli";
import { repoRoot } from "./paths.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI in-process, as `buildpush ARGS` from the repository root: files are read relative
 * to the root, and `files` stands in for paths that do not exist on disk.
 */
export async function runCli(args: string[], files: Record<string, string> = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: (path) => files[path] ?? readFileSync(`${repoRoot}${path}`, "utf8"),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The bundled connectors, as every CLI test passes them. */
export const exampleConnectorArgs = ["--connectors", "examples/connectors.yaml"];
