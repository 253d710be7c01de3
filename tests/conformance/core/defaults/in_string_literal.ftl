${'v=${nope!"d"}'}
