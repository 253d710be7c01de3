${nope!1 + 2} ${(nope!1) + 2}
