${s?size}
