<#setting locale='de_DE'>${price} ${pi}
