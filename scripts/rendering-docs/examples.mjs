// @ts-check
/**
 * The worked examples in docs/rendering.md are real CLI output. Each is a ```sh block holding
 * one `pnpm buildpush translate ...` line, then the fenced block with what it printed. This
 * module finds those pairs and puts new output in place; the test and the update script share it.
 */

const examplePattern = /```sh\npnpm buildpush (translate [^\n]+)\n```\n\n```(\w+)\n([\s\S]*?)```\n/g;

/**
 * @param {string} markdown
 * @returns {{ args: string[]; output: string; start: number; end: number; language: string }[]}
 */
export function findExamples(markdown) {
  // The pattern's three groups always take part in a match, hence the `?? ""`s for the checker.
  return [...markdown.matchAll(examplePattern)].map((match) => ({
    args: (match[1] ?? "").split(" "),
    language: match[2] ?? "",
    output: match[3] ?? "",
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/**
 * @param {string} markdown
 * @param {(args: string[]) => string} render the CLI's stdout for the arguments
 * @returns {string}
 */
export function withFreshOutput(markdown, render) {
  let result = "";
  let at = 0;
  for (const example of findExamples(markdown)) {
    result += markdown.slice(at, example.start);
    result += `\`\`\`sh\npnpm buildpush ${example.args.join(" ")}\n\`\`\`\n\n\`\`\`${example.language}\n${render(example.args)}\`\`\`\n`;
    at = example.end;
  }
  return result + markdown.slice(at);
}
