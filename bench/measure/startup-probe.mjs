// @ts-check
/**
 * What an engine's short-lived worker does: import @buildpush/core and one step package, then
 * translate one step. Timed from outside against a bare `node -e ""` (see run.mjs).
 */
import { connectorsFromValues, createTranslator } from "@buildpush/core";
import { dockerRegistryHandler } from "@buildpush/docker";

const { translateStep } = createTranslator({ handlers: [dockerRegistryHandler] });

const connectors = connectorsFromValues([
  {
    identifier: "dockerhub",
    name: "Docker Hub",
    type: "DockerRegistry",
    spec: { dockerRegistryUrl: "https://index.docker.io/v2/", auth: { type: "UsernamePassword", spec: { username: "acme", passwordRef: "account.dockerhub_token" } } },
  },
]);
const container = translateStep(
  { type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "account.dockerhub", repo: "acme/app", tags: ["1.4.0", "latest"] } },
  { connectors },
);
if (container.env["PLUGIN_REPO"] !== "acme/app") throw new Error("the probe step did not translate");
