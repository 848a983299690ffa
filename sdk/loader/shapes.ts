/** Go field kinds of helmfile's structs, for the mergo-based merges in ./merge. */
import type { StructShape } from "./merge";

/** HelmSpec (`helmDefaults`): pointer fields. */
export const helmDefaultsShape: StructShape = {
  pointers: new Set([
    "skipSchemaValidation", "historyMax", "createNamespace", "resolveOCIVersions", "postRenderer", "cascade",
    "disableAutoDetectedKubeVersionForDiff", "disableValidation", "disableOpenAPIValidation", "syncReleaseLabels",
    "takeOwnership", "serverSide",
  ]),
};

/** ReleaseSpec: every bool/int option is a pointer except these. */
const releaseNonPointer = new Set(["insecureSkipTLSVerify", "plainHttp", "forceGoGetter"]);
const releasePointerCandidates = [
  "verify", "enableDNS", "devel", "wait", "waitRetries", "waitForJobs", "timeout", "recreatePods", "force",
  "installed", "atomic", "rollbackOnFailure", "cleanupOnFail", "forceConflicts", "historyMax", "createNamespace",
  "reuseValues", "disableOpenAPIValidation", "disableValidation", "disableValidationOnInstall", "missingFileHandler",
  "missingFileHandlerConfig", "verifyTemplate", "waitTemplate", "installedTemplate", "conditionTemplate", "skipDeps",
  "skipRefresh", "resolveOCIVersions", "postRenderer", "skipSchemaValidation", "cascade",
  "disableAutoDetectedKubeVersionForDiff", "suppressDiff", "deleteWait", "deleteTimeout", "syncReleaseLabels",
  "takeOwnership", "serverSide", "trackTimeout", "trackLogs", "trackFailedLogs", "helmStuckGrace", "kubedogQPS",
  "kubedogBurst", "trackFailOnError",
];

/** ReleaseSpec shape. */
export const releaseShape: StructShape = {
  pointers: new Set(releasePointerCandidates.filter((k) => !releaseNonPointer.has(k))),
  maps: new Set(["labels"]),
};

/** ReleaseSetSpec (a whole state document) shape. */
export const stateShape: StructShape = {
  pointers: new Set(["missingFileHandler", "missingFileHandlerConfig"]),
  structs: { helmDefaults: helmDefaultsShape },
  maps: new Set(["environments", "templates", "commonLabels"]),
};
