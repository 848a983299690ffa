/** helmfile's extra-args split (pkg/argparser CollectArgs and its tests). */
import { collectArgs } from "../../sdk/loader/collectArgs";

describe("collectArgs", () => {
  it("pairs flags with their values, keeps --f=v, drops empty words", () => {
    expect(collectArgs(" --set  app1.bootstrap=true  --set app2.bootstrap=true --timeout  3600 --force ")).toEqual([
      "--set", "app1.bootstrap=true", "--set", "app2.bootstrap=true", "--timeout", "3600", "--force",
    ]);
    expect(collectArgs("--set=a=b -f")).toEqual(["--set=a=b", "-f"]);
  });

  it("groups a repeated flag at its first position and drops words that are neither flags nor values", () => {
    expect(collectArgs("--a 1 --b --a=2 stray --c 3 4")).toEqual(["--a", "1", "--a=2", "--b", "--c", "3"]);
  });
});
