s = f"""a
{
  x +
  y # c
}"b"
"""
z
