export const usage = `Usage: buildpush <command> [options]

Commands:
  translate PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]... [--image NAME=REF]... [--format json|yaml|kubernetes|docker]
            [--mode plugin|kaniko|buildah] [--non-root] [--buildah-image REF] [--kaniko-image REF] [--executor-version V]
      Print the container of every build-and-push step. --mode plugin (the default) is what
      Harness runs; --mode kaniko runs the kaniko executor with buildpush's own argv (no plugin
      bugs); --non-root (or --mode buildah) gives Buildah containers that need no root.
      --format kubernetes: YAML, a Pod per stage, or with --job a Job per step
          [--job] [--namespace NS] [--service-account NAME] [--workspace-claim PVC]
          [--secret REF=SECRET/KEY]...   (default: Secret named after the reference, key value)
      --format docker: one JSON docker run argv per step and line
          [--workspace DIR|VOLUME] [--env-file-dir DIR] [--credentials-dir DIR]
  validate PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]...
      Print every problem as FILE:LINE:COL: message.
  explain PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]... [--image NAME=REF]... [--format text|json]
      Print, per step, the PLUGIN_* environment and the argv the kaniko plugin will run,
      with every plugin bug the step triggers.
  kaniko-args --variant docker|ecr|acr --env-json FILE
      Print the argv the kaniko plugin would run for a JSON object of PLUGIN_* variables
      (exit 1 with the plugin's reason when it would fail).
  run PIPELINE.yaml [--connectors FILE]... [--secrets FILE] [--artifacts DIR] [--storage-driver vfs|overlay]
      Build and push every build-and-push step here with Buildah, in pipeline order. The
      secrets file (YAML or dotenv) maps secret references to values; values are never printed.
      Writes one artifact file per step to DIR (default buildpush-artifacts).

Every command that reads YAML (translate, validate, explain, run) also takes
  --max-yaml-bytes SIZE   the largest file it reads (pipeline, connectors, secrets), e.g. 64MiB;
                          default 32MiB, checked while reading
  --max-yaml-tokens N     the most YAML tokens in one file; default 4000000
Exit status: 0 success, 1 the input has problems, 2 wrong usage, 4 a build step failed.
`;
