/**
 * The chart one helm command deploys or renders for a release: its resolved chart (./release-chart.ts), or — when the
 * release has patches (`jsonPatches`, `strategicMergePatches`, `transformers`) — a chartified copy of it
 * (../chartify/chartify.ts), built for that one command in a private temporary directory and removed after it. The
 * preview render, `pulumi-helmfile template` and create/update all go through here, so what the preview shows is
 * what is installed.
 */
import type { ResolvedChart } from "../cache";
import { withChartified } from "../chartify/chartify";
import { hasPatches, type PatchInputs } from "../chartify/kustomization";
import type { KubeTarget } from "../helm/types";
import { KustomizeDriver, kustomizeIdentity } from "../kustomize/driver";
import { driverFor } from "./context";
import { releaseId, type ReleaseInputs } from "./inputs";
import { templateRequest } from "./template-request";

/** The release's chartify inputs. */
export function patchesOf(i: ReleaseInputs): PatchInputs {
  return { jsonPatches: i.jsonPatches, strategicMergePatches: i.strategicMergePatches, transformers: i.transformers };
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
export function patchKeyOf(i: ReleaseInputs): unknown {
  const p = patchesOf(i);
  return hasPatches(p) ? { ...p, kustomize: kustomizeIdentity(kustomizeFor(i).binary) } : undefined;
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
  const patches = patchesOf(i);
  if (!hasPatches(patches)) return fn(chart.path);
  const helm = driverFor(i);
  return withChartified(
    {
      chartPath: chart.path,
      patches,
      kustomize: kustomizeFor(i),
      what: `release ${releaseId(i)}`,
      secrets: o.secrets,
      render: async (chartDir, outputDir) => {
        await helm.template({ ...templateRequest(i, chartDir, o.secrets), outputDir, cluster: o.cluster });
      },
    },
    fn,
  );
}
