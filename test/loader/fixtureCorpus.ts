/** The helmfile fixture corpus under test/fixtures/helmfile: discovery, options, expected results. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { LoadOptions } from "../../sdk/loader";
import type { HelmfileState } from "../../sdk/state";

/** Root of the corpus. */
export const corpusRoot = path.resolve(__dirname, "../fixtures/helmfile");

/** `options.yaml` of a fixture. */
export interface FixtureOptions extends LoadOptions {
  /** Path to load, relative to the fixture dir (default "."). */
  file?: string;
}

/** One fixture. */
export interface Fixture {
  /** Behaviour name (directory name). */
  name: string;
  /** Absolute fixture directory. */
  dir: string;
  /** Options for loadHelmfile. */
  options: FixtureOptions;
  /** Expected state (with `${FIXTURE}` for the fixture dir), when the load must succeed. */
  expected?: unknown;
  /** Message fragments, when the load must fail. */
  errorFragments?: string[];
}

/** The placeholder standing for the fixture directory in expected files. */
export const FIXTURE_PLACEHOLDER = "${FIXTURE}";

/** Lists every fixture, sorted by name. */
export function listFixtures(): Fixture[] {
  return fs
    .readdirSync(corpusRoot)
    .filter((n) => fs.statSync(path.join(corpusRoot, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(corpusRoot, name);
      const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : undefined);
      const opts = read("options.yaml");
      const expected = read("expected.yaml");
      const error = read("error.txt");
      return {
        name,
        dir,
        options: opts ? (parse(opts) as FixtureOptions) : {},
        expected: expected !== undefined ? parse(expected) : undefined,
        errorFragments: error !== undefined ? error.split("\n").map((l) => l.trim()).filter(Boolean) : undefined,
      };
    });
}

/** Load options of a fixture: an isolated env (only what options.yaml gives) and paths relative to the fixture. */
export function loadArgs(f: Fixture): { file: string; options: LoadOptions } {
  const { file, ...rest } = f.options;
  return {
    file: path.join(f.dir, file ?? "."),
    options: {
      ...rest,
      env: { ...(rest.env ?? {}) },
      stateValuesFiles: rest.stateValuesFiles?.map((p) => path.join(f.dir, p)),
    },
  };
}

/** The state as plain data with the fixture dir replaced by the placeholder. */
export function normalizeState(state: HelmfileState, dir: string): unknown {
  const json = JSON.stringify(state).split(dir).join(FIXTURE_PLACEHOLDER);
  return JSON.parse(json);
}

/** Replaces the fixture dir in an error message. */
export function normalizeMessage(message: string, dir: string): string {
  return message.split(dir).join(FIXTURE_PLACEHOLDER);
}
