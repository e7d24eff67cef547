'a\
b' x