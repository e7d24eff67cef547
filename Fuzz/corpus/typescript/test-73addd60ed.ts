#!node
