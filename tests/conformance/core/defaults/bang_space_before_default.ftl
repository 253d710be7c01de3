${nope! 'x'}
