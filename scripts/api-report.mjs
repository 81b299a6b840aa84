#!/usr/bin/env node
// @ts-check
/**
 * The public API of every package entry point, recorded with @microsoft/api-extractor in
 * `api/<package>[.<subpath>].api.md`. `node scripts/api-report.mjs` (`pnpm api:update`) writes
 * the reports; `--check` (what the test runs) fails when an entry point's API changed and the
 * report was not updated, so every API change shows up in review as a diff of its report.
 * Reads the declarations `pnpm build` writes (dist/*.d.ts).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { workspacePackages } from "./step-packages.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const reportFolder = path.join(root, "api");
mkdirSync(reportFolder, { recursive: true });

/** Each package's entry points from its `exports` map: `.` and subpaths such as `./handler`. */
function entryPoints() {
  return workspacePackages(root).flatMap((directory) => {
    const packageDir = path.join(root, "packages", directory);
    const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
    return Object.entries(manifest.exports ?? {}).map(([subpath, target]) => ({
      packageDir,
      packageName: manifest.name,
      typesFile: path.join(packageDir, /** @type {{ types: string }} */ (target).types),
      reportName: `${directory}${subpath === "." ? "" : `.${subpath.replace(/^\.\//, "")}`}`,
    }));
  });
}

let failed = 0;
for (const entry of entryPoints()) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: entry.packageDir,
      mainEntryPointFilePath: entry.typesFile,
      compiler: { tsconfigFilePath: path.join(entry.packageDir, "tsconfig.json") },
      apiReport: { enabled: true, reportFolder, reportTempFolder: path.join(root, "node_modules/.cache/api-report"), reportFileName: `${entry.reportName}.api.md` },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // Types reachable from an entry point but exported by another (the handler kit's, from
        // the root) are recorded in the report rather than failing it.
        extractorMessageReporting: { "ae-forgotten-export": { logLevel: "none", addToApiReportFile: true }, "ae-missing-release-tag": { logLevel: "none" } },
        tsdocMessageReporting: { default: { logLevel: "none" } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: path.join(entry.packageDir, "package.json"),
  });
  const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false, messageCallback: (message) => {
    if (message.logLevel === "warning" || message.logLevel === "error") process.stderr.write(`${entry.reportName}: ${message.text}\n`);
    message.handled = true;
  } });
  if (result.apiReportChanged) {
    failed++;
    process.stderr.write(`${entry.packageName}${entry.reportName.includes(".") ? `/${entry.reportName.split(".")[1]}` : ""}: the API changed${check ? "; run pnpm api:update and review api/" + entry.reportName + ".api.md" : ", report updated"}\n`);
  } else if (!result.succeeded) {
    failed++;
    process.stderr.write(`${entry.reportName}: api-extractor failed (${result.errorCount} errors)\n`);
  }
}
if (check && failed > 0) process.exit(1);
process.stdout.write(check ? "API reports are up to date\n" : "API reports written to api/\n");
