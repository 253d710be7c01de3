${s}${name}${n}
