import { workspaceManifests } from "../../../scripts/step-packages.mjs";
import { repoRoot } from "../../support/paths.js";

/** The fields of a package manifest the packaging tests read. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  keywords?: string[];
  license?: string;
  repository?: { type: string; url: string; directory?: string };
  type?: string;
  engines?: Record<string, string>;
  sideEffects?: boolean;
  exports?: Record<string, Record<string, string>>;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  /** The folder under packages/, e.g. `core`. */
  folder: string;
  /** Absolute, with a trailing slash. */
  dir: string;
  manifest: Manifest;
}

/** Every package under packages/, found the way pnpm-workspace.yaml finds them (scripts/step-packages.mjs). */
export function workspacePackages(): WorkspacePackage[] {
  return workspaceManifests(repoRoot).map(({ folder, dir, manifest }) => ({ folder, dir: `${dir}/`, manifest: manifest as unknown as Manifest }));
}

/** A package an engine imports: one without a `bin` (the CLI is an application). */
export function isLibrary(pkg: WorkspacePackage): boolean {
  return pkg.manifest.bin === undefined;
}

/**
 * The files a manifest's `exports` and `bin` point at, `types` conditions left out: what
 * scripts/bundle-packages.mjs bundles.
 */
export function bundleTargets(manifest: Manifest): string[] {
  const conditions = Object.values(manifest.exports ?? {}).flatMap((entry) =>
    Object.entries(entry).filter(([condition]) => condition !== "types").map(([, target]) => target),
  );
  return [...new Set([...conditions, ...Object.values(manifest.bin ?? {})])];
}
