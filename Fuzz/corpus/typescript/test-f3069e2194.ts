x = {}
/re/g