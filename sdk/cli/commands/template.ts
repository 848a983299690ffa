/**
 * `template`: every selected, installed release rendered with `helm template` (charts through the shared cache), in
 * release order, like `helmfile template`.
 */
import { templateRelease } from "../../../provider";
import { releaseInputs } from "../../release-args";
import type { Command } from "./command";

/** The template subcommand. */
export const templateCommand: Command = {
  name: "template",
  summary: "render every selected release with helm template (charts through the shared cache)",
  async run(ctx) {
    const state = await ctx.loadState();
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
