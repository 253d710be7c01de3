${'${price} ${pi} ${big}'}
