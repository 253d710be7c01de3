${.vars['a@b']} ${.vars['$d']}
