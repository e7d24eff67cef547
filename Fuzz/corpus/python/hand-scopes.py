import time
from datetime import time as t, datetime
from os.path import *
from .. import sibling
from ...pkg.mod import (name as alias, other)
import a.b.c as abc, d.e
if TYPE_CHECKING: import typing_only
try:
    import fast_json as json
except ImportError:
    import json
def outer(time, *args, t: int = 1, **kwargs):
    global datetime
    nonlocal_value = 1
    def inner():
        nonlocal nonlocal_value
        return time.time() + t.hour
    return [time for time in range(3) if time] + list(map(lambda time, *a: time, args))
class Scheduler(Base, metaclass=Meta):
    time = 5
    def method(self):
        return time.sleep(1)
    async def run(self, x):
        async with lock as held:
            pass
        for i, (j, k) in enumerate(pairs):
            yield from gen()
        raise ValueError() from err
match command:
    case Point(x=time) as t:
        pass
    case [first, *rest] if first:
        pass
    case {"key": value, **others}:
        pass
    case _:
        pass
a, b = c, *d = 1, 2
x: int = 5
y += 1
if (n := len(a)) > 10: print(n)
x.import_ = 1; from m import z
