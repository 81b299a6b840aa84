export { dockerPluginRun, dockerPluginBugsTriggered } from "./plugin-run.js";
export type { DockerPluginRun } from "./plugin-run.js";
export type { DockerPluginBug, DockerPluginBugId } from "./bug.js";
export type { DockerPluginStop, DockerPluginStopCode } from "./stop.js";
export { DOCKER_EXE, DOCKERD_EXE, TEMP_TAG, RFC3339_NOW, ECR_TOKEN, ACR_TOKEN, GCP_ACCESS_TOKEN, ECR_DEFAULT_REGISTRY } from "./constants.js";
export { tagTargetProblem, pushCommandProblem } from "./docker-reference.js";
