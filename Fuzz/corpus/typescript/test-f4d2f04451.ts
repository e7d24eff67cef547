x = /abc
y