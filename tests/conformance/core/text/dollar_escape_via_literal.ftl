${'$'}{name} ${r'${name}'}
