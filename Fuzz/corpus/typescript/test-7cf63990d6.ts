`a\`b
c` x