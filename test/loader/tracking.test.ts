/** sdk/loader/tracking.ts: kubedog fields are kept; a trackMode other than helm is refused where it is written. */
import { releaseTracking, trackModeProblem, unsupportedTrackMode } from "../../sdk/loader/tracking";

describe("trackModeProblem", () => {
  it.each([undefined, "", "helm"])("accepts %j (helmfile's default track mode)", (mode) => {
    expect(trackModeProblem(mode)).toBeUndefined();
  });
  it.each([
    ["kubedog", /^trackMode "kubedog" is not supported: .*does not run kubedog/],
    ["helm-legacy", /^trackMode "helm-legacy" is not supported: .*--wait=legacy/],
    ["Helm", /^trackMode "Helm" is invalid: helmfile knows helm, helm-legacy and kubedog/],
    ["constructor", /^trackMode "constructor" is invalid/],
  ])("refuses %j", (mode, reason) => {
    expect(trackModeProblem(mode)).toMatch(reason);
  });
});

describe("unsupportedTrackMode", () => {
  it("finds the first refused trackMode in helmDefaults, releases and templates, with its key path", () => {
    expect(unsupportedTrackMode({ helmDefaults: { trackMode: "helm" }, releases: [{ trackMode: "helm" }, {}], templates: { t: {} } })).toBeUndefined();
    expect(unsupportedTrackMode({ helmDefaults: { trackMode: "kubedog" } })?.path).toEqual(["helmDefaults", "trackMode"]);
    expect(unsupportedTrackMode({ releases: [{ trackMode: "helm" }, { trackMode: "kubedog" }] })?.path).toEqual(["releases", 1, "trackMode"]);
    expect(unsupportedTrackMode({ templates: { base: { trackMode: "helm-legacy" } } })?.path).toEqual(["templates", "base", "trackMode"]);
  });
});

describe("releaseTracking", () => {
  it("keeps every kubedog field that is set, as written", () => {
    const tracking = {
      trackMode: "helm", trackTimeout: 60, trackLogs: false, trackFailedLogs: true, helmStuckGrace: 5, trackKinds: ["Deployment"],
      skipKinds: ["Job"], trackResources: [{ kind: "Service", name: "web" }], kubedogQPS: 1.5, kubedogBurst: 3, trackFailOnError: false,
    };
    expect(releaseTracking({ name: "web", chart: "./c", wait: true, ...tracking })).toEqual(tracking);
  });
  it("is undefined when none is set; empty lists and an empty trackMode count as unset", () => {
    expect(releaseTracking({ name: "web", chart: "./c" })).toBeUndefined();
    expect(releaseTracking({ name: "web", trackMode: "", trackKinds: [], skipKinds: [] })).toBeUndefined();
    expect(releaseTracking({ name: "web", trackLogs: false })).toEqual({ trackLogs: false });
  });
});
