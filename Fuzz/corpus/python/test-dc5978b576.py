from m import a as a
