/**
 * What the operating system said, in its words and without the call and path Node appends
 * ("ENOSPC: no space left on device, write" → "no space left on device").
 */
export function systemErrorReason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(error);
  const words = typeof code === "string" ? new RegExp(`^${code}: ([^,]+)`).exec(text)?.[1] : undefined;
  return words ?? text;
}
