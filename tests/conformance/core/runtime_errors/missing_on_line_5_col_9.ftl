a
b
c
d
    x  ${h.zz}
