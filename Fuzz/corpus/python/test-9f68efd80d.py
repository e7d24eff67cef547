import a
from b import (c,
 d)import e