import { hideSecrets, MIN_SECRET_LENGTH, SECRET_MASK, secretForms } from "../../../provider/secrets/forms";
import { redact } from "../../../provider/helm/redact";
import { maskStrings } from "../../../provider/manifest/mask";

const secret = "p@ss w/rd+?";

describe("secret forms: the redactor and the preview masker hide the same strings", () => {
  const forms = secretForms([secret]);
  const encodings: [string, string][] = [
    ["plain", secret],
    ["base64", Buffer.from(secret).toString("base64")],
    ["base64url", Buffer.from(secret).toString("base64url")],
    ["URL-encoded", encodeURIComponent(secret)],
  ];
  it.each(encodings)("%s form", (_n, form) => {
    const text = `before ${form} after`;
    expect(forms).toContain(form);
    expect(redact(text, [secret])).toBe(`before ${SECRET_MASK} after`);
    expect(maskStrings({ k: text }, forms)).toEqual({ k: `before ${SECRET_MASK} after` });
  });

  it("JSON-escaped form (in JSON helm prints)", () => {
    const s = 'pa"ss\nword';
    const text = JSON.stringify({ v: s });
    expect(redact(text, [s])).toBe(`{"v":"${SECRET_MASK}"}`);
    expect(maskStrings(text, secretForms([s]))).toBe(`{"v":"${SECRET_MASK}"}`);
  });

  it("one length threshold for both", () => {
    const short = "x".repeat(MIN_SECRET_LENGTH - 1);
    const long = "y".repeat(MIN_SECRET_LENGTH);
    expect(redact(`${short} ${long}`, [short, long])).toBe(`${short} ${SECRET_MASK}`);
    expect(maskStrings(`${short} ${long}`, secretForms([short, long]))).toBe(`${short} ${SECRET_MASK}`);
  });

  it("longest form first: a secret containing another is hidden whole", () => {
    expect(hideSecrets("abcdef", ["abc", "abcdef"])).toBe(SECRET_MASK);
  });

  it("non-strings are ignored", () => {
    expect(secretForms([undefined, 42, null, "abcd"])).toContain("abcd");
  });
});
