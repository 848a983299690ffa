/**
 * `template`: every selected, installed release rendered with `helm template` (charts through the shared cache), in
 * release order, like `helmfile template`.
 */
import type { Command } from "./command";

/**
 * The provider and the release arguments pull in @pulumi/pulumi (~0.5 s of module loading): loaded when `template`
 * runs, so that `build`, `list` and `--help` do not pay for them.
 */
function renderingModules(): { templateRelease: typeof import("../../../provider").templateRelease; releaseInputs: typeof import("../../release-args").releaseInputs } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { templateRelease } = require("../../../provider") as typeof import("../../../provider");
  const { releaseInputs } = require("../../release-args") as typeof import("../../release-args");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { templateRelease, releaseInputs };
}

/** The template subcommand. */
export const templateCommand: Command = {
  name: "template",
  summary: "render every selected release with helm template (charts through the shared cache)",
  async run(ctx) {
    const state = await ctx.loadState();
    const { templateRelease, releaseInputs } = renderingModules();
    for (const r of state.releases) {
      if (!r.installed || r.condition?.value === false) continue;
      ctx.stderr(`Templating release=${r.name}, chart=${r.chart}\n`);
      const manifest = await templateRelease({ ...releaseInputs(r), helmBinary: ctx.env.PULUMI_HELMFILE_HELM });
      // helmfile prints each release's manifests followed by an empty line.
      ctx.stdout(`${manifest.endsWith("\n") ? manifest : `${manifest}\n`}\n`);
    }
    return 0;
  },
};
