x = /a[/
y