${nope!1?c}|${(nope!1)?c}
