import { BuildpushError } from "../problems/error.js";
import { timeoutLimitProblem, timeoutLimitRule, timeoutMilliseconds, timeoutPattern, timeoutRule } from "../rules/durations.js";

/**
 * A Harness timeout (`2h`, `1h 30m`, `90s`, `500ms`) as whole seconds, rounded up:
 * `activeDeadlineSeconds` takes a positive integer. A zero timeout or one longer than 53 weeks
 * (the longest Harness accepts) is refused, so the result is never 0, a float or `6.048e+31`.
 */
export function timeoutSeconds(timeout: string): number {
  const text = timeout.trim();
  if (!timeoutPattern.test(text)) {
    throw new BuildpushError([
      { code: "invalid-timeout", message: `timeout ${JSON.stringify(timeout)} is not a duration`, field: "timeout", value: timeout, rule: timeoutRule },
    ]);
  }
  const limit = timeoutLimitProblem(text);
  if (limit !== undefined) {
    throw new BuildpushError([{ code: "invalid-timeout", message: `timeout ${JSON.stringify(timeout)} cannot be a deadline: ${limit}`, field: "timeout", value: timeout, rule: timeoutLimitRule }]);
  }
  // At most 53 weeks, so a whole number of seconds well inside what activeDeadlineSeconds holds.
  return Math.ceil(timeoutMilliseconds(text) / 1000);
}

const bytesPerSuffix: Record<string, number> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** A Kubernetes memory quantity (`500Mi`, `2G`, `1048576`) as whole bytes, rounded up. */
export function memoryBytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(quantity);
  const bytes = match ? Math.ceil(Number(match[1]) * bytesPerSuffix[match[2] ?? ""]!) : Number.NaN;
  if (!(bytes > 0) || !Number.isSafeInteger(bytes)) {
    throw new BuildpushError([
      { code: "invalid-memory", message: `memory limit ${JSON.stringify(quantity)} is not a quantity docker can take`, field: "resources.limits.memory", value: quantity, rule: "memory is a positive number with an optional unit Ki, Mi, Gi, k, M, G ..." },
    ]);
  }
  return bytes;
}

/** A Kubernetes cpu quantity (`400m`, `1.5`) as the decimal number of cpus docker's `--cpus` takes. */
export function cpuDecimal(quantity: string): string {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(m)?$/.exec(quantity);
  const millicores = match ? Math.ceil(match[2] === "m" ? Number(match[1]) : Number(match[1]) * 1000) : Number.NaN;
  if (!(millicores > 0) || !Number.isSafeInteger(millicores)) {
    throw new BuildpushError([
      { code: "invalid-cpu", message: `cpu limit ${JSON.stringify(quantity)} is not a quantity docker can take`, field: "resources.limits.cpu", value: quantity, rule: "cpu is a positive number of cores (0.5) or millicores (500m)" },
    ]);
  }
  // Integer arithmetic, so 400m prints 0.4 and never 0.4000000001.
  const whole = Math.floor(millicores / 1000);
  const fraction = String(millicores % 1000).padStart(3, "0").replace(/0+$/, "");
  return fraction.length > 0 ? `${whole}.${fraction}` : String(whole);
}
