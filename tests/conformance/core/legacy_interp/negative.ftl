#{neg} #{-pi; m2}
