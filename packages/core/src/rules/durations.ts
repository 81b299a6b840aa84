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
