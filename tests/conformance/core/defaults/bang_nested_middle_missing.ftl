${h.zz.yy!'d'}
