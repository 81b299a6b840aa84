import { expect } from "vitest";
import { translate, type StepCase } from "./fixtures.js";

/** What a golden row expects of a step's container environment. */
export interface EnvExpectation {
  env?: Record<string, string>;
  /** Secret variables by the reference they hold. */
  secretEnv?: Record<string, string>;
  /** Names set neither as plain nor as secret variables. */
  absent?: string[];
}

/** Translate the step and check its environment against the row. */
export function expectEnv(c: StepCase, expected: EnvExpectation): void {
  const container = translate(c);
  for (const [name, value] of Object.entries(expected.env ?? {})) expect(container.env[name], name).toBe(value);
  for (const [name, ref] of Object.entries(expected.secretEnv ?? {})) expect(container.secretEnv[name], name).toEqual({ ref });
  for (const name of expected.absent ?? []) {
    expect(container.env, `${name} should not be set`).not.toHaveProperty(name);
    expect(container.secretEnv, `${name} should not be set`).not.toHaveProperty(name);
  }
}
