f'{x}\
y'