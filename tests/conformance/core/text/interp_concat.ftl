${s + ' ' + name}
