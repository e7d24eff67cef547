a b
c