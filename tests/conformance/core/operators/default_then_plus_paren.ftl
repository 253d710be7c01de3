${(nope!1)+(nope!2)}
