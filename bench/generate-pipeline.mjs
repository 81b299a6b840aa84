// @ts-check
/**
 * A deterministic Harness v0 pipeline with any number of build-and-push steps, for the
 * benchmarks. Every step sets every field its type has, the step types take turns, and
 * stages alternate between Kubernetes (kaniko plugins) and VM (drone-docker plugins) so both
 * backends' code runs. Steps sit directly in a stage, in `parallel` blocks and in step groups,
 * with a Run step in every stage that the walker must skip.
 *
 * The pipeline is one a careful author could write: it translates without a warning when the
 * layer cache `benchLayerCache` is given (as `--layer-cache`), so what is measured is the
 * translation, not 24,000 warnings no real pipeline draws. Every step pushes a repository of its
 * own (two steps pushing one tag draw duplicate-push), ACR builds on Kubernetes only (Harness
 * documents it there) and the IRSA connector is used on Kubernetes only (Harness Cloud has no
 * delegate).
 *
 * Same count in, same text out: nothing here reads the clock or a random source.
 *
 *   node bench/generate-pipeline.mjs 10000 > /tmp/pipeline.yaml
 */
import { pathToFileURL } from "node:url";

/** Build-and-push steps per stage; a stage holds this many (the last may hold fewer). */
export const stepsPerStage = 50;

/** Where `caching: true` keeps layers on Harness Cloud: the translator's layerCache option. */
export const benchLayerCache = "registry.example.com/buildcache";

/** The connectors every generated step refers to, as Harness connector YAML. */
export const benchConnectorsYaml = `connector:
  name: Docker Hub
  identifier: dockerhub
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://index.docker.io/v2/
    providerType: DockerHub
    auth:
      type: UsernamePassword
      spec:
        username: acme
        passwordRef: account.dockerhub_token
---
connector:
  name: AWS production
  identifier: aws_prod
  type: Aws
  spec:
    credential:
      type: ManualConfig
      spec:
        accessKey: AKIAEXAMPLEKEY123456
        secretKeyRef: account.aws_secret_key
      region: us-east-1
---
connector:
  name: AWS via IRSA
  identifier: aws_irsa
  type: Aws
  spec:
    credential:
      type: Irsa
      crossAccountAccess:
        crossAccountRoleArn: arn:aws:iam::210987654321:role/ci-push
        externalId: acme-ci
---
connector:
  name: Azure
  identifier: azure
  type: Azure
  spec:
    credential:
      type: ManualConfig
      spec:
        applicationId: 0b6c1c54-4b56-4b44-9d5e-1f5e2a6b7c8d
        tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47
        auth:
          type: Secret
          spec:
            secretRef: account.azure_client_secret
---
connector:
  name: GCP
  identifier: gcp
  type: Gcp
  spec:
    credential:
      type: ManualConfig
      spec:
        secretKeyRef: account.gcp_service_account_key
    executeOnDelegate: false
`;

/** The step types of each kind of stage, taken in turn: ACR only where Harness documents it. */
const kubernetesStepTypes = ["BuildAndPushDockerRegistry", "BuildAndPushECR", "BuildAndPushACR", "BuildAndPushGCR", "BuildAndPushGAR"];
const vmStepTypes = ["BuildAndPushDockerRegistry", "BuildAndPushECR", "BuildAndPushGCR", "BuildAndPushGAR"];

/**
 * The pipeline as YAML text, with exactly `stepCount` build-and-push steps.
 * @param {number} stepCount
 * @returns {string}
 */
export function generatePipeline(stepCount) {
  if (!Number.isInteger(stepCount) || stepCount < 1) throw new RangeError(`stepCount must be a positive integer, got ${stepCount}`);
  const lines = [
    "pipeline:",
    `  name: Benchmark pipeline with ${stepCount} build-and-push steps`,
    `  identifier: bench_${stepCount}`,
    "  projectIdentifier: bench",
    "  orgIdentifier: default",
    "  variables:",
    "    - name: IMAGE_VERSION",
    "      type: String",
    '      value: "1.4.0"',
    "    - name: BUILD_NUMBER",
    "      type: Number",
    "      value: 1042",
    "  stages:",
  ];
  let written = 0;
  for (let stage = 0; written < stepCount; stage++) {
    const count = Math.min(stepsPerStage, stepCount - written);
    lines.push(...stageLines(stage, written, count));
    written += count;
  }
  return `${lines.join("\n")}\n`;
}

/**
 * @param {number} stage
 * @param {number} firstStep
 * @param {number} count
 * @returns {string[]}
 */
