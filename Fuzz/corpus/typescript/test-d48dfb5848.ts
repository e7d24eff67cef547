a
b
  c