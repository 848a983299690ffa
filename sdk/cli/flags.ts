/**
 * The one table of the CLI's flags: every global flag of helmfile v1.8.0 (cmd/root.go) and every flag of its
 * `template`, `build`, `list` and `deps` commands (cmd/template.go, cmd/build.go, cmd/list.go, cmd/deps.go), with what pulumi-helmfile does
 * with it. Parsing ({@link ./args}) and help ({@link ./usage}) are derived from it; a flag that is not in the table is
 * an error.
 */

/** The subcommands that take flags of their own. */
export type CommandName = "build" | "list" | "template" | "deps";

/** What a flag's value is (pflag's kinds): a bool takes no separate argument; `strings` is repeatable. */
export type FlagType = "bool" | "string" | "strings" | "int";

/** A parsed flag value. */
export type FlagValue = boolean | string | string[] | number;

/**
 * How a flag is treated:
 * - `honoured`: it takes effect (each has a test);
 * - `accepted`: accepted because it changes nothing pulumi-helmfile prints (logging, colour, concurrency, a behaviour
 *   that is already ours); `why` says so in the help;
 * - `unsupported`: rejected with an error naming the flag and `why`, exit code 2.
 */
export type FlagTreatment = { kind: "honoured" } | { kind: "accepted"; why: string } | { kind: "unsupported"; why: string };

/** One flag. */
export interface FlagSpec {
  /** Long name, without `--`. */
  name: string;
  /** One-letter shorthand, without `-`. */
  short?: string;
  type: FlagType;
  /** The commands that have the flag; absent for a global flag. */
  commands?: readonly CommandName[];
  /** Placeholder of the value in the help. */
  metavar?: string;
  /** Help text: what the flag does here. */
  help: string;
  treatment: FlagTreatment;
  /**
   * A further check of a given value (with every parsed flag): a message when this value cannot be honoured although
   * the flag can (e.g. `--skip-needs=false`).
   */
  check?(value: FlagValue, all: ReadonlyMap<string, FlagValue>): string | undefined;
}

const honoured: FlagTreatment = { kind: "honoured" };
const accepted = (why: string): FlagTreatment => ({ kind: "accepted", why });
const unsupported = (why: string): FlagTreatment => ({ kind: "unsupported", why });
const T: readonly CommandName[] = ["template"];

