x = 'abc
y = "d
z = b'