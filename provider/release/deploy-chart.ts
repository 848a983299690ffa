/**
 * The chart one helm command deploys or renders for a release: its resolved chart (./release-chart.ts), or — when the
 * release has patches (`jsonPatches`, `strategicMergePatches`, `transformers`) or `forceNamespace`, or its chart is a
 * kustomization or a directory of manifests — a chart chartified from it (../chartify/chartify.ts), built for that one command in a private temporary directory and removed after it. The
 * preview render, `pulumi-helmfile template` and create/update all go through here, so what the preview shows is
 * what is installed.
 */
import type { ResolvedChart } from "../cache";
import { type KustomizationEdits, withChartified } from "../chartify/chartify";
import { hasPatches, type PatchInputs } from "../chartify/kustomization";
import type { KubeTarget } from "../helm/types";
import { KustomizeDriver, kustomizeIdentity } from "../kustomize/driver";
import { PulumiHelmfileError } from "../errors";
import { valuesObjects } from "./values";
import { driverFor } from "./context";
import { releaseId, type ReleaseInputs } from "./inputs";
import { templateRequest } from "./template-request";

/** The release's chartify inputs. */
export function patchesOf(i: ReleaseInputs): PatchInputs {
  return { jsonPatches: i.jsonPatches, strategicMergePatches: i.strategicMergePatches, transformers: i.transformers };
}

/** Whether the release's chart goes through chartify: patches, forceNamespace, or a chart generated from a directory. */
export function isChartified(i: ReleaseInputs, chart: Pick<ResolvedChart, "generated">): boolean {
  return hasPatches(patchesOf(i)) || !!i.forceNamespace || !!chart.generated;
}

/** A release input chartify cannot honour with this chart. */
export class ChartifyInputError extends PulumiHelmfileError {
  override readonly name: string = "ChartifyInputError";
}

/**
 * What chartify takes from a kustomization release's values (each values object in turn: `images`, `namePrefix`,
 * `nameSuffix`, `namespace`; the release's namespace wins), refusing `set` (chartify cannot pass it to kustomize).
 */
function kustomizationEdits(i: ReleaseInputs, helmBinary: string): KustomizationEdits {
  if (i.set?.length || i.setString?.length) {
    throw new ChartifyInputError(`release ${releaseId(i)}: set/setString cannot be used with a kustomization chart (${i.chart}); give the values in a values entry (images, namePrefix, nameSuffix, namespace)`);
  }
  const e: KustomizationEdits = { images: [], helmBinary };
  for (const v of valuesObjects(i)) {
    if (Array.isArray(v.images)) e.images = v.images as KustomizationEdits["images"];
    if (typeof v.namePrefix === "string") e.namePrefix = v.namePrefix;
    if (typeof v.nameSuffix === "string") e.nameSuffix = v.nameSuffix;
    if (typeof v.namespace === "string") e.namespace = v.namespace;
  }
  if (i.namespace) e.namespace = i.namespace;
  return e;
}

const kustomizers = new Map<string, KustomizeDriver>();
/** The kustomize driver of a release (its `kustomizeBinary`, else the environment's). */
export function kustomizeFor(i: Pick<ReleaseInputs, "kustomizeBinary">): KustomizeDriver {
  const key = i.kustomizeBinary ?? "";
  let k = kustomizers.get(key);
  if (!k) kustomizers.set(key, (k = new KustomizeDriver(i.kustomizeBinary)));
  return k;
}

/** What a patched render depends on besides the chart and values (its render-cache key part), or undefined. */
export function patchKeyOf(i: ReleaseInputs, chart: Pick<ResolvedChart, "generated">): unknown {
  if (!isChartified(i, chart)) return undefined;
  const needsKustomize = hasPatches(patchesOf(i)) || chart.generated === "kustomization";
  return { ...patchesOf(i), forceNamespace: i.forceNamespace, generated: chart.generated, version: i.version, kustomize: needsKustomize ? kustomizeIdentity(kustomizeFor(i).binary) : undefined };
}

/**
 * Runs `fn` with the path helm should use for this release's chart. `cluster`: chartify's render runs against the
 * cluster (`--dry-run=server`, as helmfile's sync does), for create/update; the preview renders offline.
 */
export async function withDeployChart<T>(
  i: ReleaseInputs,
  chart: ResolvedChart,
  o: { secrets: readonly string[]; cluster?: KubeTarget },
  fn: (chartPath: string) => Promise<T>,
): Promise<T> {
  if (!isChartified(i, chart)) return fn(chart.path);
  if (chart.generated && i.dependencies?.length) {
    throw new ChartifyInputError(`release ${releaseId(i)}: dependencies cannot be added to ${i.chart}, a ${chart.generated === "kustomization" ? "kustomization" : "directory of manifests"} (not a chart)`);
  }
  const helm = driverFor(i);
  const patches = patchesOf(i);
  const needsKustomize = hasPatches(patches) || chart.generated === "kustomization";
  return withChartified(
    {
      chartPath: chart.path,
      generated: chart.generated,
      chartVersion: i.version,
      namespace: i.namespace,
      forceNamespace: i.forceNamespace,
      kustomization: chart.generated === "kustomization" ? kustomizationEdits(i, (await helm.binary()).path) : undefined,
      patches,
      kustomize: needsKustomize ? kustomizeFor(i) : undefined,
      what: `release ${releaseId(i)}`,
      secrets: o.secrets,
      render: async (chartDir, outputDir) => {
        await helm.template({ ...templateRequest(i, chartDir, o.secrets), outputDir, cluster: o.cluster });
      },
    },
    fn,
  );
}
