/**
 * `template`: every selected, installed release rendered with `helm template` (charts through the shared cache), in
 * helmfile's order (needs first, ./renderOrder), like `helmfile template`; its flags as helmfile's (./templateInputs). stdout carries only the
 * manifests; progress goes to stderr (nowhere with -q).
 */
import { boolFlag, stringFlag } from "../args";
import type { FlagValue } from "../flags";
import { renderOrder } from "../renderOrder";
import { templateArgsOf, templateInputsOf, templateOptionsOf } from "../templateInputs";
import type { Command } from "./command";
import { reveal } from "../../state/secret";

type Provider = typeof import("../../../provider");

/**
 * The provider and the release arguments pull in @pulumi/pulumi (~0.5 s of module loading): loaded when `template`
 * runs, so that `build`, `list` and `--help` do not pay for them.
 */
function renderingModules(): Pick<Provider, "templateRelease" | "setProgressSink"> & { releaseInputs: typeof import("../../release-args").releaseInputs } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { templateRelease, setProgressSink } = require("../../../provider") as Provider;
  const { releaseInputs } = require("../../release-args") as typeof import("../../release-args");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { templateRelease, setProgressSink, releaseInputs };
}

/** -q, or a --log-level above info, silences progress (helmfile logs it at info); --debug wins. */
function quiet(flags: ReadonlyMap<string, FlagValue>): boolean {
  if (boolFlag(flags, "debug")) return false;
  const level = stringFlag(flags, "log-level");
  return boolFlag(flags, "quiet") || (level !== undefined && !["debug", "info"].includes(level));
}

/** The template subcommand. */
export const templateCommand: Command = {
  name: "template",
  summary: "render every selected release with helm template (charts through the shared cache)",
  async run(ctx) {
    const options = templateOptionsOf(ctx.args.flags, ctx.env);
    const state = await ctx.loadState();
    const { templateRelease, setProgressSink, releaseInputs } = renderingModules();
    const log = quiet(ctx.args.flags) ? () => undefined : (line: string) => ctx.stderr(`${line}\n`);
    setProgressSink(log);
    // helmfile renders the installed releases in the order of their needs (groups by depth, then definition order).
    for (const r of renderOrder(state.releases.filter((x) => x.installed && x.condition?.value !== false))) {
      log(`Templating release=${r.name}, chart=${r.chart}`);
      const manifest = await templateRelease(templateInputsOf(reveal(releaseInputs(r, state)), r, state, options), templateArgsOf(options));
      // helmfile prints each release's manifests followed by an empty line.
      ctx.stdout(`${manifest.endsWith("\n") ? manifest : `${manifest}\n`}\n`);
    }
    return 0;
  },
};
