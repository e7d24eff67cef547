def f(
    a,
    b):
    return a + b

class C:
    x = 1    y = 2z = """crlf
inside
"""
w = 1 + \
    2
