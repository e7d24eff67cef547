s = """one
"two"
"""; t = 1
