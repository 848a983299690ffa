/** Property tests for sprig's non-deterministic functions (they cannot be compared with Go output). */
import { renderTemplate } from "../../sdk/template";

const opts = { name: "t", baseDir: __dirname };
const r = (t: string) => renderTemplate(t, {}, opts);

describe("random and time-dependent functions", () => {
  test("uuidv4 is a fresh RFC 4122 version-4 UUID", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const u = r("{{ uuidv4 }}");
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(u);
    }
    expect(seen.size).toBe(50);
  });

  test("randBytes returns base64 of N bytes", () => {
    for (const n of [0, 1, 16, 33]) {
      const s = r(`{{ randBytes ${n} }}`);
      expect(Buffer.from(s, "base64").length).toBe(n);
      expect(Buffer.from(s, "base64").toString("base64")).toBe(s);
    }
  });

  describe("random strings (sprig randAlphaNum/randAlpha/randAscii/randNumeric)", () => {
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
    const letters = [...range(65, 90), ...range(97, 122)];
    const digits = range(48, 57);
    test.each([
      ["randAscii", range(32, 126)],
      ["randAlpha", letters],
      ["randNumeric", digits],
      ["randAlphaNum", [...letters, ...digits]],
    ])("%s draws exactly its character set, fresh each call", (fn, charset) => {
      const s = r(`{{ ${fn} 4000 }}`);
      expect(s.length).toBe(4000);
      // every character of the set shows up in 4000 uniform draws (a miss has probability < 95·(94/95)^4000 ≈ 1e-16)
      expect([...new Set(s)].sort()).toEqual([...charset].sort());
      expect(r(`{{ ${fn} 4000 }}`)).not.toBe(s);
    });

    test("randAlphaNum does not force a digit in (goutils v1.1.1, which sprig v3.3.0 uses)", () => {
      const singles = new Set(Array.from({ length: 300 }, () => r("{{ randAlphaNum 1 }}")));
      expect([...singles].some((c) => /^[A-Za-z]$/.test(c))).toBe(true);
      expect([...singles].some((c) => /^[0-9]$/.test(c))).toBe(true);
    });

    test("counts of 0 or less give an empty string; the count is a Go int", () => {
      for (const fn of ["randAlphaNum", "randAlpha", "randAscii", "randNumeric"]) {
        expect(r(`[{{ ${fn} 0 }}][{{ ${fn} -3 }}]`)).toBe("[][]");
        expect(renderTemplate(`{{ ${fn} .n | len }}`, { n: 5 }, opts)).toBe("5");
        expect(r(`{{ ${fn} 3.0 | len }}`)).toBe("3");
        expect(() => r(`{{ ${fn} "3" }}`)).toThrow(`expected integer; found "3"`);
        expect(() => renderTemplate(`{{ ${fn} .n }}`, { n: 1.5 }, opts)).toThrow("wrong type for value; expected int; got float64");
      }
    });
  });

  test("randInt stays within [min, max)", () => {
    const vals = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const v = Number(r("{{ randInt 3 7 }}"));
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThan(7);
      vals.add(v);
    }
    expect(vals.size).toBe(4);
  });

  test("encryptAES uses a random IV but always decrypts back", () => {
    const a = r(`{{ encryptAES "pw" "secret" }}`);
    const b = r(`{{ encryptAES "pw" "secret" }}`);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64").length).toBe(32);
    expect(renderTemplate(`{{ decryptAES "pw" .c }}`, { c: a }, opts)).toBe("secret");
  });
});

