export const usage = `Usage: buildpush <command> [options]

Commands:
  translate PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]... [--image NAME=REF]... [--format json|yaml|kubernetes|docker]
            [--allow-remote-context] [--allow-registry-host HOST]...
            [--mode plugin|kaniko|buildah|docker] [--non-root] [--buildah-image REF] [--kaniko-image REF] [--executor-version V]
            [--docker-image REF] [--buildkit-image REF] [--layer-cache REPOSITORY]
      Print the container of every build-and-push step. --mode plugin (the default) is what
      Harness runs; --mode kaniko runs the kaniko executor with buildpush's own argv (no plugin
      bugs); --mode docker runs docker buildx on a VM's daemon with buildpush's own command
      lines; --non-root (or --mode buildah) gives Buildah containers that need no root.
      --allow-remote-context lets dockerfile and context name s3://, gs://, git://, https://,
      tar://… sources (refused by default: the build would read from outside the workspace).
      --allow-registry-host HOST lets an ACR step push to a host outside *.azurecr.io, .cn, .us,
      and a GCR or GAR step to one outside gcr.io and pkg.dev (they send the connector's key to it).
      --layer-cache: where caching: true keeps layers on VMs (Harness Cloud uses its own storage).
      --format kubernetes: YAML, a Pod per stage, or with --job a Job per step
          [--job] [--namespace NS] [--service-account NAME] [--workspace-claim PVC]
          [--secret REF=SECRET/KEY]...   (default: Secret named after the reference, key value)
      --format docker: one JSON docker run argv per step and line
          [--workspace DIR|VOLUME] [--env-file-dir DIR] [--credentials-dir DIR]
  validate PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]... [--max-warnings N] [--resolved] [--format text|json|sarif]
            [--allow-remote-context] [--allow-registry-host HOST]...
      Print every problem as FILE:LINE:COL: message (warnings as FILE:LINE:COL: warning: message).
      The file is checked as written: an expression's literal text is checked, a field that is
      wholly an expression fits any type (--resolved checks as translate would).
      Exit 0 when only warnings remain, unless there are more than --max-warnings N.
      --format json: every problem as the API returns it; --format sarif: SARIF 2.1.0 for code
      scanning (GitHub, reviewdog), one result per problem, the rules from docs/rules.md.
  explain PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]... [--image NAME=REF]... [--layer-cache REPOSITORY] [--format text|json]
            [--allow-remote-context] [--allow-registry-host HOST]...
      Print, per step, the PLUGIN_* environment and what the plugin runs with it: the kaniko
      executor's argv on Kubernetes, every docker command on VMs, with every plugin bug the
      step triggers.
  kaniko-args --variant docker|ecr|acr|gcr|gar --env-json FILE
      Print the argv the kaniko plugin would run for a JSON object of PLUGIN_* variables
      (exit 1 with the plugin's reason when it would fail or run no executor).
  docker-args --variant docker|ecr|acr|gcr|gar --env-json FILE
      Print what the drone-docker plugin (VM infrastructure) would run for a JSON object of
      PLUGIN_* variables: {"exit": N, "daemon": [argv...] | null, "commands": [[argv...], ...]}
      (exit 1, with the reason on stderr, when the plugin would exit 1).
  run PIPELINE.yaml [--connectors FILE]... [--secrets FILE] [--artifacts DIR] [--storage-driver vfs|overlay]
            [--allow-registry-host HOST]...
      Build and push every build-and-push step here with Buildah, in pipeline order. The
      secrets file (YAML or dotenv) maps secret references to values; values are never printed.
      Writes one artifact file per step to DIR (default buildpush-artifacts).
      --allow-registry-host HOST: as for translate.

Values (translate, explain, run, validate):
  --set NAME=VALUE       the value of <+NAME>, e.g. --set pipeline.sequenceId=42 (repeatable)
  --values FILE          a YAML or JSON map of the same names to values
  --input-set FILE       a Harness input set: fills the pipeline's <+input> fields
  --templates FILE       Harness Step, StepGroup and Stage templates (repeatable): template uses
                         are expanded from them (without: a warning naming the template)
  <+pipeline.variables.x> and the like resolve from the pipeline's own variables; a
  <+secrets.getValue("name")> becomes the secret reference name, never a value.

Input limits (translate, explain, run, validate), for every file the command reads (pipeline,
connectors, secrets, values, input set, templates):
  --max-yaml-bytes SIZE  the largest file, e.g. 64MiB (default 32MiB); checked while reading,
                         so /dev/zero or an endless pipe stops there
  --max-yaml-tokens N    the most YAML tokens in one file (default 4000000)
  A FIFO that no process opens for writing within half a second is refused (exit 2).

Exit status: 0 success, 1 the input has problems (or stdout cannot be written), 2 wrong usage
(or, for run, the machine cannot give it what it needs), 4 a build step failed, 128+N stopped
by signal N, 141 stdout's reader went away.
`;