/** Every flag, in help order. */
export const FLAGS: readonly FlagSpec[] = [
  // helmfile's global flags (cmd/root.go)
  { name: "file", short: "f", type: "string", metavar: "FILE", help: "state file or directory (default: helmfile.yaml, helmfile.yaml.gotmpl or helmfile.d)", treatment: honoured },
  { name: "environment", short: "e", type: "string", metavar: "ENV", help: 'environment name (default $HELMFILE_ENVIRONMENT, else "default")', treatment: honoured },
  { name: "selector", short: "l", type: "strings", metavar: "SELECTOR", help: "only releases matching k=v,k2!=v (repeatable: OR across, AND within)", treatment: honoured },
  { name: "state-values-set", type: "strings", metavar: "k=v,...", help: "set state values (typed like helmfile: true/false/null/integers)", treatment: honoured },
  { name: "state-values-set-string", type: "strings", metavar: "k=v,...", help: "set state values as strings (applied before --state-values-set)", treatment: honoured },
  { name: "state-values-file", type: "strings", metavar: "FILE", help: "state values file", treatment: honoured },
  { name: "helm-binary", short: "b", type: "string", metavar: "PATH", help: "helm binary (default $PULUMI_HELMFILE_HELM, $HELMFILE_HELM_BINARY, else helm on PATH)", treatment: honoured },
  { name: "oci-plain-http", type: "bool", help: "pull OCI charts over plain HTTP (helm pull --plain-http)", treatment: honoured },
  { name: "kubeconfig", type: "string", metavar: "FILE", help: "kubeconfig file passed to helm template (used with --validate or --template-args=--dry-run=server)", treatment: honoured },
  { name: "quiet", short: "q", type: "bool", help: "no progress on stderr (release names, chart downloads); errors still printed", treatment: honoured },
  { name: "log-level", type: "string", metavar: "LEVEL", help: "warn, error, dpanic, panic or fatal silence progress like -q; debug and info print it", treatment: honoured,
    check: (v) => (["debug", "info", "warn", "error", "dpanic", "panic", "fatal"].includes(String(v)) ? undefined : `--log-level "${String(v)}": expected debug, info, warn, error, dpanic, panic or fatal`) },
  { name: "debug", type: "bool", help: "progress is printed even with -q", treatment: honoured },
  { name: "color", type: "bool", help: "accepted", treatment: accepted("pulumi-helmfile never colours its output") },
  { name: "no-color", type: "bool", help: "accepted", treatment: accepted("pulumi-helmfile never colours its output") },
  { name: "enable-live-output", type: "bool", help: "accepted", treatment: accepted("helm's output is never streamed (helmfile turns live output off for template too)") },
  { name: "skip-deps", type: "bool", help: 'do not run "helm dependency build" for local charts', treatment: honoured },
  { name: "skip-refresh", type: "bool", help: "accepted", treatment: accepted('pulumi-helmfile never runs "helm repo update": repository indexes are read once per run') },
  { name: "interactive", short: "i", type: "bool", help: "accepted", treatment: accepted("build, list and template change no cluster, so there is nothing to confirm") },
  { name: "allow-no-matching-release", type: "bool", help: "accepted", treatment: accepted("a selector that matches nothing is never an error in pulumi-helmfile") },
  { name: "sequential-helmfiles", type: "bool", help: "accepted", treatment: accepted("helmfile.d files are always processed sequentially, in alphabetical order") },
  { name: "strip-args-values-on-exit-error", type: "bool", help: "accepted when true (the default)", treatment: accepted("secret values are always redacted from errors"),
    check: (v) => (v === false ? "--strip-args-values-on-exit-error=false is not supported: pulumi-helmfile always redacts values from errors" : undefined) },
  { name: "kube-context", type: "string", metavar: "CONTEXT", help: "", treatment: unsupported("overriding the releases' kube context from the command line is not supported; set kubeContext in the state file") },
  { name: "namespace", short: "n", type: "string", metavar: "NS", help: "", treatment: unsupported("overriding the releases' namespace from the command line is not supported; set namespace in the state file") },
  { name: "chart", short: "c", type: "string", metavar: "CHART", help: "", treatment: unsupported("overriding the releases' chart from the command line is not supported") },
  { name: "kustomize-binary", short: "k", type: "string", metavar: "PATH", help: "kustomize binary of releases with patches (default the state's kustomizeBinary, $PULUMI_HELMFILE_KUSTOMIZE, $KUSTOMIZE_BIN, else kustomize on PATH)", treatment: honoured },
  { name: "allow-failed-releases", type: "bool", help: "", treatment: unsupported("a chart that cannot be prepared always fails the command") },
  { name: "disable-force-update", type: "bool", help: "", treatment: unsupported('pulumi-helmfile does not run "helm repo add"') },
  { name: "enforce-plugin-verification", type: "bool", help: "", treatment: unsupported("pulumi-helmfile does not install helm plugins") },
  { name: "repo-retries", type: "int", metavar: "N", help: "", treatment: unsupported("set PULUMI_HELMFILE_RETRY_ATTEMPTS instead") },
  { name: "otel-tracing", type: "bool", help: "", treatment: unsupported("OpenTelemetry tracing is not supported") },
  { name: "help", short: "h", type: "bool", help: "this help", treatment: honoured },

  // template (cmd/template.go)
  { name: "args", type: "string", commands: ["template", "deps"], metavar: "ARGS", help: "extra args for helm template / helm dependency update (split on spaces like helmfile; helmDefaults.args follow)", treatment: honoured },
  { name: "set", type: "strings", commands: T, metavar: "k=v", help: "helm --set, after the releases' own values and set", treatment: honoured },
  { name: "values", type: "strings", commands: T, metavar: "FILE", help: "values file, after the releases' own values files", treatment: honoured },
  { name: "output-dir", type: "string", commands: T, metavar: "DIR", help: "", treatment: unsupported("writing the manifests to files is not supported; redirect stdout") },
  { name: "output-dir-template", type: "string", commands: T, metavar: "TEMPLATE", help: "", treatment: unsupported("writing the manifests to files is not supported; redirect stdout") },
  { name: "concurrency", type: "int", commands: ["template", "deps"], metavar: "N", help: "accepted", treatment: accepted("releases are rendered (deps: lock files resolved) one at a time, in order") },
  { name: "validate", type: "bool", commands: T, help: "helm template --validate (needs the cluster of --kubeconfig/$KUBECONFIG)", treatment: honoured },
  { name: "include-crds", type: "bool", commands: T, help: "include the charts' crds/ in the output", treatment: honoured },
  { name: "skip-tests", type: "bool", commands: T, help: "leave test hooks out", treatment: honoured },
  { name: "skip-needs", type: "bool", commands: T, help: "accepted when true (the default)", treatment: accepted("releases a selected release needs are not added (helmfile's default)"),
    check: (v) => (v === false ? "--skip-needs=false is not supported: needs of selected releases are never added (--include-needs is not supported)" : undefined) },
  { name: "include-needs", type: "bool", commands: T, help: "", treatment: unsupported("adding the needs of selected releases is not supported; select them with -l") },
  { name: "include-transitive-needs", type: "bool", commands: T, help: "", treatment: unsupported("adding the needs of selected releases is not supported; select them with -l") },
  { name: "enforce-needs-are-installed", type: "bool", commands: T, help: "", treatment: unsupported("not supported") },
  { name: "skip-cleanup", type: "bool", commands: T, help: "", treatment: unsupported("temporary values files are always removed") },
  { name: "no-hooks", type: "bool", commands: T, help: "helm template --no-hooks", treatment: honoured },
  { name: "post-renderer", type: "string", commands: T, metavar: "RENDERER", help: "post-renderer of releases that set none (release postRenderer wins, then this, then helmDefaults)", treatment: honoured },
  { name: "post-renderer-args", type: "strings", commands: T, metavar: "ARG", help: "post-renderer args of releases that set none", treatment: honoured },
  { name: "skip-schema-validation", type: "bool", commands: T, help: "helm template --skip-schema-validation", treatment: honoured },
  { name: "kube-version", type: "string", commands: T, metavar: "VERSION", help: "helm template --kube-version (overrides kubeVersion of the state)", treatment: honoured },
  { name: "show-only", type: "strings", commands: T, metavar: "TEMPLATE", help: "helm template --show-only", treatment: honoured },
  { name: "template-args", type: "string", commands: T, metavar: "ARGS", help: "extra args for helm template (overrides helmDefaults.templateArgs)", treatment: honoured },

  // build (cmd/build.go)
  { name: "embed-values", type: "bool", commands: ["build"], help: "accepted", treatment: accepted("the resolved state always embeds every release's values") },

  // deps (cmd/deps.go)
  { name: "skip-repos", type: "bool", commands: ["deps"], help: "do not refresh repository indexes (helm dependency update --skip-refresh)", treatment: honoured },
  // list (cmd/list.go)
  { name: "output", type: "string", commands: ["list"], metavar: "FORMAT", help: '"json" (helmfile\'s JSON form) or "table" (the default)', treatment: honoured },
  { name: "skip-charts", type: "bool", commands: ["list"], help: "accepted", treatment: accepted("list never prepares charts") },
  { name: "keep-temp-dir", type: "bool", commands: ["list"], help: "accepted", treatment: accepted("list creates no temporary directory") },
];

const byLong = new Map(FLAGS.map((f) => [f.name, f]));
const byShort = new Map(FLAGS.filter((f) => f.short).map((f) => [f.short as string, f]));

/** The flag named `--name` (long form). */
export function flagByName(name: string): FlagSpec | undefined {
  return byLong.get(name);
}

/** The flag named `-c` (shorthand). */
export function flagByShort(c: string): FlagSpec | undefined {
  return byShort.get(c);
}
