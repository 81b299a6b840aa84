/** A Harness step timeout (already checked by planStep) in milliseconds: core's reading, the one place units are known. */
export { timeoutMilliseconds as timeoutMs } from "@buildpush/core/handler";
