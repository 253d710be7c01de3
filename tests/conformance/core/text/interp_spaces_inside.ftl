${ name }|${	n	}
