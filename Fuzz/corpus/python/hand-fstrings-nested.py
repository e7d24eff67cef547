name = "world"
width = 10
items = {"a": 1}
print(f"hello {name}!")
print(f"{name!r:>{width}} and {{literal}} and }}")
print(f"{f'{f"{name}"}'}")
print(f"""multi
line {name
  .upper()} {items["a"]:{width}.{2}f} end""")
print(rf"raw \d{name}\N{x}" fr'{width}' Rf"{name}" F'{width=}')
print(f"\N{GREEK SMALL LETTER ALPHA} {name:=^{width}} {width:#x}")
print(f"{name:{'>' if width else '<'}{width}}")
print(t"template {name} string")
lambda_in_field = f"{(lambda x: x * 2)(width)}"
walrus = f"{(y := 10)}"
dict_in_field = f"{ {'k': 1}['k'] }"
spec_colon = f"{name:}"
nested_quotes = f'{"\'"}'
x = f"{
    name
}"
