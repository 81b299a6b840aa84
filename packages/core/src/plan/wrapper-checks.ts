import type { ProblemCollector } from "../problems/collector.js";
import { asWritten, quote } from "../problems/format.js";
import { timeoutLimitProblem, timeoutLimitRule, timeoutPattern, timeoutRule } from "../rules/durations.js";
import { identifierPattern, identifierRule, namePattern } from "../rules/identifiers.js";
import { characterRules, forbiddenCharacter } from "../rules/text-checks.js";

/** The keys around a step's spec that Harness's step wrapper has (step-wrapper.ts documents them). */
const stepWrapperKeys = ["type", "name", "identifier", "spec", "timeout", "description", "when", "failureStrategies", "strategy"];

/** The keys around the spec: known keys only, a valid identifier and name, a timeout Harness reads. */
export function checkWrapper(step: Record<string, unknown>, type: string, collector: ProblemCollector): { identifier: string; name: string; timeout: string } {
  for (const key of Object.keys(step)) {
    if (!stepWrapperKeys.includes(key)) {
      collector.add([key], {
        code: "unknown-field",
        message: `unknown field ${quote(key)} on a ${type} step`,
        value: key,
        rule: `a step holds ${stepWrapperKeys.join(", ")}`,
        ...(key === "tags" || key === "repo" || key === "connectorRef" ? { hint: `${key} belongs under spec` } : {}),
      }, "key");
    }
  }
  const identifier = typeof step["identifier"] === "string" ? step["identifier"] : "";
  if (!identifierPattern.test(identifier)) {
    collector.add(["identifier"], {
      code: step["identifier"] === undefined ? "missing-field" : "invalid-identifier",
      message: step["identifier"] === undefined ? "the step has no identifier" : `step identifier ${quote(step["identifier"])} is not valid`,
      value: step["identifier"],
      rule: identifierRule,
      ...(typeof step["identifier"] === "string" ? { hint: `for example ${quote(suggestIdentifier(step["identifier"]))}` } : {}),
    }, step["identifier"] === undefined ? "key" : "value");
  }
  const name = typeof step["name"] === "string" ? step["name"] : "";
  if (!namePattern.test(name)) {
    collector.add(["name"], {
      code: step["name"] === undefined ? "missing-field" : "invalid-name",
      message: step["name"] === undefined ? "the step has no name" : `step name ${quote(step["name"])} is not valid`,
      value: step["name"],
      rule: "a name starts with a letter, digit, _, - or . and holds letters, digits, spaces, _, - and . (at most 128)",
    }, step["name"] === undefined ? "key" : "value");
  } else if (forbiddenCharacter(name, "single-line") !== undefined) {
    // Harness's pattern takes any white space, line breaks included; the name prefixes log lines (`buildpush run`).
    collector.add(["name"], {
      code: "invalid-character",
      message: `step name ${quote(name)} holds the control character ${forbiddenCharacter(name, "single-line")}`,
      value: name,
      rule: characterRules["single-line"],
    });
  }
  let timeout = "2h";
  const rawTimeout = step["timeout"];
  if (rawTimeout !== undefined && rawTimeout !== null) {
    const limit = typeof rawTimeout === "string" && timeoutPattern.test(rawTimeout.trim()) ? timeoutLimitProblem(rawTimeout.trim()) : undefined;
    if (limit !== undefined)
      collector.add(["timeout"], {
        code: "invalid-timeout",
        message: `timeout ${quote(rawTimeout)} cannot be a build's deadline: ${limit}`,
        value: rawTimeout,
        rule: timeoutLimitRule,
      });
    else if (typeof rawTimeout === "string" && timeoutPattern.test(rawTimeout.trim())) timeout = rawTimeout.trim();
    else
      collector.add(["timeout"], {
        code: "invalid-timeout",
        message: `timeout ${quote(rawTimeout)} is not a duration`,
        value: rawTimeout,
        rule: timeoutRule,
      });
  }
  // Other messages name the step by its identifier: a broken one is shown quoted and short.
  return { identifier: identifierPattern.test(identifier) ? identifier : asWritten(identifier), name, timeout };
}

function suggestIdentifier(text: string): string {
  const cleaned = text.replace(/[^0-9a-zA-Z_]+/g, "_").slice(0, 128);
  return /^[0-9]/.test(cleaned) ? `_${cleaned}`.slice(0, 128) : cleaned || "_";
}

