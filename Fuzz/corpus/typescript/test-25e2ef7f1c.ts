const a = require('a')
foo()