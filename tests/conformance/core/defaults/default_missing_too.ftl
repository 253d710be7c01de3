${nope!nope2}
