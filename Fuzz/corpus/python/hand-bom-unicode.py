import os
from . import (a as b,
  c,)
# été 🎉
s = "🎉" + 中文
