${price?c} ${pi?c} ${big?c} ${tiny?c} ${neg?c} ${0.0000001?c} ${1000000?c}
