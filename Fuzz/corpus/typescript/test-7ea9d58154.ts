`x
y` z