datetime.strptime(value, "%H:%M")
time.strptime(value, fmt="%H:%M", *rest, **options)
obj.method(a, b=1)(c)[0](d)
a.b.c.d(e=f(g(h(i, j), k=[l, (m,)]), n), *o, **{"p": q})
print(  # comment
    x,  # trailing
    y=1,
)
f()()
x[0]()
def not_a_call(a, b): pass
class NotACall(Base): pass
if not ready(): pass
