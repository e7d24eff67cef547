#!/usr/bin/env node
const café = "😀";
const \u0061bc = \u{62};
class P { #priv = 1; get #g() { return this.#priv; } }
const big = 1_000n + 0xFFn + 0b1010 + 0o17 + .5e-3 + 1e+10;
const sp = 1;　x y;
