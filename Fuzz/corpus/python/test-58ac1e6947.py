r'a\
b'
