/** Every module specifier an esbuild bundle imports statically or dynamically. */
export function importSpecifiers(source: string): string[] {
  const pattern = /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? "");
}

/** The program a bin's loader runs from a code cache (scripts/bin-loader.mjs), relative to the loader; undefined for any other file. */
export function programOf(source: string): string | undefined {
  return /^const programFile = join\(__dirname, "([^"]+)"\);$/m.exec(source)?.[1];
}

/** Every module a CommonJS bundle requires by name. */
export function requiredSpecifiers(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1] ?? "");
}

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
export function packageOf(specifier: string): string {
  return specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}
