<#setting number_format='computer'>${price} ${big} ${tiny}
