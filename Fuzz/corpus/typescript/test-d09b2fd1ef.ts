function f(a = function () {}) {}
/re/g