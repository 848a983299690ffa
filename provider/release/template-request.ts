/** The `helm template` request of a release: its values and exactly the options a render depends on. */
import type { TemplateRequest } from "../helm/driver";
import { previewOptions } from "../helm/options";
import type { ReleaseInputs } from "./inputs";
import { setEntries, valuesObjects } from "./values";

/** The `helm template` request of a release; `secrets` are redacted from anything helm reports. */
export function templateRequest(i: ReleaseInputs, chartPath: string, secrets: readonly string[]): TemplateRequest {
  return {
    releaseName: i.name,
    namespace: i.namespace ?? "default",
    chartPath,
    values: valuesObjects(i),
    set: setEntries(i),
    setString: i.setString,
    // Exactly the options the render depends on (they are its cache key too).
    ...previewOptions(i),
    secrets: [...secrets],
  };
}
