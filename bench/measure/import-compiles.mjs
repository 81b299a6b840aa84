// @ts-check
/**
 * Child process: does importing core and the step packages (and translating one step) compile
 * anything? A schema compiler (Ajv's compile) generates code with `new Function`, so every call
 * of the Function constructor is counted while the packages load, and the CommonJS module cache
 * is searched for Ajv's compiler modules. Precompiled validators need neither. Prints one JSON line.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** @type {string[]} */
const functionConstructorCalls = [];
const OriginalFunction = Function;
const countingFunction = new Proxy(OriginalFunction, {
  apply(target, self, args) {
    functionConstructorCalls.push(new Error().stack?.split("\n").slice(2, 5).join(" | ") ?? "");
    return Reflect.apply(target, self, args);
  },
  construct(target, args) {
    functionConstructorCalls.push(new Error().stack?.split("\n").slice(2, 5).join(" | ") ?? "");
    return Reflect.construct(target, args);
  },
});
globalThis.Function = countingFunction;

const core = await import("@buildpush/core");
const { dockerRegistryHandler } = await import("@buildpush/docker");
const translator = core.createTranslator({ handlers: [dockerRegistryHandler] });
const connectors = core.connectorsFromValues([
  { identifier: "dockerhub", name: "Docker Hub", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://index.docker.io/v2/", auth: { type: "UsernamePassword", spec: { username: "acme", passwordRef: "account.dockerhub_token" } } } },
]);
translator.translateStep({ type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "account.dockerhub", repo: "acme/app", tags: ["latest"] } }, { connectors });
globalThis.Function = OriginalFunction;

// The CommonJS packages an import loads: core's own dependencies (yaml, the edit-distance
// package) and nothing else (Ajv's compiler above all).
const commonJsModules = Object.keys(require.cache).filter((file) => file.includes("node_modules"));
const ajvCompilerModules = Object.keys(require.cache).filter((file) => /[\\/]ajv[\\/]dist[\\/](ajv|core|2019|2020|jtd|compile[\\/]index)\.js$/.test(file));
const ajvRuntimeModules = Object.keys(require.cache).filter((file) => /[\\/]ajv[\\/]dist[\\/]runtime[\\/]/.test(file));
process.stdout.write(`${JSON.stringify({ functionConstructorCalls, ajvCompilerModules, ajvRuntimeModules, commonJsModules })}\n`);
