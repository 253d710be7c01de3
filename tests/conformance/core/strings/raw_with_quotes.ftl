${r"it's"} ${r'say "hi"'}
