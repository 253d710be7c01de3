<#setting number_format='currency'>${price} ${neg}
