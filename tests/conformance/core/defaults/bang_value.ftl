${nope!'d'} ${name!'d'} ${nothing!'null'}
