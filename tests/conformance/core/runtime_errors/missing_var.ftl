${nope}