describe("clock-dependent functions", () => {
  test("now is the current time, printed like Go (with a monotonic reading)", () => {
    const before = Math.floor(Date.now() / 1000);
    const epoch = Number(r("{{ now | unixEpoch }}"));
    const after = Math.floor(Date.now() / 1000);
    expect(epoch).toBeGreaterThanOrEqual(before);
    expect(epoch).toBeLessThanOrEqual(after);
    expect(r("{{ now }}")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \S+ m=\+\d+\.\d{9}$/);
    expect(r(`{{ now | date "2006" }}`)).toBe(String(new Date().getFullYear()));
    expect(r("{{ typeOf now }}")).toBe("time.Time");
  });

  test("ago and durationRound measure from now", () => {
    const t = Math.floor(Date.now() / 1000) - 3725;
    expect(renderTemplate("{{ ago .t }}", { t }, opts)).toMatch(/^1h2m(5|6)s$/);
    expect(renderTemplate(`{{ toDate "2006-01-02" "2000-01-01" | durationRound }}`, {}, opts)).toMatch(/^\d+y$/);
  });

  test("date with a non-time argument formats the current time", () => {
    expect(r(`{{ date "2006-01-02" "x" }}`)).toBe(r(`{{ now | date "2006-01-02" }}`));
  });
});

describe("shuffle", () => {
  test("is a permutation of the runes", () => {
    const input = "héllo wörld 123";
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const out = renderTemplate(`{{ shuffle .s }}`, { s: input }, opts);
      expect(Array.from(out).sort()).toEqual(Array.from(input).sort());
      seen.add(out);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe("genPrivateKey", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crypto = require("node:crypto") as typeof import("node:crypto");
  test.each([
    ["ecdsa", "EC PRIVATE KEY", "ec"],
    ["ed25519", "PRIVATE KEY", "ed25519"],
    ["rsa", "RSA PRIVATE KEY", "rsa"],
  ])("%s produces a fresh %s PEM", (typ, header, keyType) => {
    const a = r(`{{ genPrivateKey "${typ}" }}`);
    const b = r(`{{ genPrivateKey "${typ}" }}`);
    expect(a).not.toBe(b);
    expect(a.startsWith(`-----BEGIN ${header}-----\n`)).toBe(true);
    expect(a.endsWith(`-----END ${header}-----\n`)).toBe(true);
    for (const line of a.split("\n").slice(1, -2)) expect(line.length).toBeLessThanOrEqual(64);
    const key = crypto.createPrivateKey(a);
    expect(key.asymmetricKeyType).toBe(keyType);
    if (typ === "rsa") expect(key.asymmetricKeyDetails?.modulusLength).toBe(4096);
    if (typ === "ecdsa") expect(key.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  }, 60_000);

  test("unknown types and dsa", () => {
    expect(r(`{{ genPrivateKey "foo" }}`)).toBe("Unknown type foo");
    expect(() => r(`{{ genPrivateKey "dsa" }}`)).toThrow(/dsa.*not supported/);
  });
});

describe("bcrypt / htpasswd (random salt: verified by Go's golang.org/x/crypto/bcrypt)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bcryptCheckGo } = require("./goref") as typeof import("./goref");
  test("hashes verify in Go, reject wrong passwords, and are salted", () => {
    const passwords = ["secret", "", "pässwörd with spaces", "x".repeat(72)];
    const hashes = passwords.map((p) => renderTemplate(`{{ bcrypt .p }}`, { p }, opts));
    for (const h of hashes) expect(h).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(renderTemplate(`{{ bcrypt "secret" }}`, {}, opts)).not.toBe(hashes[0]);
    const results = bcryptCheckGo([
      ...passwords.map((password, i) => ({ hash: hashes[i], password })),
      { hash: hashes[0], password: "Secret" },
    ]);
    expect(results).toEqual([true, true, true, true, false]);
  }, 120_000);

  test("htpasswd and errors are formatted like sprig", () => {
    const line = r(`{{ htpasswd "admin" "pw" }}`);
    expect(line).toMatch(/^admin:\$2a\$10\$/);
    expect(bcryptCheckGo([{ hash: line.slice("admin:".length), password: "pw" }])).toEqual([true]);
    expect(r(`{{ htpasswd "a:b" "pw" }}`)).toBe("invalid username: a:b");
    expect(r(`{{ bcrypt .p }}`.replace(".p", JSON.stringify("y".repeat(73))))).toBe("failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
  }, 120_000);
});
