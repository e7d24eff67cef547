x = 1; import os; from a import b ;import c
