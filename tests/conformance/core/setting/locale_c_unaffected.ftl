<#setting locale='de_DE'>${price?c}
