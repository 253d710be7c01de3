${h.zz.yy}
