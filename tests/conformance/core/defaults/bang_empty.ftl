[${nope!}]
