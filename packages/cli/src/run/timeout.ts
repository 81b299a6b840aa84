const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A Harness step timeout (`10m`, `1h 30m`, `500ms`; already checked by planStep) in milliseconds. */
export function timeoutMs(timeout: string): number {
  let total = 0;
  for (const [, amount, unit] of timeout.matchAll(/(\d+)\s*(ms|[smhdw])/g)) total += Number(amount) * unitMs[unit!]!;
  return total;
}
