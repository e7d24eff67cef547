function f() {}
/re/.test(s)