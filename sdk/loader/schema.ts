/**
 * helmfile's state schema for strict decoding (unknown keys fail, as `Strict: true` in helmfile) and the
 * conversions Go's YAML decoder applies (scalars into string fields, bool/int checks).
 */
import type { KeyPath } from "./yamlDocument";
import { rejection } from "./keyUses";
import { isPlainObject } from "./plainObject";

/** A schema node. */
export type Schema =
  | "string"
  | "stringOrOpaque"
  | "bool"
  | "int"
  | "number"
  | "any"
  | { obj: Record<string, Schema>; name: string }
  | { list: Schema }
  | { dict: Schema }
  | { oneOf: "stringOrObj"; obj: { obj: Record<string, Schema>; name: string } }
  | { oneOf: "listOrObj"; obj: { obj: Record<string, Schema>; name: string } }
  | { oneOf: "stringOrList" };

const str = "string" as const;
const bool = "bool" as const;
const int = "int" as const;
const any = "any" as const;
const strList: Schema = { list: str };
const anyList: Schema = { list: any };
const strDict: Schema = { dict: str };

const missingFileHandlerConfig: Schema = { name: "MissingFileHandlerConfig", obj: { ignoreMissingGitBranch: bool } };
const setValue: Schema = { name: "SetValue", obj: { name: str, value: "stringOrOpaque", file: str, values: anyList } };
const hook: Schema = {
  name: "Hook",
  obj: { name: str, events: strList, command: str, kubectlApply: strDict, args: strList, showlogs: bool },
};
const inherit = { name: "Inherit", obj: { template: str, except: strList } };

/** `helmDefaults` (HelmSpec). */
export const helmDefaultsSchema: Schema = {
  name: "HelmSpec",
  obj: {
    kubeContext: str, args: strList, diffArgs: strList, syncArgs: strList, templateArgs: strList, verify: bool,
    keyring: str, enableDNS: bool, skipSchemaValidation: bool, devel: bool, wait: bool, waitRetries: int,
    waitForJobs: bool, timeout: int, recreatePods: bool, force: bool, atomic: bool, rollbackOnFailure: bool,
    cleanupOnFail: bool, forceConflicts: bool, historyMax: int, createNamespace: bool, skipCRDs: bool, skipDeps: bool,
    skipRefresh: bool, resolveOCIVersions: bool, reuseValues: bool, postRenderer: str, postRendererArgs: strList,
    cascade: str, suppressOutputLineRegex: strList, disableAutoDetectedKubeVersionForDiff: bool,
    disableValidation: bool, disableOpenAPIValidation: bool, insecureSkipTLSVerify: bool, plainHttp: bool,
    deleteWait: bool, deleteTimeout: int, syncReleaseLabels: bool, takeOwnership: bool, serverSide: str,
    trackMode: str, helmStuckGrace: int,
  },
};

/** `releases[]` and `templates.*` (ReleaseSpec). */
export const releaseSchema: Schema = {
  name: "ReleaseSpec",
  obj: {
    chart: str, chartPath: str, directory: str, version: str, verify: bool, keyring: str, enableDNS: bool, devel: bool,
    wait: bool, waitRetries: int, waitForJobs: bool, timeout: int, recreatePods: bool, force: bool, installed: bool,
    updateStrategy: str, atomic: bool, rollbackOnFailure: bool, cleanupOnFail: bool, forceConflicts: bool,
    historyMax: int, condition: str, createNamespace: bool, reuseValues: bool, disableOpenAPIValidation: bool,
    disableValidation: bool, disableValidationOnInstall: bool, missingFileHandler: str,
    missingFileHandlerConfig, needs: strList, hooks: { list: hook }, unitTests: strList, name: str,
    description: str, namespace: str, labels: strDict, values: anyList, secrets: anyList, set: { list: setValue },
    setString: { list: setValue }, valuesTemplate: anyList, setTemplate: { list: setValue }, apiVersions: strList,
    kubeVersion: str, env: { list: setValue }, valuesPathPrefix: str, kubeContext: str, insecureSkipTLSVerify: bool,
    plainHttp: bool, verifyTemplate: str, waitTemplate: str, installedTemplate: str, conditionTemplate: str,
    dependencies: { list: { name: "Dependency", obj: { chart: str, version: str, alias: str } } },
    jsonPatches: anyList, strategicMergePatches: anyList, transformers: anyList, adopt: strList,
    forceGoGetter: bool, forceNamespace: str, skipDeps: bool, skipRefresh: bool, resolveOCIVersions: bool,
    postRenderer: str, skipSchemaValidation: bool, postRendererArgs: strList, cascade: str,
    suppressOutputLineRegex: strList, disableAutoDetectedKubeVersionForDiff: bool,
    inherit: { oneOf: "listOrObj", obj: inherit }, suppressDiff: bool, deleteWait: bool, deleteTimeout: int,
    syncReleaseLabels: bool, takeOwnership: bool, serverSide: str, trackMode: str, trackTimeout: int,
    trackLogs: bool, trackFailedLogs: bool, helmStuckGrace: int, trackKinds: strList, skipKinds: strList,
    trackResources: { list: { name: "TrackResourceSpec", obj: { kind: str, name: str, namespace: str } } },
    kubedogQPS: "number", kubedogBurst: int, trackFailOnError: bool,
  },
};

const repositorySchema: Schema = {
  name: "RepositorySpec",
  obj: {
    name: str, url: str, caFile: str, certFile: str, keyFile: str, username: str, password: str,
    registryConfig: str, managed: str, oci: bool, verify: bool, keyring: str, passCredentials: bool,
    skipTLSVerify: bool, plainHttp: bool,
  },
};

