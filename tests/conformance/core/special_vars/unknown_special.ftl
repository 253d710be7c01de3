${.nosuch}
