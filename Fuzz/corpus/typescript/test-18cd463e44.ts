x = "abc
y