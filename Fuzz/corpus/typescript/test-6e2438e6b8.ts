x = { a: 1, b, "c": 2, 'd': 3, 4: 5, ["e"]: 6, [`f`]: 7, [g]: 8, h() {}, async i() {}, *j() {},
      get k() { return 1 }, set l(v) {}, ...m, get: 1, n = 2, "o\u0070": 3 }