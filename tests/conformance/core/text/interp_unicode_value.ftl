[${uni}]
