x
#!y