import { getSystemErrorMap } from "node:util";

/**
 * What the operating system said, in libuv's words ("no space left on device", "permission
 * denied"), without the call and path Node puts around them; the error's message when it is
 * not a system error.
 */
export function systemErrorReason(error: unknown): string {
  const { errno, message } = (error ?? {}) as { errno?: unknown; message?: unknown };
  const words = typeof errno === "number" ? getSystemErrorMap().get(errno)?.[1] : undefined;
  return words ?? (typeof message === "string" ? message : String(error));
}

