a = 'unterminated single
b = "unterminated double
c = f"unterminated f {name
d = f"field never closes {
e = f'{x:spec never closes
g = rb'bytes \
continued'
h = """triple at EOF
never closes {x} f"{y}"
