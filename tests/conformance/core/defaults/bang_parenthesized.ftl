${(h.zz.yy)!'d'} ${(nope.a.b)!'d2'}
