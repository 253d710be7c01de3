${h.c.d}
