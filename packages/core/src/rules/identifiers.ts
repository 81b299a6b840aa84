/**
 * Harness's identifier and name rules, and what a container environment's variable names may
 * be: the one place each is written.
 */

/** An identifier of a step, stage, connector or variable: a letter or _, then letters, digits and _ (at most 128). */
export const identifierPattern = /^[a-zA-Z_][0-9a-zA-Z_]{0,127}$/;
export const identifierRule = "an identifier starts with a letter or _ and holds letters, digits and _ (at most 128)";

export const namePattern = /^[a-zA-Z_0-9-.][-0-9a-zA-Z_\s.]{0,127}$/;
export const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A connector reference as Harness writes it: an identifier, `org.` one or `account.` one (rules/connector-scope.ts says what each names). */
export const connectorReferencePattern = /^(?:account\.|org\.)?[a-zA-Z_][0-9a-zA-Z_]{0,127}$/;
export const connectorReferenceRule = `a connector reference is an identifier, optionally prefixed with account. or org. (${identifierRule})`;

/** A secret reference as Harness writes it: `name`, `org.name` or `account.name`. */
export const secretReferencePattern = /^(?:account\.|org\.)?[A-Za-z_][0-9A-Za-z_-]{0,127}$/;

/**
 * `__proto__` fits the pattern, but an engine that copies the environment into a JS object by
 * assignment would set that object's prototype instead of a variable: the variable would vanish.
 */
export const prototypeNameRule = "__proto__ cannot name a variable: JavaScript objects (the engine's included) treat it as the object's prototype, so the variable would be lost";

/** A name a container's environment can hold, and every JS object holding it keeps as data. */
export function isEnvName(name: string): boolean {
  return envNamePattern.test(name) && name !== "__proto__";
}
