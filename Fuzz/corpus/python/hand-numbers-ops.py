n = 0x_ff + 0o17 + 0b1010 + 1_000_000 + 1.5e-3 + .5 + 5. + 3j + 1e10J + 0xDEAD_BEEF
m = a ** b // c @ d << e >> f & g | h ^ ~i
a **= 1; b //= 2; c @= d; e <<= 1; f >>= 2; g |= 3; h ^= 4; i &= 5; j %= 6
k = a if b else c; l = a != b <= c >= d == e < f > g
print(*args, **kwargs); x -> y ... ...
