${h.zz!'d'}
