f'''a{x}
