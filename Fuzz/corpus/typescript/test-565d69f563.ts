a // x /* y
b /* c
 d */ e