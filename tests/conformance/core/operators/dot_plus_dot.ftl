${h.a+h.a} ${h.b+h.b}
