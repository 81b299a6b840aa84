/**
 * Examples as the READMEs show them, exactly as written, so the packaging tests can compile and
 * run them: a README cannot show a program that does not work.
 */

/** The first ```ts block of the section that starts with `heading` (a whole `## ...` line). */
export function firstTypeScriptBlock(readme: string, heading: string): string | undefined {
  const lines = readme.split("\n");
  const section = lines.indexOf(heading);
  if (section < 0) return undefined;
  const nextSection = lines.findIndex((line, index) => index > section && line.startsWith("## "));
  const sectionLines = lines.slice(section + 1, nextSection < 0 ? undefined : nextSection);
  const open = sectionLines.indexOf("```ts");
  const close = sectionLines.indexOf("```", open + 1);
  return open < 0 || close < 0 ? undefined : `${sectionLines.slice(open + 1, close).join("\n")}\n`;
}

/** The repository README's API example: the first ```ts block of "## The API". */
export function readmeApiExample(readme: string): string {
  const example = firstTypeScriptBlock(readme, "## The API");
  if (example === undefined) throw new Error('README.md has no "## The API" section with a complete ```ts block');
  return example;
}

/**
 * What an example says it prints: the comment after each `console.log(...);` line, one output
 * line each (`console.log(argv.join(" ")); // --context=dir://. ...`).
 */
export function statedOutput(example: string): string[] {
  return [...example.matchAll(/^console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1] ?? "");
}
