print(f'{a}',
  f"{b!r}")
