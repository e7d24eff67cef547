f'abc
x