const environmentSchema: Schema = {
  name: "EnvironmentSpec",
  obj: {
    values: anyList, secrets: strList, kubeContext: str, missingFileHandler: str, missingFileHandlerConfig,
    mergeStrategy: str,
  },
};

const subHelmfileSchema: Schema = {
  oneOf: "stringOrObj",
  obj: {
    name: "SubHelmfileSpec",
    obj: { path: str, selectors: strList, selectorsInherited: bool, inherits: strList, values: anyList },
  },
};

/** A whole state document (HelmState: ReleaseSetSpec inlined, plus the fields `helmfile build` prints). */
export const stateSchema: Schema = {
  name: "HelmState",
  obj: {
    helmBinary: str, kustomizeBinary: str, values: anyList, environments: { dict: environmentSchema },
    bases: strList, helmDefaults: helmDefaultsSchema, helmfiles: { list: subHelmfileSchema }, kubeContext: str,
    namespace: str, chart: str, repositories: { list: repositorySchema }, commonLabels: strDict,
    releases: { list: releaseSchema }, llm: any, apiVersions: strList, kubeVersion: str, hooks: { list: hook },
    templates: { dict: releaseSchema }, defaultInherit: { oneOf: "stringOrList" }, missingFileHandler: str,
    missingFileHandlerConfig, lockFilePath: str,
    // HelmState's untagged FilePath / RenderedValues (yaml's default key: the lower-cased field name)
    filepath: str, renderedvalues: { dict: any },
  },
};

/** A schema violation at a key path. */
export interface SchemaViolation {
  /** Path of the offending key or value. */
  path: KeyPath;
  /** True when the key itself is at fault (unknown key). */
  atKey: boolean;
  /** What is wrong. */
  reason: string;
}

/** Optional hook giving the source text of a scalar, so `version: 1.10` stays "1.10" as Go decodes it. */
export type ScalarSource = (path: KeyPath) => string | undefined;

/**
 * Validates `value` against `schema` and returns it converted as Go's strict decoder would (scalars into strings).
 * Violations are returned, not thrown, so the caller can attach file positions.
 * Class instances (TypeScript specs, e.g. Pulumi Outputs) are accepted as opaque values inside values maps and as
 * `set[].value`; elsewhere (names, charts, options) they are an error.
 */
export function conform(value: unknown, schema: Schema, path: KeyPath, src?: ScalarSource): { value: unknown; violation?: SchemaViolation } {
  try {
    return { value: walk(value, schema, path, src) };
  } catch (e) {
    if (e instanceof ViolationSignal) return { value: undefined, violation: e.violation };
    throw e;
  }
}

class ViolationSignal {
  constructor(readonly violation: SchemaViolation) {}
}

function fail(path: KeyPath, reason: string, atKey = false): never {
  throw new ViolationSignal({ path, reason, atKey });
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (isPlainObject(v)) return "a map";
  return `${typeof v} ${JSON.stringify(v)}`;
}

const yaml11True = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]);
const yaml11False = new Set(["n", "N", "no", "No", "NO", "off", "Off", "OFF"]);

function isOpaque(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isPlainObject(v);
}

function walk(v: unknown, s: Schema, path: KeyPath, src?: ScalarSource): unknown {
  if (v === null || v === undefined) return undefined; // Go leaves the zero value
  if (s === "any" || (s === "stringOrOpaque" && isOpaque(v))) return v;
  if (isOpaque(v)) {
    return fail(path, "expected plain data here, got an object instance (resolve Outputs/promises before using them outside values and set values)");
  }
  if (s === "string" || s === "stringOrOpaque") {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return src?.(path) ?? String(v);
    return fail(path, `expected a string, got ${typeName(v)}`);
  }
  if (s === "bool") {
    if (typeof v === "boolean") return v;
    // yaml.v3 accepts YAML 1.1 booleans (quoted or not) when decoding into a bool field.
    if (typeof v === "string" && yaml11True.has(v)) return true;
    if (typeof v === "string" && yaml11False.has(v)) return false;
    return fail(path, `expected a boolean, got ${typeName(v)}`);
  }
  if (s === "int") {
    if (typeof v === "number" && Number.isInteger(v)) return v;
    return fail(path, `expected an integer, got ${typeName(v)}`);
  }
  if (s === "number") {
    if (typeof v === "number") return v;
    return fail(path, `expected a number, got ${typeName(v)}`);
  }
  if ("list" in s) {
    if (!Array.isArray(v)) return fail(path, `expected a list, got ${typeName(v)}`);
    return v.map((x, i) => walk(x, s.list, [...path, i], src));
  }
  if ("dict" in s) {
    if (!isPlainObject(v)) return fail(path, `expected a map, got ${typeName(v)}`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = walk(x, s.dict, [...path, k], src);
      out[k] = c === undefined && s.dict !== "any" && typeof s.dict === "object" && "obj" in s.dict ? {} : c;
    }
    return out;
  }
  if ("oneOf" in s) {
    if (s.oneOf === "stringOrList") {
      if (typeof v === "string") return [v];
      return walk(v, { list: "string" }, path, src);
    }
    if (s.oneOf === "stringOrObj") {
      if (typeof v === "string") return v;
      return walk(v, s.obj, path, src);
    }
    if (isPlainObject(v)) return [walk(v, s.obj, path, src)];
    return walk(v, { list: s.obj }, path, src);
  }
  if (!isPlainObject(v)) return fail(path, `expected a map (${s.name}), got ${typeName(v)}`);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const fs = s.obj[k];
    if (!fs) fail([...path, k], `unknown key "${k}" (not a field of helmfile's ${s.name})`, true);
    const c = walk(x, fs, [...path, k], src);
    const refused = rejection(s.name, k, c);
    if (refused) fail([...path, k], refused, true);
    if (c !== undefined) out[k] = c;
  }
  return out;
}
