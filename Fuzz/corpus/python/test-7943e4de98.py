x.import
x.from
f(import)
[from]
{a: import}
