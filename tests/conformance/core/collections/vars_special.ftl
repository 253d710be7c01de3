${.vars['name']} ${.vars['n'] + 1}
