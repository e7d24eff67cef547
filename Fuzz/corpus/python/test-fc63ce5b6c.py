import a.b.c as d, e
