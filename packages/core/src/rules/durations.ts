/** Harness step timeouts: numbers with units, `10m`, `1h 30m`, `500ms`. The one place their units are known. */
export const timeoutPattern = /^\d+(?:ms|[smhdw])(?:\s*\d+(?:ms|[smhdw]))*$/;
export const timeoutRule = "a timeout is numbers with units ms, s, m, h, d or w, e.g. 10m or 1h 30m";

const millisecondsPerUnit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A timeout that matches `timeoutPattern`, in milliseconds. */
export function timeoutMilliseconds(timeout: string): number {
  let total = 0;
  for (const [, amount, unit] of timeout.matchAll(/(\d+)\s*(ms|[smhdw])/g)) total += Number(amount) * millisecondsPerUnit[unit!]!;
  return total;
}

/**
 * The longest timeout Harness takes: 53 weeks, the maximum its duration fields accept (the UI's
 * step timeouts and the documented Wait step). Longer ones overflow what builders and timers
 * hold (Node's timers stop at about 24.8 days; Kubernetes' activeDeadlineSeconds is an integer).
 */
export const maxTimeoutMilliseconds = 53 * millisecondsPerUnit["w"]!;
export const timeoutLimitRule = "a timeout is more than 0 and at most 53w (371 days), the longest Harness accepts";

/** Why a timeout that matches `timeoutPattern` is not one a build can be given, or undefined. */
export function timeoutLimitProblem(timeout: string): string | undefined {
  const milliseconds = timeoutMilliseconds(timeout);
  if (milliseconds === 0) return "it is zero (Harness reads a zero timeout as its default of 10 hours)";
  if (!(milliseconds <= maxTimeoutMilliseconds)) return "it is longer than 53w, the longest Harness accepts";
  return undefined;
}
