`abc
def