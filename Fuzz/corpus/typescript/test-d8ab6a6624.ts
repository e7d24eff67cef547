x = 'abc
y