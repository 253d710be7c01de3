${nope!nope2!'third'}
