import { pullTls, registryHost, registryLogin, repositoryEntry } from "../../../provider/cache/credentials";

describe("a repository as helm's requests (chart cache and deps alike)", () => {
  it("pull TLS: the release's plainHttp / insecureSkipTLSVerify OR the repository's (helmfile's rule)", () => {
    expect(pullTls(undefined, { insecureSkipTLSVerify: true })).toMatchObject({ insecureSkipTlsVerify: true, plainHttp: undefined });
    expect(pullTls({ url: "r", skipTLSVerify: true }, {})).toMatchObject({ insecureSkipTlsVerify: true });
    expect(pullTls({ url: "r", insecureSkipTLSVerify: true }, { plainHttp: true })).toMatchObject({ insecureSkipTlsVerify: true, plainHttp: true });
    expect(pullTls({ url: "r", plainHttp: false, caFile: "/ca" }, { devel: true })).toEqual({ plainHttp: undefined, insecureSkipTlsVerify: undefined, caFile: "/ca", certFile: undefined, keyFile: undefined, devel: true });
  });
  it("registry login only with credentials; host from the URL", () => {
    expect(registryHost("oci://127.0.0.1:5000/team/charts")).toBe("127.0.0.1:5000");
    expect(registryLogin("h", { url: "h/c", username: "u" })).toBeUndefined();
    expect(registryLogin("h", { url: "h/c", username: "u", password: "p", skipTLSVerify: true })).toMatchObject({ host: "h", username: "u", password: "p", insecure: true });
  });
  it("repository entry under the given name", () => {
    expect(repositoryEntry("alias", { url: "https://c", username: "u", password: "p", passCredentials: true })).toMatchObject({ name: "alias", url: "https://c", username: "u", password: "p", passCredentials: true });
  });
});
