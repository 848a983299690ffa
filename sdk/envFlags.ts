/**
 * helmfile's boolean environment variables, each read exactly the way helmfile v1.8.0 reads it (and ours, read
 * with Go's `strconv.ParseBool` like helmfile's). The loader, the template engine and the release ask this module;
 * nothing else in the sdk parses a boolean from the environment.
 *
 * helmfile uses two readings:
 * - Go's `strconv.ParseBool` with the error discarded (`v, _ := strconv.ParseBool(os.Getenv(...))`): the twelve
 *   spellings in {@link parseGoBool} count, anything else (empty, "yes", " true") is false;
 * - `os.Getenv(...) == "true"`: only the lower-case word `true` counts ("expecting "true" lower case", pkg/envvar).
 */

/** An environment: variable name → value. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

const GO_BOOLS: ReadonlyMap<string, boolean> = new Map([
  ...["1", "t", "T", "TRUE", "true", "True"].map((s) => [s, true] as const),
  ...["0", "f", "F", "FALSE", "false", "False"].map((s) => [s, false] as const),
]);

/** Go's `strconv.ParseBool`: the boolean a text spells, or undefined where Go returns an error. */
export function parseGoBool(text: string): boolean | undefined {
  return GO_BOOLS.get(text);
}

/** How helmfile turns a variable's text into a boolean. */
type Reading = "parseBool" | "exactTrue";

/** Every boolean variable the sdk honours, with helmfile's reading of it (source: helmfile v1.8.0). */
const FLAGS = {
  /** exec/envExec/readFile/readDir/readDirEntries fail; remote sources too (pkg/tmpl/context_funcs.go, pkg/remote/remote.go `init`). */
  HELMFILE_DISABLE_INSECURE_FEATURES: "parseBool",
  /** The same template functions fail (pkg/tmpl/context_funcs.go `init`). */
  HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS: "parseBool",
  /** helmfile hooks are off (pkg/event/bus.go `init`; helmfile then fails any event that has hooks, we skip them). */
  HELMFILE_DISABLE_HOOKS: "parseBool",
  /** Plain `.yaml` state files are rendered as templates (pkg/app/desired_state_file_loader.go `load`). */
  HELMFILE_RENDER_YAML: "exactTrue",
  /** Ours: the dynamic provider is not asked for before the first release registers (sdk/provider-start.ts). */
  PULUMI_HELMFILE_DISABLE_EARLY_PROVIDER_START: "parseBool",
} as const satisfies Record<string, Reading>;

/** The name of a boolean variable the sdk honours. */
export type EnvFlag = keyof typeof FLAGS;

/** The value of a boolean variable as helmfile reads it; unset, and unparsable text, are false (helmfile ignores the parse error). */
export function envFlag(env: EnvVars, name: EnvFlag): boolean {
  const text = env[name] ?? "";
  return FLAGS[name] === "exactTrue" ? text === "true" : parseGoBool(text) === true;
}

/** helmfile's condition for refusing exec/envExec/readFile/readDir/readDirEntries in templates. */
export function insecureTemplateFunctionsDisabled(env: EnvVars): boolean {
  return envFlag(env, "HELMFILE_DISABLE_INSECURE_FEATURES") || envFlag(env, "HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS");
}
