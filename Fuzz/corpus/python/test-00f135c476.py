from . import x
from .. import y
from ... import z
from .... import w
from .a import b
from ...a.b import c
