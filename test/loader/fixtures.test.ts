/** Runs every fixture of the helmfile corpus through loadHelmfile and compares with expected.yaml / error.txt. */
import { HelmfileLoadError, loadHelmfile } from "../../sdk/loader";
import { listFixtures, loadArgs, normalizeMessage, normalizeState } from "./fixtureCorpus";

const fixtures = listFixtures();

describe("helmfile fixture corpus", () => {
  it("has at least 60 fixtures, each with expected.yaml or error.txt", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
    for (const f of fixtures) expect([f.name, f.expected !== undefined || f.errorFragments !== undefined]).toEqual([f.name, true]);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const { file, options } = loadArgs(f);
    if (f.errorFragments) {
      let caught: unknown;
      try {
        await loadHelmfile(file, options);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(HelmfileLoadError);
      const message = normalizeMessage((caught as Error).message, f.dir);
      for (const fragment of f.errorFragments) expect(message).toContain(fragment);
    } else {
      const state = await loadHelmfile(file, options);
      expect(normalizeState(state, f.dir)).toEqual(f.expected);
    }
  });
});
