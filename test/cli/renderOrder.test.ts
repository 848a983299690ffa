import { renderOrder } from "../../sdk/cli/renderOrder";

const r = (id: string, needs: string[] = []) => ({ id, needs });

describe("renderOrder (helmfile's DAG groups, definition order within a group)", () => {
  it("needs first, whatever the file order; independent releases keep theirs", () => {
    expect(renderOrder([r("app", ["db", "cache"]), r("db"), r("cache", ["db"]), r("metrics")]).map((x) => x.id)).toEqual(["db", "metrics", "cache", "app"]);
  });
  it("needs outside the set are ignored", () => {
    expect(renderOrder([r("b", ["gone"]), r("a")]).map((x) => x.id)).toEqual(["b", "a"]);
  });
});
