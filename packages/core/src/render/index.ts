export { toKubernetesContainer, defaultDockerConfigSecretName, dockerConfigJsonKey, escapeExpansion, type DockerConfigSecretContext, type KubernetesContainerOptions, type KubernetesContainerRendering, type RequiredSecret } from "./kubernetes-container.js";
export { toKubernetesPod, toKubernetesJob, toKubernetesPods, toKubernetesJobs, kubernetesKeys, type KubernetesJobOptions, type KubernetesManifests, type KubernetesObjectOptions, type WorkspaceInitContainer, type WorkspaceSource } from "./kubernetes.js";
export type { EnvVar, KubernetesContainer, KubernetesJob, KubernetesPod, KubernetesSecurityContext, KubernetesVolume, KubernetesVolumeMount, ObjectMeta, PodSpec, SecretVolumeSource, VolumeSource } from "./kubernetes-types.js";
export { defaultSecretKey, defaultSecretMapping, resolveSecretMapping, secretMappingFromTable, singleSecretMapping, type SecretKeySelector, type SecretMapping, type SecretMappingOption } from "./secret-mapping.js";
export { toDockerRun, dockerEnvFileText, dockerSocketPath, type DockerRunOptions } from "./docker-run.js";
export { checkContainerSpec } from "./spec-checks.js";
export { cIdentifierPattern, dnsLabelPattern, dnsSubdomainPattern, isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, toDnsLabel } from "./names.js";
export { timeoutSeconds } from "./quantities.js";
export { atStep } from "./step-problems.js";
