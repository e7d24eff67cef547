from x import (a,
b
import c