function stageLines(stage, firstStep, count) {
  const vm = stage % 2 === 1;
  const out = [
    "    - stage:",
    `        name: Build ${stage}`,
    `        identifier: build_${stage}`,
    "        type: CI",
    "        spec:",
    "          cloneCodebase: true",
  ];
  if (vm) {
    out.push(
      "          platform:",
      "            os: Linux",
      "            arch: Amd64",
      "          runtime:",
      "            type: Cloud",
      "            spec: {}",
    );
  } else {
    out.push(
      "          infrastructure:",
      "            type: KubernetesDirect",
      "            spec:",
      "              connectorRef: account.k8s",
      "              namespace: harness-builds",
      "              os: Linux",
      "              imagePullPolicy: IfNotPresent",
      "              containerSecurityContext:",
      "                runAsUser: 1000",
      "                runAsNonRoot: true",
      "                capabilities:",
      "                  drop: [ALL]",
    );
  }
  out.push("          sharedPaths:", "            - /var/cache/build", "          execution:", "            steps:");
  out.push(
    "              - step:",
    "                  type: Run",
    "                  name: Unit tests",
    `                  identifier: unit_tests_${stage}`,
    "                  spec:",
    "                    image: golang:1.22",
    "                    command: go test ./...",
  );
  // Steps go, in turn, straight into the stage, into a parallel block and into a step group.
  let index = 0;
  while (index < count) {
    const layout = (firstStep + index) % 10;
    if (layout < 6) {
      out.push(...stepLines(firstStep + index, vm, "              - "));
      index += 1;
    } else if (layout < 8) {
      const size = Math.min(2, count - index);
      out.push("              - parallel:");
      for (let j = 0; j < size; j++) out.push(...stepLines(firstStep + index + j, vm, "                  - "));
      index += size;
    } else {
      const size = Math.min(2, count - index);
      out.push(
        "              - stepGroup:",
        `                  name: Group ${firstStep + index}`,
        `                  identifier: group_${firstStep + index}`,
        "                  steps:",
      );
      for (let j = 0; j < size; j++) out.push(...stepLines(firstStep + index + j, vm, "                    - "));
      index += size;
    }
  }
  out.push(
    "        variables:",
    "          - name: PLUGIN_SKIP_TLS_VERIFY",
    "            type: String",
    '            value: "false"',
    "          - name: REGISTRY_TOKEN",
    "            type: Secret",
    "            value: account.registry_token",
  );
  return out;
}

/**
 * One step with every field of its type. `prefix` is the list marker with its indentation.
 * @param {number} n
 * @param {boolean} vm
 * @param {string} prefix
 * @returns {string[]}
 */
function stepLines(n, vm, prefix) {
  const stepTypes = vm ? vmStepTypes : kubernetesStepTypes;
  const type = stepTypes[n % stepTypes.length];
  const pad = " ".repeat(prefix.length);
  const minor = n % 30;
  const common = [
    // A plain 1.10 is the number 1.1 to a YAML parser: the translator must keep the text.
    `tags: [latest, 1.${minor}0, v1.${minor}.${n}, build-${n}]`,
    "caching: true",
    "dockerfile: docker/Dockerfile.release",
    `context: services/svc_${n % 97}`,
    "labels:",
    "  org.opencontainers.image.source: https://github.com/acme/app",
    `  org.opencontainers.image.revision: r${n}`,
    "  team: platform",
    "buildArgs:",
    "  GO_VERSION: 1.22",
    `  SERVICE: svc_${n % 97}`,
    "  CGO_ENABLED: 0",
    "target: release",
    `optimize: ${n % 4 !== 0}`,
    "envVariables:",
    "  PLUGIN_PUSH_RETRY: 3",
    `  PLUGIN_BUILD_NUMBER: ${n}`,
    '  PLUGIN_SKIP_TLS_VERIFY: "false"',
    "resources:",
    "  limits:",
    `    memory: ${512 + (n % 4) * 256}Mi`,
    `    cpu: ${n % 2 === 0 ? "500m" : 1}`,
    "runAsUser: 0",
  ];
  let own;
  if (type === "BuildAndPushDockerRegistry") {
    own = ["connectorRef: account.dockerhub", `repo: acme/svc-${n}`, `remoteCacheRepo: acme/svc-${n % 97}-cache`];
  } else if (type === "BuildAndPushECR") {
    own = [
      `connectorRef: account.${n % 2 === 0 || vm ? "aws_prod" : "aws_irsa"}`,
      `region: ${n % 3 === 0 ? "us-east-1" : "eu-west-2"}`,
      'account: "123456789012"',
      `imageName: svc-${n}`,
      `remoteCacheImage: svc-${n % 97}-cache`,
    ];
  } else if (type === "BuildAndPushACR") {
    own = [
      "connectorRef: account.azure",
      `repository: acme.azurecr.io/svc-${n}`,
      "subscriptionId: 0b6c1c54-aaaa-4b44-9d5e-1f5e2a6b7c8d",
      `remoteCacheImage: acme.azurecr.io/svc-${n % 97}-cache`,
    ];
  } else {
    own = [
      "connectorRef: account.gcp",
      `host: ${type === "BuildAndPushGCR" ? "gcr.io" : "us-central1-docker.pkg.dev"}`,
      "projectID: acme-prod",
      `imageName: ${type === "BuildAndPushGCR" ? "" : "docker-repo/"}svc-${n}`,
      `remoteCacheImage: ${type === "BuildAndPushGCR" ? "" : "docker-repo/"}svc-${n % 97}-cache`,
    ];
  }
  // ACR has no buildx cache fields (Harness's ACR step lacks them).
  const buildxCache =
    type === "BuildAndPushACR" ? [] : [`cacheFrom: ["type=registry,ref=acme/cache:${n % 97}"]`, `cacheTo: type=registry,ref=acme/cache:${n % 97},mode=max`];
  // ECR pulls base images without a connector on VMs; everywhere else every step names one.
  const baseImage = vm && type === "BuildAndPushECR" ? [] : ["baseImageConnectorRefs: [account.dockerhub]"];
  const spec = [...own, ...common, ...buildxCache, ...baseImage];
  return [
    `${prefix}step:`,
    `${pad}  type: ${type}`,
    `${pad}  name: Push ${n}`,
    `${pad}  identifier: push_${n}`,
    `${pad}  timeout: 30m`,
    `${pad}  spec:`,
    ...spec.map((line) => `${pad}    ${line}`),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const count = Number(process.argv[2] ?? "10000");
  process.stdout.write(generatePipeline(count));
}
