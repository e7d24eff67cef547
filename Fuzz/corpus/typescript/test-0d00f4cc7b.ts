<a b="multi
line" />