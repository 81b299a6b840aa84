/** Harness expressions (`<+pipeline.sequenceId>`) must be resolved before translation. */
const expression = /<\+[^>]*>/;

export function isRuntimeInput(value: unknown): boolean {
  return typeof value === "string" && /^<\+input>/.test(value.trim());
}

export function containsExpression(value: unknown): boolean {
  return typeof value === "string" && expression.test(value);
}
