// Harness expressions (`<+pipeline.sequenceId>`) must be resolved before translation.

export function isRuntimeInput(value: unknown): boolean {
  return typeof value === "string" && /^<\+input>/.test(value.trim());
}

/**
 * True when the text holds `<+...>`. Written as two searches rather than /<\+[^>]*>/: that regex
 * rescans the rest of the text from every `<+`, so `<+<+<+...` took quadratic time (seconds for
 * 20 000 characters).
 */
export function containsExpression(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const start = value.indexOf("<+");
  return start !== -1 && value.indexOf(">", start + 2) !== -1;
}
