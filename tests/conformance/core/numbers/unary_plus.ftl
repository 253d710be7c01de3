${+n} ${+neg}
