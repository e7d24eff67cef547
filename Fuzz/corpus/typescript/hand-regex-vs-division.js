var a = b / c / d;
var r = /ab+c/gi, s = /[/]/.source, t = /\//;
x = y / 2 / z;
if (ok) /foo/.test(s);
while (x) /bar/g.exec(s);
for (;;) /x/;
return /re/;
a = b++ / 2; c = d-- / 3;
e = (f) / g; h = [i] / j; k = {l} / m;
n = typeof /re/; o = void /x/; p = yield /y/;
q = x / y /* comment */ / z // line comment
const fn = function () {} / 1;
class K {} /re/.test(a);
}/stray/
a = b
/re/g.test(c)
let v = 1 /2/ 3;
obj.return / 2; obj.typeof / 3;
x = a ? /b/ : /c/;
y = a?.b / 2 ?? /d/;
