x = foo(1, 'a')
